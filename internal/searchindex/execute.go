package searchindex

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/cong-vn/cong/internal/search"
)

// execution is one search over a snapshot: the text query's units, the
// page being collected and the facet counts.
type execution struct {
	q        search.Query
	phrases  [][]string
	units    []openUnit     // nil when browsing (no text)
	variants map[string]int // typo variants searched for → index+1 of their word
	text     bool
	k1       float64
	facets   []string // the kinds' own facets to count
	boosted  bool     // some document has a boost

	top   topK
	tally facetTally
	total int
}

// execute runs q (planned as p) on s: every segment in turn is scored,
// filtered and counted, and the best documents kept for the page.
func (ix *Index) execute(ctx context.Context, s *snapshot, q search.Query, p plan) (*search.Results, error) {
	ix.stateMu.Lock()
	avgLen := ix.st.avgLengths()
	boosted := ix.st.Boosted
	names := ix.st.Facets.forKinds(q.Kinds)
	ix.stateMu.Unlock()
	offset, limit := q.Page()
	e := &execution{
		q: q, phrases: p.phrases, text: !p.empty(), k1: ix.w.k1, facets: names, boosted: boosted,
		top:   topK{k: offset + limit, byDate: q.Sort == search.SortDate},
		tally: facetTally{},
	}
	if e.text {
		var err error
		if e.units, e.variants, err = s.openUnits(ctx, ix.w.textQuery(p, avgLen)); err != nil {
			return nil, err
		}
	}
	for si, v := range s.views {
		if err := e.segment(ctx, si, v); err != nil {
			return nil, err
		}
	}
	return e.results(s, p, e.top.sorted(), offset)
}

// segment finds the documents of segment si that match and pass the
// filters, counts them and offers them to the page. Sorted by relevance,
// counting reads the union of the posting lists and ranking prunes
// (rankSegment); sorted by date, every match is scored (scoreSegment);
// browsing lists every document.
func (e *execution) segment(ctx context.Context, si int, v *segView) error {
	f, err := e.filter(v)
	if err != nil {
		return err
	}
	switch {
	case !e.text:
		for d, n := uint32(0), v.size(); d < n; d++ {
			if v.live(d) && e.count(f, d) {
				e.offer(f, si, v, d, 1)
			}
		}
	case e.top.byDate:
		acc := getAccumulator()
		defer putAccumulator(acc)
		if err := scoreSegment(ctx, e.units, si, e.k1, acc); err != nil {
			return err
		}
		for _, d := range acc.docs {
			if e.count(f, d) {
				e.offer(f, si, v, d, acc.score[d])
			}
		}
	default:
		if err := e.countUnion(si, v, f); err != nil {
			return err
		}
		if err := e.rankSegment(ctx, si, v, f); err != nil {
			return err
		}
	}
	f.flush(e.tally)
	return nil
}

// count applies the filters to document d of a segment and counts its
// facets; it reports whether d passes.
func (e *execution) count(f *segFilter, d uint32) bool {
	if !f.pass(d) {
		return false
	}
	f.kind.count(d, f.kindCounts) // the kind counts ignore the kind filter
	if f.kindWanted != nil && !f.kind.has(d, f.kindWanted) {
		return false
	}
	e.total++
	f.unit.count(d, f.unitCounts)
	for i := range f.counted {
		f.counted[i].col.count(d, f.counted[i].counts)
	}
	return true
}

// offer offers document d of a segment, with its score before the boost,
// to the page; it reports whether d was kept.
func (e *execution) offer(f *segFilter, si int, v *segView, d uint32, score float64) bool {
	c := candidate{score: score * f.boostOf(d), seg: si, doc: d, global: v.base + uint64(d)}
	if f.date != nil {
		c.date, c.hasDate = f.date.v[d], f.date.has[d]
	}
	return e.top.offer(c)
}

// countUnion counts the documents of segment si having any unit's term:
// the union of the posting lists, read as bitmaps.
func (e *execution) countUnion(si int, v *segView, f *segFilter) error {
	u := roaring.New()
	for _, ou := range e.units {
		for _, l := range ou.lists[si] {
			if err := orInto(u, l.pl); err != nil {
				return err
			}
		}
	}
	if v.deleted != nil {
		u.AndNot(v.deleted)
	}
	it := u.ManyIterator()
	buf := make([]uint32, 1024)
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			e.count(f, d)
		}
	}
	return nil
}

// orInto adds the documents of pl to u: as a bitmap when the segment
// offers it, else posting by posting.
func orInto(u *roaring.Bitmap, pl segment.PostingsList) error {
	if b, ok := pl.(interface{ OrInto(*roaring.Bitmap) }); ok {
		b.OrInto(u)
		return nil
	}
	it := pl.Iterator(false, false, false, nil)
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return err
		}
		u.Add(uint32(p.Number()))
	}
}

// results builds the page (ranked from offset) and the facets.
func (e *execution) results(s *snapshot, p plan, ranked []candidate, offset int) (*search.Results, error) {
	out := &search.Results{
		Total:       e.total,
		Facets:      map[string][]search.FacetCount{},
		FacetTotals: map[string]search.FacetTotal{},
	}
	add := func(name string, size int) {
		out.Facets[name], out.FacetTotals[name] = e.tally.result(name, size)
	}
	add("kind", kindFacetSize)
	add("unit", unitFacetSize)
	for _, name := range e.facets {
		add(name, otherFacetSize)
	}
	for _, c := range ranked[min(offset, len(ranked)):] {
		h, body, err := loadHit(s.views[c.seg].seg, c.doc)
		if err != nil {
			return nil, err
		}
		h.Score = c.score
		h.Snippet = snippet(body, p, e.variants)
		out.Hits = append(out.Hits, h)
	}
	return out, nil
}
