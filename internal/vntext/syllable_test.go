package vntext

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The fast paths of IsSyllableRune for Vietnamese letters must agree with
// its definition on every rune up to the end of Greek Extended.
func TestIsSyllableRuneAgreesWithUnicode(t *testing.T) {
	for r := rune(0); r <= 0x1FFF; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
		if r < utf8.RuneSelf {
			want = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		}
		if got := IsSyllableRune(r); got != want {
			t.Errorf("IsSyllableRune(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		in   string
		want []string // syllables, "|" before one that follows a break
	}{
		{"Thủ tục đăng ký", []string{"Thủ", "tục", "đăng", "ký"}},
		{"Điều 5, khoản 2.", []string{"Điều", "5", "|khoản", "2"}},
		{"cư trú. Công dân", []string{"cư", "trú", "|Công", "dân"}},
		{"a+b:c~d", []string{"a", "b", "|c", "d"}},
		{"31/12/2022", []string{"31", "12", "2022"}},
		{"Ba\u0300 \u0110i\u0300nh", []string{"Ba\u0300", "\u0110i\u0300nh"}},
		{"\xffđ\xfe", []string{"đ"}},
		{"  ", nil},
		{`"kết hôn"`, []string{"kết", "hôn"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range Syllables(tt.in) {
			w := tt.in[s.Start:s.End]
			if s.Break {
				w = "|" + w
			}
			got = append(got, w)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Syllables(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// vietnamese holds every letter Vietnamese writes, in both cases, composed.
const vietnamese = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ" +
	"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ0123456789"

func TestAppendFoldAgreesWithFold(t *testing.T) {
	letters := []rune(vietnamese)
	for _, r := range letters {
		s := string(r)
		if got, want := string(AppendFold(nil, s)), Fold(s); got != want {
			t.Errorf("AppendFold(%q) = %q, Fold = %q", s, got, want)
		}
	}
	for r := rune(0xC0); r <= 0x24F; r++ { // the other Latin letters
		s := "x" + string(r) + "y"
		if strings.TrimSpace(Fold(s)) != Fold(s) || !utf8.ValidString(s) {
			continue
		}
		if got, want := string(AppendFold(nil, s)), Fold(s); got != want {
			t.Errorf("AppendFold(%q) = %q, Fold = %q", s, got, want)
		}
	}
	decomposed := "Ba\u0300 \u0110i\u0300nh"
	for _, s := range Syllables(decomposed) {
		w := decomposed[s.Start:s.End]
		if got, want := string(AppendFold(nil, w)), Fold(w); got != want {
			t.Errorf("AppendFold(%q) = %q, Fold = %q", w, got, want)
		}
	}
}

func FuzzAppendFold(f *testing.F) {
	f.Add("Đường")
	f.Add("Ba\u0300")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !IsSyllableRune(r) || r > foldTableHi }) {
			return // AppendFold's contract: one syllable of the Latin and neighbouring scripts
		}
		if got, want := string(AppendFold(nil, s)), Fold(s); got != want {
			t.Errorf("AppendFold(%q) = %q, Fold = %q", s, got, want)
		}
	})
}

func TestHasDiacritics(t *testing.T) {
	for s, want := range map[string]bool{
		"thu tuc": false, "thủ tục": true, "Điều": true, "dieu 5": false,
		"a\u0300": true, "Æsir": false, "": false,
	} {
		if got := HasDiacritics(s); got != want {
			t.Errorf("HasDiacritics(%q) = %v", s, got)
		}
	}
}
