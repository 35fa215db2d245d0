package searchindex

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Columns: per segment, the values of the keyword, date and number fields
// of every document, as arrays indexed by the segment's document number.
// Facet counting, filtering, date sorting and boosts read them in constant
// time per matching document, where Bleve's facets decode doc values
// document by document (half the time of a common query).
//
// A segment is immutable, so its columns are built once, from the term
// dictionaries (a posting list per value), when a search first needs them,
// and live as long as the segment is part of the index. Deleted documents
// keep their entries; searches skip them.

// column holds a keyword field of a segment: the values that occur, and
// for each document the ordinal of its value plus one (0: none). The few
// documents with several values (facet fields are multi-valued) have the
// others in more.
type column struct {
	values []string            // in dictionary order
	first  []uint32            // per document: ordinal+1 of its first value, 0 for none
	more   map[uint32][]uint32 // per document with several values: the other ordinals
}

// wanted returns a lookup table for a filter on values: indexed by
// ordinal+1, true for the ordinals of values.
func (c *column) wanted(values []string) []bool {
	w := make([]bool, len(c.values)+1)
	for i, v := range c.values {
		for _, x := range values {
			if v == x {
				w[i+1] = true
			}
		}
	}
	return w
}

// has reports whether document d has one of the wanted values.
func (c *column) has(d uint32, wanted []bool) bool {
	if wanted[c.first[d]] {
		return true
	}
	if c.more != nil {
		for _, o := range c.more[d] {
			if wanted[o] {
				return true
			}
		}
	}
	return false
}

// count adds document d's values to counts (indexed by ordinal+1).
func (c *column) count(d uint32, counts []int) {
	counts[c.first[d]]++
	if c.more != nil {
		for _, o := range c.more[d] {
			counts[o]++
		}
	}
}

// numColumn holds a date or number field of a segment: the value of each
// document (the first one, for several) and whether it has one.
type numColumn struct {
	v   []int64
	has []bool
}

// segColumns are the columns of one segment, built on first use.
type segColumns struct {
	seg segment.Segment

	mu        sync.Mutex
	kw        map[string]*column
	nums      map[string]*numColumn
	lists     map[fieldTerm]denseList // unpacked posting lists (see dense.go)
	listBytes int64
	gone      bool // pruned from the cache: unpack nothing more

	used time.Time // when a search last opened the segment; guarded by the cache's mu
}

// keyword returns the column of a keyword field, building it on first use.
func (s *segColumns) keyword(field string) (*column, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.kw[field]; ok {
		return c, nil
	}
	c, err := buildColumn(s.seg, field)
	if err != nil {
		return nil, err
	}
	s.kw[field] = c
	return c, nil
}

// number returns the column of a date or numeric field, building it on
// first use.
func (s *segColumns) number(field string) (*numColumn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.nums[field]; ok {
		return c, nil
	}
	c, err := buildNumColumn(s.seg, field)
	if err != nil {
		return nil, err
	}
	s.nums[field] = c
	return c, nil
}

// buildColumn reads a keyword field's dictionary and posting lists.
func buildColumn(seg segment.Segment, field string) (*column, error) {
	c := &column{first: make([]uint32, seg.Count())}
	err := eachTerm(seg, field, nil, nil, func(term string, docs []uint64) {
		c.values = append(c.values, term)
		ord := uint32(len(c.values))
		for _, d := range docs {
			if c.first[d] == 0 {
				c.first[d] = ord
				continue
			}
			if c.more == nil {
				c.more = map[uint32][]uint32{}
			}
			c.more[uint32(d)] = append(c.more[uint32(d)], ord)
		}
	})
	return c, err
}

// buildNumColumn reads the full-precision terms of a date or numeric field
// (prefix-coded with shift 0; the other shifts serve range queries).
func buildNumColumn(seg segment.Segment, field string) (*numColumn, error) {
	n := seg.Count()
	c := &numColumn{v: make([]int64, n), has: make([]bool, n)}
	start, end := []byte{numeric.ShiftStartInt64}, []byte{numeric.ShiftStartInt64 + 1}
	var bad error
	err := eachTerm(seg, field, start, end, func(term string, docs []uint64) {
		v, err := numeric.PrefixCoded(term).Int64()
		if err != nil {
			bad = err
			return
		}
		for _, d := range docs {
			if !c.has[d] {
				c.v[d], c.has[d] = v, true
			}
		}
	})
	if err == nil {
		err = bad
	}
	return c, err
}

// eachTerm calls f with every term of field in seg within [start, end)
// (nil: unbounded) and the documents that have it, deleted ones included.
func eachTerm(seg segment.Segment, field string, start, end []byte, f func(term string, docs []uint64)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return err
	}
	it := dict.AutomatonIterator(matchAll{}, start, end)
	var docs []uint64
	var pl segment.PostingsList
	var pit segment.PostingsIterator
	for {
		e, err := it.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		pl, err = dict.PostingsList([]byte(e.Term), nil, pl)
		if err != nil {
			return err
		}
		pit = pl.Iterator(false, false, false, pit)
		docs = docs[:0]
		for {
			p, err := pit.Next()
			if err != nil {
				return err
			}
			if p == nil {
				break
			}
			docs = append(docs, p.Number())
		}
		f(e.Term, docs)
	}
}

// matchAll is the automaton that accepts every term.
type matchAll struct{}

func (matchAll) Start() int               { return 0 }
func (matchAll) IsMatch(int) bool         { return true }
func (matchAll) CanMatch(int) bool        { return true }
func (matchAll) WillAlwaysMatch(int) bool { return true }
func (matchAll) Accept(int, byte) int     { return 0 }

// columnCache holds the columns of the segments an index has served. It
// forgets a segment (and gives its unpacked lists' bytes back to the
// budget) once it is no longer part of the index (merged away, or the
// index rebuilt) and no search has used it for a while: a search that
// started on an older snapshot may still be reading it.
type columnCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segColumns

	denseLeft atomic.Int64 // bytes left for unpacked lists; set with segs
}

// forgetAfter is how long a segment that left the index keeps its columns.
const forgetAfter = 10 * time.Second

// get returns the columns of seg, creating the (empty) entry on first use.
func (cc *columnCache) get(seg segment.Segment) *segColumns {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.segs == nil {
		cc.segs = map[segment.Segment]*segColumns{}
		cc.denseLeft.Store(denseBudget)
	}
	s, ok := cc.segs[seg]
	if !ok {
		s = &segColumns{seg: seg, kw: map[string]*column{}, nums: map[string]*numColumn{}, lists: map[fieldTerm]denseList{}}
		cc.segs[seg] = s
	}
	s.used = time.Now()
	return s
}

// prune forgets the segments not in live that no search used lately.
func (cc *columnCache) prune(live []segment.Segment) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.segs) <= len(live) {
		return // every entry is live
	}
	keep := make(map[segment.Segment]bool, len(live))
	for _, s := range live {
		keep[s] = true
	}
	now := time.Now()
	for s, c := range cc.segs {
		if !keep[s] && now.Sub(c.used) > forgetAfter {
			c.mu.Lock()
			cc.denseLeft.Add(c.listBytes) // the lists go with the segment
			c.listBytes, c.gone = 0, true
			c.mu.Unlock()
			delete(cc.segs, s)
		}
	}
}
