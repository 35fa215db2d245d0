package vntext

import (
	"unicode"
	"unicode/utf8"
)

// Syllable locates one syllable of a text: a maximal run of letters, digits
// and combining marks. Start and End are byte offsets into the text, so
// text[Start:End] is always whole UTF-8 characters.
type Syllable struct {
	Start, End int

	// Break is true when punctuation that ends a clause (. , ; : ! ? …,
	// brackets, quotes or a line break) separates this syllable from the
	// previous one. Syllables across a break do not form a word together.
	Break bool
}

// Syllables splits s into syllables. Every other character separates
// syllables: Vietnamese writes one syllable per space-separated token, and
// numbers ("Điều 5", "2014") are syllables too. Invalid UTF-8 bytes are
// separators; they never end up inside a syllable.
func Syllables(s string) []Syllable {
	out := make([]Syllable, 0, len(s)/5+1)
	start, brk := -1, false
	for i, r := range s {
		if r != utf8.RuneError && IsSyllableRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Syllable{Start: start, End: i, Break: brk})
			start, brk = -1, false
		}
		if len(out) > 0 && isBreakRune(r) {
			brk = true
		}
	}
	if start >= 0 {
		out = append(out, Syllable{Start: start, End: len(s), Break: brk})
	}
	return out
}

// IsSyllableRune reports whether r belongs inside a syllable: a letter, a
// digit or a combining mark (decomposed text carries its tones as marks).
func IsSyllableRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0x1EA0 <= r && r <= 0x1EF9: // Latin Extended Additional: the toned Vietnamese vowels, all letters
		return true
	case 0xC0 <= r && r <= 0x24F: // Latin-1 letters and Latin Extended-A/B (đ, ơ, ư, ă): letters but × and ÷
		return r != 0xD7 && r != 0xF7
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

// isBreakRune reports whether r ends a clause, so that the syllables on
// either side of it are not one word.
func isBreakRune(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', '\n', '\r',
		'(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»':
		return true
	}
	return false
}
