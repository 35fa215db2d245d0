package searchindex

import (
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// parsedQuery is a user's query text made safe: syllables and quoted
// phrases, and nothing else. No character of the text is ever handed to
// Bleve's query-string syntax; every Bleve query is built from these
// parts.
type parsedQuery struct {
	words    []word   // every syllable, quoted or not, in order
	phrases  [][]word // the syllables of each quoted phrase
	accented bool     // the text has diacritics, so exact forms matter
}

// word is one syllable of a query in its two forms.
type word struct {
	exact  string // NFC, lower case, diacritics kept
	folded string // diacritics removed, đ→d
	brk    bool   // a clause break or a quote precedes it: no bigram with the previous word
}

// isQuote reports whether r opens or closes a phrase: the ASCII double
// quote and the curly quotes that Vietnamese keyboards produce.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// parseQuery splits text into words and phrases. Quotes pair up in order;
// an unpaired quote is ignored. Every other character that is not a
// letter, a digit or a combining mark only separates syllables, so
// "+", ":", "~", "(", "*" and the like can never cause an error. The only
// error is a text longer than search.MaxQueryRunes (Invalid,
// search.KeyQueryTooLong).
func parseQuery(text string) (parsedQuery, error) {
	if utf8.RuneCountInString(text) > search.MaxQueryRunes {
		return parsedQuery{}, errs.E("searchindex.Search", errs.Invalid,
			search.KeyQueryTooLong, errs.MsgArgs{search.MaxQueryRunes})
	}
	var pq parsedQuery
	pq.accented = vntext.HasDiacritics(text)
	parts := splitQuotes(text)
	for i, p := range parts {
		ws := words(p)
		if len(ws) > 0 {
			ws[0].brk = true
		}
		pq.words = append(pq.words, ws...)
		if i%2 == 1 && len(ws) > 0 {
			pq.phrases = append(pq.phrases, ws)
		}
	}
	return pq, nil
}

// splitQuotes splits text at quotes: the parts at odd indexes were quoted.
// When the quotes do not pair up, the last one is ignored.
func splitQuotes(text string) []string {
	var parts []string
	start := 0
	for i, r := range text {
		if isQuote(r) {
			parts = append(parts, text[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	parts = append(parts, text[start:])
	if len(parts)%2 == 0 { // an odd number of quotes: drop the last one
		n := len(parts)
		parts = append(parts[:n-2], parts[n-2]+" "+parts[n-1])
	}
	return parts
}

// words returns the syllables of s in exact and folded form.
func words(s string) []word {
	syls := vntext.Syllables(s)
	out := make([]word, 0, len(syls))
	for _, sy := range syls {
		raw := s[sy.Start:sy.End]
		exact := vntext.CanonicalTones(vntext.Normalize(raw)) // as exactTerm
		// Folded as the analyzer folds (foldFilter), so that every script
		// matches itself.
		w := word{exact: exact, folded: string(vntext.AppendFold(nil, exact)), brk: sy.Break}
		if w.folded == "" { // a stray combining mark
			continue
		}
		out = append(out, w)
	}
	return out
}
