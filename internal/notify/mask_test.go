package notify

import "testing"

func TestMaskEmail(t *testing.T) {
	tests := map[string]string{
		"nguyenvana@gmail.com":     "ng*******@g****.com",
		"a@hanoi.gov.vn":           "*******@h****.vn",
		"an@x.vn":                  "a*******@x****.vn",
		"trần.thị.b@mail.hanoi.vn": "tr*******@m****.vn",
		"not-an-address":           "*******",
		"  nguyenvana@gmail.com  ": "ng*******@g****.com",
		"someone@localhost":        "so*******@l****",
	}
	for in, want := range tests {
		if got := MaskEmail(in); got != want {
			t.Errorf("MaskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	tests := map[string]string{
		"0912345678":   "091****678",
		"+84912345678": "+84****678",
		"113":          "****13",
		"":             "****",
	}
	for in, want := range tests {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScrub(t *testing.T) {
	got := scrub("550 <an@x.vn>: rejected", "an@x.vn", "a*******@x****.vn")
	if got != "550 <a*******@x****.vn>: rejected" {
		t.Errorf("got %q", got)
	}
}
