package searchindex

import (
	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/numeric"
)

// segFilter is a search's filters and facet counters for one segment.
type segFilter struct {
	phrase *roaring.Bitmap // documents having every quoted phrase; nil when none

	kind, lang, unit *column
	kindWanted       []bool // nil: any kind
	langWanted       []bool // nil: any language
	unitWanted       []bool // nil: any unit
	facets           []colFilter

	kindCounts, unitCounts []int // indexed by ordinal+1
	counted                []colCount

	date  *numColumn // set when sorting by date
	boost *numColumn // set when some document has a boost
}

// colFilter requires one of the wanted values of a column.
type colFilter struct {
	col    *column
	wanted []bool
}

// colCount counts the values of a column under a facet name.
type colCount struct {
	name   string
	col    *column
	counts []int
}

// filter prepares the filters and counters of segment v.
func (e *execution) filter(v *segView) (*segFilter, error) {
	f := &segFilter{}
	var err error
	if f.kind, err = v.cols.keyword(fKind); err != nil {
		return nil, err
	}
	if f.unit, err = v.cols.keyword(fUnit); err != nil {
		return nil, err
	}
	f.kindCounts, f.unitCounts = make([]int, len(f.kind.values)+1), make([]int, len(f.unit.values)+1)
	if len(e.q.Kinds) > 0 {
		f.kindWanted = f.kind.wanted(e.q.Kinds)
	}
	if e.q.UnitCode != "" {
		f.unitWanted = f.unit.wanted([]string{e.q.UnitCode})
	}
	if e.q.Lang != "" {
		if f.lang, err = v.cols.keyword(fLang); err != nil {
			return nil, err
		}
		f.langWanted = f.lang.wanted([]string{e.q.Lang})
	}
	for name, values := range e.q.Facets {
		if len(values) == 0 {
			continue
		}
		c, err := v.cols.keyword(fFacetPrefix + name)
		if err != nil {
			return nil, err
		}
		f.facets = append(f.facets, colFilter{c, c.wanted(values)})
	}
	for _, name := range e.facets {
		c, err := v.cols.keyword(fFacetPrefix + name)
		if err != nil {
			return nil, err
		}
		f.counted = append(f.counted, colCount{name, c, make([]int, len(c.values)+1)})
	}
	if e.top.byDate {
		if f.date, err = v.cols.number(fDate); err != nil {
			return nil, err
		}
	}
	if e.boosted {
		if f.boost, err = v.cols.number(fBoost); err != nil {
			return nil, err
		}
	}
	if f.phrase, err = phraseSet(v, e.phrases); err != nil {
		return nil, err
	}
	return f, nil
}

// pass reports whether document d passes every filter but the kind one.
func (f *segFilter) pass(d uint32) bool {
	if f.phrase != nil && !f.phrase.Contains(d) {
		return false
	}
	if f.unitWanted != nil && !f.unit.has(d, f.unitWanted) {
		return false
	}
	if f.langWanted != nil && !f.lang.has(d, f.langWanted) {
		return false
	}
	for i := range f.facets {
		if !f.facets[i].col.has(d, f.facets[i].wanted) {
			return false
		}
	}
	return true
}

// accept reports whether document d passes every filter.
func (f *segFilter) accept(d uint32) bool {
	return f.pass(d) && (f.kindWanted == nil || f.kind.has(d, f.kindWanted))
}

// boostOf returns the boost of document d: 1 unless it has one.
func (f *segFilter) boostOf(d uint32) float64 {
	if f.boost != nil && f.boost.has[d] {
		if b := numeric.Int64ToFloat64(f.boost.v[d]); b > 0 {
			return b
		}
	}
	return 1
}

// maxBoost returns the largest boost of the segment's documents, at least
// 1: what a score may be multiplied by.
func (f *segFilter) maxBoost() float64 {
	m := 1.0
	if f.boost != nil {
		for d, ok := range f.boost.has {
			if ok {
				m = max(m, numeric.Int64ToFloat64(f.boost.v[d]))
			}
		}
	}
	return m
}

// flush adds the segment's facet counts to t.
func (f *segFilter) flush(t facetTally) {
	t.addSegment("kind", f.kind, f.kindCounts)
	t.addSegment("unit", f.unit, f.unitCounts)
	for _, c := range f.counted {
		t.addSegment(c.name, c.col, c.counts)
	}
}

// phraseSet returns the documents of v having every phrase: its folded
// syllables adjacent, in the title or in the body, i.e. every bigram of
// the phrase present in the same field. (Bigrams stand in for positions,
// which the index does not keep; a phrase of three syllables or more may
// therefore match its bigrams at different places of a field, which is
// rare.) A phrase of one syllable needs the syllable. It returns nil when
// there is no phrase.
func phraseSet(v *segView, phrases [][]string) (*roaring.Bitmap, error) {
	var all *roaring.Bitmap
	for _, ph := range phrases {
		var inTitle, inBody *roaring.Bitmap
		var err error
		if len(ph) == 1 {
			inTitle, err = v.termSet(fTitleFolded, ph[0])
			if err == nil {
				inBody, err = v.termSet(fBodyFolded, ph[0])
			}
		} else {
			inTitle, err = bigramsSet(v, fTitleBigram, ph)
			if err == nil {
				inBody, err = bigramsSet(v, fBodyBigram, ph)
			}
		}
		if err != nil {
			return nil, err
		}
		inTitle.Or(inBody)
		if all == nil {
			all = inTitle
		} else {
			all.And(inTitle)
		}
	}
	return all, nil
}

// bigramsSet returns the documents having every bigram of ph in field.
func bigramsSet(v *segView, field string, ph []string) (*roaring.Bitmap, error) {
	var out *roaring.Bitmap
	for i := 1; i < len(ph); i++ {
		s, err := v.termSet(field, ph[i-1]+bigramSep+ph[i])
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = s
		} else {
			out.And(s)
		}
		if out.IsEmpty() {
			break // no document left
		}
	}
	return out, nil
}
