package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFC, lower-cased, with runs of white space
// collapsed to one space and the ends trimmed. Vietnamese text arrives in both
// composed and decomposed forms (and with several ways of placing tone marks);
// NFC makes equal words equal bytes.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Fold returns the normalised form of s with every diacritic removed and đ
// mapped to d, so "Hoàn Kiếm" and "hoan kiem" fold to the same "hoan kiem".
// Fold is what a citizen typing on a phone without a Vietnamese keyboard
// produces, and what filters and the search index compare on.
func Fold(s string) string {
	s = Normalize(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark: tone or vowel diacritic
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripMarks removes combining marks; kept as a transformer for callers that
// stream (see FoldWriter users in search).
var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// StripDiacritics removes diacritics but keeps case and spacing, and maps đ/Đ
// to d/D. It is used to produce the diacritic-free variant of a query or a
// display string ("Điều 5" → "Dieu 5").
func StripDiacritics(s string) string {
	out, _, err := transform.String(stripMarks, s)
	if err != nil {
		return s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}
