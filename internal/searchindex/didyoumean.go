package searchindex

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// dictFields are the dictionaries "did you mean" corrects against.
var dictFields = []string{fTitleFolded, fBodyFolded}

// didYouMean proposes a correction of a query that matched nothing: each
// syllable that occurs in no title or body is replaced by the most frequent
// indexed syllable one edit away (two for syllables of six letters or more).
// Known syllables are kept as typed. It returns "" when nothing could be
// corrected.
func didYouMean(bi bleve.Index, pq parsedQuery) (string, error) {
	r, err := reader(bi)
	if err != nil {
		return "", err
	}
	defer r.Close()
	out := make([]string, len(pq.words))
	changed := false
	for i, w := range pq.words {
		out[i] = w.exact
		if docFreq(r, dictFields, w.folded) > 0 {
			continue
		}
		if c := closestTerm(r, w.folded); c != "" {
			out[i], changed = c, true
		}
	}
	if !changed {
		return "", nil
	}
	return strings.Join(out, " "), nil
}

// closestTerm returns the indexed folded syllable nearest to term, the most
// frequent among the nearest, or "" when there is none within reach.
// Syllables of fewer than three letters are not corrected.
func closestTerm(r index.IndexReader, term string) string {
	n := utf8.RuneCountInString(term)
	if n < 3 {
		return ""
	}
	maxEdits := 1
	if n >= 6 {
		maxEdits = 2
	}
	for d := 1; d <= maxEdits; d++ {
		if best := mostFrequentTerms(fuzzyVariants(r, dictFields, term, d), 1); len(best) > 0 {
			return best[0]
		}
	}
	return ""
}

// reader opens a reader on the current snapshot of bi; close it after use.
func reader(bi bleve.Index) (index.IndexReader, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}
