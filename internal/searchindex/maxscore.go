package searchindex

import (
	"context"
	"math"
	"slices"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Ranking by relevance reads the posting lists document at a time with
// MaxScore pruning (Turtle and Flood, 1995): a unit adds at most
// w·(k1+1) to a score (BM25 saturates), so once the page is full, the
// units whose bounds together cannot lift a document above the page's
// worst score are not essential: a document found only in them cannot
// enter the page, and they are only probed (Advance) for the documents
// that the essential units bring up and that can still make it. With a
// common syllable among rare ones ("của", "thủ tục" in a long question),
// most of the common syllables' postings are skipped. The scores are those
// of the plain sum: every unit's contribution is computed in full for a
// document that is scored, and added in the units' order.
//
// Counting (Total, facets) does not need scores: it reads the union of the
// posting lists as bitmaps (see countUnion).

// noDoc is past the last document of any segment.
const noDoc = math.MaxUint64

// fieldCursor walks a posting list, packed or dense, with its current
// posting's values.
type fieldCursor struct {
	list *fieldList
	it   segment.PostingsIterator // packed lists
	doc  uint64                   // noDoc at the end
	tf   float64
}

// newFieldCursor positions a cursor on the first posting of l.
func newFieldCursor(l *fieldList) (fieldCursor, error) {
	c := fieldCursor{list: l}
	if l.dense != nil {
		c.seek(0)
		return c, nil
	}
	c.it = l.pl.Iterator(true, true, false, nil)
	return c, c.read(c.it.Next())
}

// seek moves a dense cursor to its first document at or after d.
func (c *fieldCursor) seek(d uint64) {
	l := c.list
	if c.doc = l.dense.next(d, l.deleted); c.doc != noDoc {
		c.tf = l.denseTF(l.dense[c.doc])
	}
}

func (c *fieldCursor) read(p segment.Posting, err error) error {
	if err != nil {
		return err
	}
	if p == nil {
		c.doc = noDoc
		return nil
	}
	c.doc, c.tf = p.Number(), c.list.normTF(p)
	return nil
}

// next moves to the next posting.
func (c *fieldCursor) next() error {
	if c.it == nil {
		c.seek(c.doc + 1)
		return nil
	}
	return c.read(c.it.Next())
}

// advance moves to the first posting at or after d (past the current one).
func (c *fieldCursor) advance(d uint64) error {
	if c.it == nil {
		c.seek(d)
		return nil
	}
	return c.read(c.it.Advance(d))
}

// unitCursor walks the posting lists of a unit (one per field) together.
type unitCursor struct {
	idx    int     // the unit's index in the query: the order of the sum
	w      float64 // weight times idf
	bound  float64 // the most the unit adds to a score
	fields []fieldCursor
	doc    uint64 // the smallest current document of the fields
}

func (u *unitCursor) settle() {
	u.doc = noDoc
	for i := range u.fields {
		u.doc = min(u.doc, u.fields[i].doc)
	}
}

// advance moves every field to its first document at or after d.
func (u *unitCursor) advance(d uint64) error {
	for i := range u.fields {
		f := &u.fields[i]
		if f.doc < d {
			if err := f.advance(d); err != nil {
				return err
			}
		}
	}
	u.settle()
	return nil
}

// take returns the unit's contribution to document u.doc and moves past it.
func (u *unitCursor) take(k1 float64) (float64, error) {
	d, tf := u.doc, 0.0
	for i := range u.fields {
		f := &u.fields[i]
		if f.doc == d {
			tf += f.tf
			if err := f.next(); err != nil {
				return 0, err
			}
		}
	}
	u.settle()
	return u.w * tf * (k1 + 1) / (tf + k1), nil
}

// openCursors positions a cursor per unit present in segment si, sorted by
// bound, smallest first.
func openCursors(units []openUnit, si int, k1 float64) ([]*unitCursor, error) {
	var cs []*unitCursor
	for i, u := range units {
		lists := u.lists[si]
		if len(lists) == 0 {
			continue
		}
		c := &unitCursor{idx: i, w: u.w, bound: u.w * (k1 + 1)}
		for j := range lists {
			f, err := newFieldCursor(&lists[j])
			if err != nil {
				return nil, err
			}
			c.fields = append(c.fields, f)
		}
		c.settle()
		cs = append(cs, c)
	}
	slices.SortStableFunc(cs, func(a, b *unitCursor) int {
		switch {
		case a.bound < b.bound:
			return -1
		case a.bound > b.bound:
			return 1
		}
		return 0
	})
	return cs, nil
}

// rankSegment offers the documents of segment si that pass the filters and
// may enter the page, scored, to e.top.
func (e *execution) rankSegment(ctx context.Context, si int, v *segView, f *segFilter) error {
	cs, err := openCursors(e.units, si, e.k1)
	if err != nil || len(cs) == 0 {
		return err
	}
	n := len(cs)
	prefix := make([]float64, n) // prefix[i]: the bounds of cs[0..i] together
	for i, c := range cs {
		prefix[i] = c.bound
		if i > 0 {
			prefix[i] += prefix[i-1]
		}
	}
	maxBoost := f.maxBoost()
	// cannot reports whether a score bound cannot beat the page's worst
	// (a tie goes to the earlier document, which is already kept).
	theta, full := e.top.threshold()
	cannot := func(bound float64) bool { return full && bound*maxBoost*(1+1e-9) <= theta }
	ess := 0 // cs[ess:] are essential
	for ess < n && cannot(prefix[ess]) {
		ess++
	}
	contrib := make([]float64, len(e.units))
	for steps := 0; ess < n; steps++ {
		if steps%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d := uint64(noDoc)
		for _, c := range cs[ess:] {
			d = min(d, c.doc)
		}
		if d == noDoc {
			return nil
		}
		if !f.accept(uint32(d)) {
			for _, c := range cs[ess:] {
				if c.doc == d {
					if err := c.advance(d + 1); err != nil {
						return err
					}
				}
			}
			continue
		}
		clear(contrib)
		score := 0.0
		for _, c := range cs[ess:] {
			if c.doc == d {
				s, err := c.take(e.k1)
				if err != nil {
					return err
				}
				contrib[c.idx], score = s, score+s
			}
		}
		pruned := false
		for i := ess - 1; i >= 0; i-- {
			if cannot(score + prefix[i]) {
				pruned = true
				break
			}
			c := cs[i]
			if err := c.advance(d); err != nil {
				return err
			}
			if c.doc == d {
				s, err := c.take(e.k1)
				if err != nil {
					return err
				}
				contrib[c.idx], score = s, score+s
			}
		}
		if pruned {
			continue
		}
		total := 0.0
		for _, s := range contrib { // in the units' order, as the sum of scoreSegment
			total += s
		}
		if e.offer(f, si, v, uint32(d), total) {
			theta, full = e.top.threshold()
			for ess < n && cannot(prefix[ess]) {
				ess++
			}
		}
	}
	return nil
}
