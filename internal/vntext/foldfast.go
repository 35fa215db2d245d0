package vntext

import (
	"unicode"
	"unicode/utf8"
)

// foldTable maps each letter of the Latin blocks that Vietnamese uses to its
// folded form (lower case, no diacritic, đ→d); 0 means "not in the table".
var foldTable = buildFoldTable()

const (
	foldTableLo = 0xC0
	foldTableHi = 0x1EFF
)

func buildFoldTable() []rune {
	t := make([]rune, foldTableHi-foldTableLo+1)
	for r := rune(foldTableLo); r <= foldTableHi; r++ {
		f := Fold(string(r))
		if fr, n := utf8.DecodeRuneInString(f); n == len(f) && n > 0 {
			t[r-foldTableLo] = fr
		}
	}
	return t
}

// AppendFold appends the folded form of s to dst and returns the extended
// slice. For a syllable of the Latin script (Vietnamese and the scripts up
// to U+1EFF) it gives the same bytes as Fold; it folds rune by rune, so
// scripts that Fold decomposes further (Hangul) keep their composition. It
// is meant for single syllables in hot paths (the search analyzer), and
// allocates nothing when dst has room. Index and query must fold with the
// same function.
func AppendFold(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
		case r >= foldTableLo && r <= foldTableHi && foldTable[r-foldTableLo] != 0:
			dst = utf8.AppendRune(dst, foldTable[r-foldTableLo])
		case unicode.Is(unicode.Mn, r):
			// a combining mark of decomposed text: dropped, as by Fold
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// HasDiacritics reports whether s carries any Vietnamese diacritic (a tone
// or vowel mark, or the stroke of đ). A query typed without them is matched
// on folded forms only.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			return true
		}
		if r >= foldTableLo && r <= foldTableHi {
			if f := foldTable[r-foldTableLo]; f != 0 && f < utf8.RuneSelf {
				return true
			}
		}
	}
	return false
}

// unfoldTable maps a folded letter to the lower-case letters of the table
// that fold to it, itself first: 'd' → d, đ; 'a' → a, à, á, ả, ã, ạ, ă, …
var unfoldTable = buildUnfoldTable()

func buildUnfoldTable() map[rune][]rune {
	m := map[rune][]rune{}
	for r := rune(foldTableLo); r <= foldTableHi; r++ {
		f := foldTable[r-foldTableLo]
		if f == 0 || unicode.ToLower(r) != r || f == r {
			continue
		}
		if m[f] == nil {
			m[f] = []rune{f}
		}
		m[f] = append(m[f], r)
	}
	return m
}

// Unfold returns the lower-case letters that fold to r (r itself first),
// e.g. Unfold('d') = [d đ]; for a letter without accented forms, a digit or
// a letter of another script it returns just r. The result must not be
// modified.
func Unfold(r rune) []rune {
	if rs, ok := unfoldTable[r]; ok {
		return rs
	}
	return []rune{r}
}
