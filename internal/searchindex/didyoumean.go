package searchindex

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/vntext"
)

// Dictionaries of "did you mean": the folded ones to correct against, the
// exact ones to put the diacritics back from.
var (
	dictFields  = []string{fTitleFolded, fBodyFolded}
	exactFields = []string{fTitleExact, fBodyExact}
)

// didYouMean proposes a correction of a query that matched nothing: each
// syllable that occurs in no title or body (folded) is replaced by the most
// frequent indexed syllable one edit away (two for syllables of six letters
// or more). The proposal is written with diacritics: a syllable typed in a
// form the index has is kept as typed, any other becomes the most frequent
// accented form of its (corrected) folded form, so "thu tuc dang kyy"
// proposes "thủ tục đăng ký". It returns "" when nothing could be
// corrected.
func didYouMean(s *snapshot, pq parsedQuery) string {
	out := make([]string, len(pq.words))
	changed := false
	for i, w := range pq.words {
		folded := w.folded
		if s.docFreq(dictFields, folded) == 0 {
			c := closestTerm(s, folded)
			if c == "" {
				out[i] = w.exact
				continue
			}
			folded, changed = c, true
		} else if s.docFreq(exactFields, w.exact) > 0 {
			out[i] = w.exact
			continue
		}
		out[i] = accentedForm(s, folded)
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}

// closestTerm returns the indexed folded syllable nearest to term, the most
// frequent among the nearest, or "" when there is none within reach.
// Syllables of fewer than three letters are not corrected.
func closestTerm(s *snapshot, term string) string {
	n := utf8.RuneCountInString(term)
	if n < 3 {
		return ""
	}
	maxEdits := 1
	if n >= 6 {
		maxEdits = 2
	}
	for d := 1; d <= maxEdits; d++ {
		if best := mostFrequentTerms(fuzzyVariants(s, dictFields, term, d), 1); len(best) > 0 {
			return best[0]
		}
	}
	return ""
}

// accentedForm returns the most frequent indexed exact syllable whose
// folded form is folded ("ket" → "kết"), or folded itself when there is
// none.
func accentedForm(s *snapshot, folded string) string {
	re := unfoldPattern(folded)
	counts := map[string]uint64{}
	for _, f := range exactFields {
		dict, err := s.snap.FieldDictRegexp(f, re)
		if err != nil {
			continue
		}
		for e, err := dict.Next(); err == nil && e != nil && len(counts) < maxFuzzyCandidates; e, err = dict.Next() {
			counts[e.Term] = 0
		}
		dict.Close()
	}
	for t := range counts {
		counts[t] = s.docFreq(exactFields, t)
	}
	if best := mostFrequentTerms(counts, 1); len(best) > 0 {
		return best[0]
	}
	return folded
}

// unfoldPattern returns a regular expression matching every spelling of
// folded with diacritics: "dung" → "[dđ][uùúủũụưừứửữự]ng".
func unfoldPattern(folded string) string {
	var b strings.Builder
	for _, r := range folded {
		rs := vntext.Unfold(r)
		if len(rs) == 1 {
			b.WriteString(regexp.QuoteMeta(string(r)))
			continue
		}
		b.WriteByte('[')
		for _, x := range rs {
			b.WriteRune(x)
		}
		b.WriteByte(']')
	}
	return b.String()
}
