package searchindex

import (
	"math"
	"slices"
)

// bm25Query is the scoring query of the search: BM25F over units (a
// syllable in its folded or exact form, a bigram, a typo variant), each
// looked for in several fields (title, body) whose length-normalised,
// weighted frequencies are summed before BM25's saturation.
//
// Bleve's own disjunction does not fit: it squares idf (through its query
// norm), multiplies by the share of matched clauses (so every extra field a
// word is indexed in dilutes it), and derives the average field length from
// the number of distinct terms. Here the average lengths are measured while
// indexing (see state).
type bm25Query struct {
	units  []unit
	fuzzy  []unit // terms whose one-edit variants become units of their own
	k1     float64
	fields map[string]fieldParams

	// exactSame: an exact form found in at least this share of the
	// documents that have its folded form tells them apart no better than
	// the folded form; its weight joins the folded unit's instead of
	// reading the same documents' postings twice.
	exactSame float64

	fuzzyVariants int     // the most frequent variants kept per fuzzy unit
	fuzzyRare     float64 // only terms in fewer than this share of the documents…
	fuzzyRareMin  uint64  // …or this number of them are expanded
}

// unit is one thing a query looks for, in one or more fields.
type unit struct {
	terms  []fieldTerm
	weight float64
	word   int // for a typo variant: the index+1 of the word of the plan it stands for
	folds  int // for an exact form: the index+1 of the unit of its folded form
}

// fieldTerm is a term in a field.
type fieldTerm struct{ field, term string }

// fieldParams are a field's BM25F parameters.
type fieldParams struct {
	weight float64 // multiplies the field's normalised term frequency
	b      float64 // length normalisation
	avgLen float64 // average length in tokens; 1 when unknown
}

// idf is BM25's inverse document frequency, never negative.
func idf(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// expandFuzzy returns a unit per one-edit variant of each fuzzy unit's
// term that is more frequent than the term itself (a likely correction of
// a typo, while a correctly typed word rarely has a more frequent
// neighbour), the most frequent variants first. Terms that are not rare
// are not expanded.
func (q *bm25Query) expandFuzzy(s *snapshot) []unit {
	var out []unit
	rare := max(q.fuzzyRareMin, uint64(q.fuzzyRare*float64(s.docs)))
	for _, f := range q.fuzzy {
		fields := make([]string, len(f.terms))
		for i, t := range f.terms {
			fields[i] = t.field
		}
		own := s.docFreq(fields, f.terms[0].term)
		if own >= rare {
			continue
		}
		counts := fuzzyVariants(s, fields, f.terms[0].term, 1)
		for v, n := range counts {
			if n <= own { // a rarer neighbour: the word was not a typo for it
				delete(counts, v)
			}
		}
		for _, v := range mostFrequentTerms(counts, q.fuzzyVariants) {
			u := unit{weight: f.weight, word: f.word}
			for _, fd := range fields {
				u.terms = append(u.terms, fieldTerm{fd, v})
			}
			out = append(out, u)
		}
	}
	return out
}

// mostFrequentTerms returns up to max terms of counts, most frequent first
// (then alphabetically).
func mostFrequentTerms(counts map[string]uint64, max int) []string {
	terms := make([]string, 0, len(counts))
	for t := range counts {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		if counts[a] != counts[b] {
			if counts[a] > counts[b] {
				return -1
			}
			return 1
		}
		if a < b {
			return -1
		}
		return 1
	})
	return terms[:min(max, len(terms))]
}
