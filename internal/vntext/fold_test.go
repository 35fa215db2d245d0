package vntext

import (
	"slices"
	"testing"
)

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

func TestUnfold(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want []rune // must all be present
	}{
		{'d', []rune{'d', 'đ'}},
		{'a', []rune{'a', 'à', 'ă', 'ắ', 'â', 'ậ'}},
		{'o', []rune{'o', 'ô', 'ơ', 'ờ', 'ộ'}},
		{'u', []rune{'u', 'ư', 'ự'}},
		{'5', []rune{'5'}},
	} {
		got := Unfold(c.r)
		if got[0] != c.r {
			t.Errorf("Unfold(%q)[0] = %q", c.r, got[0])
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Unfold(%q) = %q, lacks %q", c.r, string(got), w)
			}
		}
		for _, g := range got {
			if f := string(AppendFold(nil, string(g))); f != string(c.r) {
				t.Errorf("Unfold(%q) has %q, which folds to %q", c.r, g, f)
			}
		}
	}
}
