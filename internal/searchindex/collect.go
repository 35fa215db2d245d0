package searchindex

import (
	"container/heap"
	"math"
	"slices"
	"strings"

	"github.com/cong-vn/cong/internal/search"
)

// Facet sizes: how many values of a facet are returned, most frequent
// first. Every value is counted; the rest are summed in Results.FacetTotals.
const (
	kindFacetSize  = 20
	unitFacetSize  = 20
	otherFacetSize = 50
)

// candidate is a matching document competing for a place on the page.
type candidate struct {
	score   float64
	date    int64 // Unix nanoseconds; valid when hasDate
	hasDate bool
	seg     int    // index of its segment in the snapshot
	doc     uint32 // its number in the segment
	global  uint64 // its number in the snapshot: the last tie-break
}

// topK keeps the best k candidates seen; its root is the worst of them.
type topK struct {
	k      int
	byDate bool
	c      []candidate
}

// better reports whether a ranks before b: by score, or by date (newest
// first, undated last) and then score; then in index order.
func (t *topK) better(a, b *candidate) bool {
	if t.byDate {
		if a.hasDate != b.hasDate {
			return a.hasDate
		}
		if a.date != b.date {
			return a.date > b.date
		}
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.global < b.global
}

func (t *topK) Len() int           { return len(t.c) }
func (t *topK) Less(i, j int) bool { return t.better(&t.c[j], &t.c[i]) } // worst at the root
func (t *topK) Swap(i, j int)      { t.c[i], t.c[j] = t.c[j], t.c[i] }
func (t *topK) Push(x any)         { t.c = append(t.c, x.(candidate)) }
func (t *topK) Pop() any {
	n := len(t.c) - 1
	x := t.c[n]
	t.c = t.c[:n]
	return x
}

// offer adds c when it beats the worst kept candidate (or there is room),
// and reports whether it did.
func (t *topK) offer(c candidate) bool {
	if len(t.c) < t.k {
		heap.Push(t, c)
		return true
	}
	if t.k > 0 && t.better(&c, &t.c[0]) {
		t.c[0] = c
		heap.Fix(t, 0)
		return true
	}
	return false
}

// threshold returns the worst kept score and whether the page is full (a
// candidate must then beat that score).
func (t *topK) threshold() (float64, bool) {
	if t.k == 0 {
		return math.Inf(1), true
	}
	if len(t.c) < t.k {
		return 0, false
	}
	return t.c[0].score, true
}

// sorted returns the kept candidates, best first.
func (t *topK) sorted() []candidate {
	out := slices.Clone(t.c)
	slices.SortFunc(out, func(a, b candidate) int {
		if t.better(&a, &b) {
			return -1
		}
		if t.better(&b, &a) {
			return 1
		}
		return 0
	})
	return out
}

// facetTally counts the values of facets over matching documents.
type facetTally map[string]map[string]int

// addSegment adds a segment's counts (indexed by ordinal+1; 0 is "no
// value") of column c under name.
func (f facetTally) addSegment(name string, c *column, counts []int) {
	m := f[name]
	if m == nil {
		m = map[string]int{}
		f[name] = m
	}
	for i, n := range counts[1:] {
		if n > 0 {
			m[c.values[i]] += n
		}
	}
}

// result returns a facet's values, most frequent first (then by value), at
// most size of them, and the totals.
func (f facetTally) result(name string, size int) ([]search.FacetCount, search.FacetTotal) {
	m := f[name]
	out := make([]search.FacetCount, 0, len(m))
	var tot search.FacetTotal
	for v, n := range m {
		out = append(out, search.FacetCount{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b search.FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	tot.Values = len(out)
	for _, c := range out[min(size, len(out)):] {
		tot.Other += c.Count
	}
	return out[:min(size, len(out))], tot
}
