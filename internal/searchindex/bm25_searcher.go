package searchindex

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// posting is one term's posting list in one field. The postings of a unit
// are adjacent in bm25Searcher.ps.
type posting struct {
	r     index.TermFieldReader
	unit  int     // index into bm25Searcher.units
	fw    float64 // field weight
	b     float64
	avgdl float64
}

// normTF is the posting's weighted, length-normalised term frequency in d.
func (p *posting) normTF(d *index.TermFieldDoc) float64 {
	dl := 1.0
	if d.Norm > 0 {
		dl = 1 / (d.Norm * d.Norm) // the index stores 1/sqrt(length)
	}
	return p.fw * float64(d.Freq) / (1 - p.b + p.b*dl/p.avgdl)
}

// scoredUnit is a unit of the query with its weight times idf.
type scoredUnit struct {
	w float64
}

// bm25Searcher scores term at a time: on first use it reads every posting
// list once, summing each unit's pseudo-frequencies and then each
// document's score in arrays indexed by document number, and then hands out
// the matching documents in order. For disjunctions of many terms over
// many documents this is several times faster than merging the lists
// document at a time.
type bm25Searcher struct {
	ctx   context.Context // the search's; checked between posting lists
	ps    []*posting
	units []scoredUnit
	k1    float64
	count uint64

	acc  *accumulator // holds the scores from the first Next or Advance until Close
	err  error        // the failure of the first run, if any
	next int          // index into acc.docs of the next document to return
}

var _ search.Searcher = (*bm25Searcher)(nil)

// run reads the posting lists, unit by unit, once; a failure sticks.
func (s *bm25Searcher) run() error {
	if s.acc == nil {
		s.acc = getAccumulator()
		s.err = s.accumulate()
	}
	return s.err
}

func (s *bm25Searcher) accumulate() error {
	var d index.TermFieldDoc
	for i, p := range s.ps {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		for {
			cur, err := p.r.Next(d.Reset())
			if err != nil {
				return err
			}
			if cur == nil {
				break
			}
			doc, ok := docNumber(cur.ID)
			if !ok {
				return fmt.Errorf("searchindex: unexpected document id %x", cur.ID)
			}
			s.acc.addTF(doc, p.normTF(cur))
		}
		if i == len(s.ps)-1 || s.ps[i+1].unit != p.unit {
			s.acc.endUnit(s.units[p.unit].w, s.k1)
		}
	}
	s.acc.sortDocs()
	return nil
}

// docNumber decodes Scorch's internal document ID: an 8-byte big-endian
// number, which the accumulator indexes with 32 bits.
func docNumber(id index.IndexInternalID) (uint32, bool) {
	if len(id) != 8 {
		return 0, false
	}
	n := binary.BigEndian.Uint64(id)
	return uint32(n), n <= math.MaxUint32
}

// Next returns the next matching document in index order.
func (s *bm25Searcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if err := s.run(); err != nil {
		return nil, err
	}
	return s.match(ctx), nil
}

// Advance returns the first matching document at or after id.
func (s *bm25Searcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.run(); err != nil {
		return nil, err
	}
	if len(id) != 8 {
		return nil, fmt.Errorf("searchindex: unexpected document id %x", id)
	}
	target := binary.BigEndian.Uint64(id)
	docs := s.acc.docs
	s.next += sort.Search(len(docs)-s.next, func(i int) bool { return uint64(docs[s.next+i]) >= target })
	return s.match(ctx), nil
}

// match returns the document at s.next and moves on, or nil at the end.
func (s *bm25Searcher) match(ctx *search.SearchContext) *search.DocumentMatch {
	if s.next >= len(s.acc.docs) {
		return nil
	}
	doc := s.acc.docs[s.next]
	s.next++
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = binary.BigEndian.AppendUint64(dm.IndexInternalID[:0], uint64(doc))
	dm.Score = s.acc.score[doc]
	return dm
}

// Close closes the posting lists and recycles the scores.
func (s *bm25Searcher) Close() error {
	var first error
	for _, p := range s.ps {
		if err := p.r.Close(); err != nil && first == nil {
			first = err
		}
	}
	if s.acc != nil {
		putAccumulator(s.acc)
		s.acc = nil
	}
	return first
}

// Weight and SetQueryNorm: query norms only rescale all the scores of a
// query; the BM25F sum is used as is.
func (s *bm25Searcher) Weight() float64            { return 1 }
func (s *bm25Searcher) SetQueryNorm(float64)       {}
func (s *bm25Searcher) Count() uint64              { return s.count }
func (s *bm25Searcher) Min() int                   { return 0 }
func (s *bm25Searcher) DocumentMatchPoolSize() int { return 1 }

// Size estimates the searcher's memory, for Bleve's accounting.
func (s *bm25Searcher) Size() int {
	n := 96 + 24*len(s.units)
	for _, p := range s.ps {
		n += 48 + p.r.Size()
	}
	return n
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
