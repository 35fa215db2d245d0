package unitimport

import "testing"

func TestSameUpToToneMarks(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Xã Hoà Lạc", "Xã Hòa Lạc", true},
		{"Xã Thanh Thuỷ", "Xã Thanh Thủy", true},
		{"Xã Điềm Thuỵ", "Xã Điềm Thụy", true},
		{"Xã Chiêm Hoá", "Xã Chiêm Hóa", true},
		{"Xã Hoà", "Xã Hoa", false},         // a tone lost
		{"Xã Hòa", "Xã Hóa", false},         // another tone
		{"Xã Hoà", "Xã Hoà Lạc", false},     // another syllable
		{"xã Bắc Sơn", "Xã Bắc Sơn", false}, // case
		{"Xã Ân", "Xã An", false},           // a vowel mark, not a tone
	}
	for _, tt := range tests {
		if got := sameUpToToneMarks(tt.a, tt.b); got != tt.want {
			t.Errorf("sameUpToToneMarks(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestProvinceKey(t *testing.T) {
	for _, s := range []string{"Tp Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "TP. Hồ Chí Minh"} {
		if got := provinceKey(s); got != "ho chi minh" {
			t.Errorf("provinceKey(%q) = %q", s, got)
		}
	}
}
