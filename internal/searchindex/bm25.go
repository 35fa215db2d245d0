package searchindex

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
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

	fuzzyVariants int // the most frequent variants kept per fuzzy unit
}

// unit is one thing a query looks for, in one or more fields.
type unit struct {
	terms  []fieldTerm
	weight float64
}

// fieldTerm is a term in a field.
type fieldTerm struct{ field, term string }

// fieldParams are a field's BM25F parameters.
type fieldParams struct {
	weight float64 // multiplies the field's normalised term frequency
	b      float64 // length normalisation
	avgLen float64 // average length in tokens; 1 when unknown
}

// Searcher opens the posting lists of every unit's terms.
func (q *bm25Query) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, _ search.SearcherOptions) (search.Searcher, error) {
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	units := append(q.units[:len(q.units):len(q.units)], q.expandFuzzy(r)...)
	s := &bm25Searcher{ctx: ctx, k1: q.k1}
	for _, u := range units {
		if err := s.addUnit(ctx, r, u, q.fields, n); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// addUnit opens the posting lists of u's terms; a unit found nowhere is
// left out. The unit's document frequency is that of its most frequent
// field, a lower bound of the union's.
func (s *bm25Searcher) addUnit(ctx context.Context, r index.IndexReader, u unit, fields map[string]fieldParams, n uint64) error {
	var ps []*posting
	var df uint64
	for _, t := range u.terms {
		fp, ok := fields[t.field]
		if !ok || fp.weight <= 0 {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(t.term), t.field, true, true, false)
		if err != nil {
			closeAll(ps)
			return err
		}
		if c := tfr.Count(); c > 0 {
			df = max(df, c)
			ps = append(ps, &posting{r: tfr, unit: len(s.units), fw: fp.weight, b: fp.b, avgdl: max(fp.avgLen, 1)})
		} else {
			tfr.Close()
		}
	}
	if len(ps) == 0 {
		return nil
	}
	s.ps = append(s.ps, ps...)
	s.units = append(s.units, scoredUnit{w: u.weight * idf(n, df)})
	s.count += df
	return nil
}

func closeAll(ps []*posting) {
	for _, p := range ps {
		p.r.Close()
	}
}

// idf is BM25's inverse document frequency, never negative.
func idf(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// expandFuzzy returns a unit per one-edit variant of each fuzzy unit's
// term that is more frequent than the term itself (a likely correction of
// a typo, while a correctly typed word rarely has a more frequent
// neighbour), the most frequent variants first.
func (q *bm25Query) expandFuzzy(r index.IndexReader) []unit {
	var out []unit
	for _, f := range q.fuzzy {
		fields := make([]string, len(f.terms))
		for i, t := range f.terms {
			fields[i] = t.field
		}
		counts := fuzzyVariants(r, fields, f.terms[0].term, 1)
		own := docFreq(r, fields, f.terms[0].term)
		for v, n := range counts {
			if n <= own { // a rarer neighbour: the word was not a typo for it
				delete(counts, v)
			}
		}
		for _, v := range mostFrequentTerms(counts, q.fuzzyVariants) {
			u := unit{weight: f.weight}
			for _, fd := range fields {
				u.terms = append(u.terms, fieldTerm{fd, v})
			}
			out = append(out, u)
		}
	}
	return out
}
