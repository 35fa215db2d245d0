package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// newStyleTones maps the second vowel of a syllable-final oa, oe or uy
// carrying the tone ("new" placement: hoà, khoẻ, thuỷ) to the first vowel
// with that tone and the second bare ("traditional" placement: hòa, khỏe,
// thủy).
var newStyleTones = map[string]string{
	"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
	"oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
	"uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}

// CanonicalTones rewrites, in NFC lower-case text s, the syllables that end
// in oa, oe or uy with the tone on the second vowel (hoà, khoẻ, thuỷ) to
// the traditional placement on the first (hòa, khỏe, thủy). Both spellings
// are in use for the same word (keyboards and newer texts prefer the
// first, most legal texts the second), so exact matching compares them as
// one. "qu" keeps its tone on the vowel after it (quý), and a syllable
// with a final consonant (hoàn, thuyền) is spelt one way only.
func CanonicalTones(s string) string {
	if !strings.ContainsAny(s, "ou") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c != 'o' && c != 'u' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i+1:])
		pair := s[i : i+1+n]
		old, ok := newStyleTones[pair]
		end := i + 1 + n
		next, _ := utf8.DecodeRuneInString(s[end:])
		if !ok || r == utf8.RuneError || (end < len(s) && unicode.IsLetter(next)) || (c == 'u' && i > 0 && s[i-1] == 'q') {
			i++
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(old)
		last, i = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
