package searchindex

import "sync"

// accumulator holds the scores of a search in one segment, term at a time
// (used when every match needs its score: sorting by date), in arrays
// indexed by document number that are recycled between searches (they are
// reset entry by entry, so a search costs in proportion to its matches,
// not to the segment).
type accumulator struct {
	tf     []float64 // per document: the current unit's pseudo-frequency
	tfDocs []uint32  // the documents with tf > 0
	score  []float64 // per document: the score so far
	docs   []uint32  // the documents with score > 0, in no order
}

var accumulators = sync.Pool{New: func() any { return new(accumulator) }}

func getAccumulator() *accumulator { return accumulators.Get().(*accumulator) }

// putAccumulator resets a and returns it to the pool.
func putAccumulator(a *accumulator) {
	for _, d := range a.docs {
		a.score[d] = 0
	}
	for _, d := range a.tfDocs {
		a.tf[d] = 0
	}
	a.docs, a.tfDocs = a.docs[:0], a.tfDocs[:0]
	accumulators.Put(a)
}

// addTF adds v to the current unit's pseudo-frequency in document doc.
func (a *accumulator) addTF(doc uint32, v float64) {
	if int(doc) >= len(a.tf) {
		a.grow(doc)
	}
	if a.tf[doc] == 0 {
		a.tfDocs = append(a.tfDocs, doc)
	}
	a.tf[doc] += v
}

// grow makes the arrays long enough for doc.
func (a *accumulator) grow(doc uint32) {
	n := max(int(doc)+1, 2*len(a.tf), 1024)
	a.tf = append(a.tf, make([]float64, n-len(a.tf))...)
	a.score = append(a.score, make([]float64, n-len(a.score))...)
}

// endUnit saturates the unit's pseudo-frequencies (BM25's k1) and adds
// them, times the unit's weight, to the documents' scores.
func (a *accumulator) endUnit(w, k1 float64) {
	for _, d := range a.tfDocs {
		tf := a.tf[d]
		if a.score[d] == 0 {
			a.docs = append(a.docs, d)
		}
		a.score[d] += w * tf * (k1 + 1) / (tf + k1)
		a.tf[d] = 0
	}
	a.tfDocs = a.tfDocs[:0]
}
