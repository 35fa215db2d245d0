package searchindex

import (
	"fmt"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A search reads a Scorch snapshot segment by segment: its posting lists
// straight from the segments (no per-posting conversion into Bleve's
// generic documents), its filters, facets, sort keys and boosts from the
// columns. Bleve's query and collector layers are not involved; the
// snapshot keeps the segments open for as long as the search holds it.

// segView is one segment of a snapshot as a search reads it.
type segView struct {
	seg     segment.Segment
	deleted *roaring.Bitmap // nil when none
	base    uint64          // number of the segment's first document in the snapshot
	cols    *segColumns
	budget  *atomic.Int64 // the index's bytes left for unpacked lists

	dicts map[string]segment.TermDictionary // opened during this search
}

// size is the number of document numbers of the segment, deleted ones
// included.
func (v *segView) size() uint32 { return uint32(v.seg.Count()) }

// live reports whether document d of the segment is not deleted.
func (v *segView) live(d uint32) bool { return v.deleted == nil || !v.deleted.Contains(d) }

// dict returns the segment's dictionary of field.
func (v *segView) dict(field string) (segment.TermDictionary, error) {
	if d, ok := v.dicts[field]; ok {
		return d, nil
	}
	d, err := v.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	v.dicts[field] = d
	return d, nil
}

// postings returns the posting list of term in field, deleted documents
// excluded.
func (v *segView) postings(field, term string) (segment.PostingsList, error) {
	d, err := v.dict(field)
	if err != nil {
		return nil, err
	}
	return d.PostingsList([]byte(term), v.deleted, nil)
}

// denseOf returns the unpacked form of pl, the list of term in field, when
// it is common in a large segment and the budget allows; else nil.
func (v *segView) denseOf(field, term string, pl segment.PostingsList) (denseList, error) {
	n := uint64(v.size())
	if n < denseMinDocs || pl.Count()*denseShare < n {
		return nil, nil
	}
	return v.cols.dense(field, term, v.budget)
}

// snapshot is an open Scorch snapshot and its segments.
type snapshot struct {
	snap  *scorch.IndexSnapshot
	views []*segView
	docs  uint64 // live documents
}

// openSnapshot opens the current snapshot of bi; close it after use.
func (ix *Index) openSnapshot(bi bleve.Index) (*snapshot, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("searchindex: unexpected index reader %T", r)
	}
	s := &snapshot{snap: snap}
	s.docs, _ = snap.DocCount()
	var base uint64
	segs := snap.Segments()
	live := make([]segment.Segment, 0, len(segs))
	for _, ss := range segs {
		seg := ss.Segment()
		s.views = append(s.views, &segView{
			seg: seg, deleted: ss.Deleted(), base: base, cols: ix.cols.get(seg), budget: &ix.cols.denseLeft,
			dicts: map[string]segment.TermDictionary{},
		})
		live = append(live, seg)
		base += seg.Count()
	}
	ix.cols.prune(live)
	return s, nil
}

// Close releases the snapshot.
func (s *snapshot) Close() error { return s.snap.Close() }

// postings returns, per segment, the posting list of term in field (nil
// where it is absent), and the number of documents having it in all
// segments.
func (s *snapshot) postings(field, term string) ([]segment.PostingsList, uint64, error) {
	pls := make([]segment.PostingsList, len(s.views))
	var n uint64
	for i, v := range s.views {
		pl, err := v.postings(field, term)
		if err != nil {
			return nil, 0, err
		}
		if c := pl.Count(); c > 0 {
			pls[i] = pl
			n += c
		}
	}
	return pls, n, nil
}

// docFreq returns the number of documents having term in any of fields
// (a document may count once per field: good enough to rank candidates).
func (s *snapshot) docFreq(fields []string, term string) uint64 {
	var n uint64
	for _, f := range fields {
		_, c, err := s.postings(f, term)
		if err == nil {
			n += c
		}
	}
	return n
}

// termSet returns the documents of the segment that have term in field.
func (v *segView) termSet(field, term string) (*roaring.Bitmap, error) {
	pl, err := v.postings(field, term)
	if err != nil {
		return nil, err
	}
	b := roaring.New()
	if err := orInto(b, pl); err != nil {
		return nil, err
	}
	if v.deleted != nil {
		b.AndNot(v.deleted)
	}
	return b, nil
}
