package searchindex

import (
	"math"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Dense posting lists. Zap's posting lists decode frequencies and norms
// posting by posting, and skipping ahead (Advance) decodes every posting
// passed over, so a common syllable costs the same whether its postings
// are scored or skipped. The lists of the common terms of a large segment
// are therefore unpacked, on first use, into an array over the segment's
// documents: two bytes each, the frequency and the field length's code,
// 0 where the term is absent. Reading one is a scan of a small array, and
// probing a document is an index. They are kept with the segment's columns
// (segments are immutable), within a budget per index.
const (
	denseShare  = 16       // a list with a 16th of the segment's documents or more is unpacked
	denseBudget = 96 << 20 // bytes of unpacked lists per index
)

// denseMinDocs: smaller segments read their postings. A variable for the
// tests.
var denseMinDocs uint64 = 4096

// denseList is an unpacked posting list: per document of the segment
// (deleted ones included), freq | lengthCode<<8, 0 for none.
type denseList []uint16

// lengthCode encodes a field length in a byte: exactly below 128, then in
// steps of 5 % (up to some 60,000 tokens). Scores use the coded length
// everywhere, so unpacked and packed lists score alike.
func lengthCode(dl uint64) uint8 {
	if dl < uint64(len(lengthCodes)) {
		return lengthCodes[dl]
	}
	return computeLengthCode(dl)
}

func computeLengthCode(dl uint64) uint8 {
	if dl < 128 {
		return uint8(dl)
	}
	return uint8(min(128+int(math.Log(float64(dl)/128)/math.Log(1.05)), 255))
}

// lengthCodes caches the codes of the common lengths.
var lengthCodes = func() (t [8192]uint8) {
	for i := range t {
		t[i] = computeLengthCode(uint64(i))
	}
	return t
}()

// codeLength returns the length a code stands for (the middle of its step).
func codeLength(c uint8) float64 {
	if c < 128 {
		return float64(c)
	}
	return 128 * math.Pow(1.05, float64(c-128)+0.5)
}

// codeLengths is codeLength of every code, for newFieldNorm, which runs
// for every field of every search.
var codeLengths = func() (t [256]float64) {
	for c := range t {
		t[c] = codeLength(uint8(c))
	}
	return t
}()

// maxFreq caps term frequencies (a byte of a dense list); BM25 saturates
// far below.
const maxFreq = 255

// postingLength returns the field length of a posting: Zap stores it
// itself (NormUint64); other segments store 1/sqrt(length).
func postingLength(p segment.Posting) uint64 {
	if ln, ok := p.(interface{ NormUint64() uint64 }); ok {
		return ln.NormUint64()
	}
	if norm := p.Norm(); norm > 0 {
		return uint64(math.Round(1 / (norm * norm)))
	}
	return 0
}

// unpack reads a posting list into a dense list of n documents.
func unpack(pl segment.PostingsList, n uint64) (denseList, error) {
	v := make(denseList, n)
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return v, nil
		}
		v[p.Number()] = uint16(min(p.Frequency(), maxFreq)) | uint16(lengthCode(postingLength(p)))<<8
	}
}

// next returns the first document at or after d having the term and not
// deleted, or noDoc.
func (v denseList) next(d uint64, deleted *roaring.Bitmap) uint64 {
	for ; d < uint64(len(v)); d++ {
		if v[d] != 0 && (deleted == nil || !deleted.Contains(uint32(d))) {
			return d
		}
	}
	return noDoc
}

// dense returns the unpacked list of term in field, unpacking it on first
// use; nil when the index's budget is spent.
func (s *segColumns) dense(field, term string, budget *atomic.Int64) (denseList, error) {
	key := fieldTerm{field, term}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.lists[key]; ok || s.gone {
		return v, nil
	}
	size := int64(2 * s.seg.Count())
	if budget.Add(-size) < 0 {
		budget.Add(size)
		return nil, nil
	}
	dict, err := s.seg.Dictionary(field)
	if err == nil {
		var pl segment.PostingsList
		if pl, err = dict.PostingsList([]byte(term), nil, nil); err == nil {
			var v denseList
			if v, err = unpack(pl, s.seg.Count()); err == nil {
				s.lists[key] = v
				s.listBytes += size
				return v, nil
			}
		}
	}
	budget.Add(size)
	return nil, err
}
