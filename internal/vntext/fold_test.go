package vntext

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hoàn Kiếm", "hoan kiem"},
		{"  PHƯỜNG   Đống Đa ", "phuong dong da"},
		{"đường", "duong"},
		{"Ba\u0300 \u0110i\u0300nh", "ba dinh"}, // decomposed input
		{"thu tuc", "thu tuc"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripDiacritics(t *testing.T) {
	if got := StripDiacritics("Điều 5 Luật Cư trú"); got != "Dieu 5 Luat Cu tru" {
		t.Errorf("StripDiacritics = %q", got)
	}
}

func TestNormalizeComposes(t *testing.T) {
	if Normalize("Ba\u0300") != Normalize("Bà") {
		t.Error("decomposed and composed forms differ after Normalize")
	}
}
