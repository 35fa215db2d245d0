package searchindex

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// openUnit is a unit of the text query with its posting lists: per
// segment, the lists of its terms (one per field where the term occurs).
type openUnit struct {
	w     float64 // the unit's weight times its idf
	lists [][]fieldList
}

// fieldList is a term's posting list in one field of one segment, with the
// field's BM25F parameters: packed (Zap's) or, for a common term of a large
// segment, unpacked (see dense.go).
type fieldList struct {
	pl      segment.PostingsList // deleted documents excluded
	dense   denseList            // when not nil, read instead of pl
	deleted *roaring.Bitmap      // the segment's deleted documents, for dense
	fn      *fieldNorm
}

// fieldNorm holds a field's BM25F weight and length normalisation, per
// length code (see lengthCode), computed once per search.
type fieldNorm struct {
	byCode [256]float64 // fw / (1 - b + b·dl/avgdl)
}

func newFieldNorm(fp fieldParams) *fieldNorm {
	n := &fieldNorm{}
	avgdl := max(fp.avgLen, 1)
	for c := range n.byCode {
		n.byCode[c] = fp.weight / (1 - fp.b + fp.b*codeLengths[c]/avgdl)
	}
	return n
}

// normTF is the weighted, length-normalised frequency of posting p.
func (f *fieldList) normTF(p segment.Posting) float64 {
	return float64(min(p.Frequency(), maxFreq)) * f.fn.byCode[lengthCode(postingLength(p))]
}

// denseTF is the same for an entry of a dense list.
func (f *fieldList) denseTF(e uint16) float64 {
	return float64(e&0xff) * f.fn.byCode[e>>8]
}

// openUnits looks up the posting lists of every unit of q; a unit found
// nowhere is left out. A unit's document frequency is that of its most
// frequent field, a lower bound of the union's. It also returns the typo
// variants searched for, with the index+1 of the plan's word each stands
// for, so that snippets mark them.
func (s *snapshot) openUnits(ctx context.Context, q *bm25Query) ([]openUnit, map[string]int, error) {
	units := append(q.units[:len(q.units):len(q.units)], q.expandFuzzy(s)...)
	out := make([]openUnit, 0, len(units))
	variants := map[string]int{}
	norms := map[string]*fieldNorm{}
	pos := make([]int, len(units))    // index+1 in out of each unit opened
	dfs := make([]uint64, len(units)) // document frequency of each unit
	for ui, u := range units {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		ou := openUnit{lists: make([][]fieldList, len(s.views))}
		var df uint64
		for _, t := range u.terms {
			fp, ok := q.fields[t.field]
			if !ok || fp.weight <= 0 {
				continue
			}
			pls, n, err := s.postings(t.field, t.term)
			if err != nil {
				return nil, nil, err
			}
			df = max(df, n)
			fn := norms[t.field]
			if fn == nil && n > 0 {
				fn = newFieldNorm(fp)
				norms[t.field] = fn
			}
			for i, pl := range pls {
				if pl == nil {
					continue
				}
				fl := fieldList{pl: pl, fn: fn, deleted: s.views[i].deleted}
				if fl.dense, err = s.views[i].denseOf(t.field, t.term, pl); err != nil {
					return nil, nil, err
				}
				ou.lists[i] = append(ou.lists[i], fl)
			}
		}
		dfs[ui] = df
		if df == 0 {
			continue
		}
		w := u.weight * idf(s.docs, df)
		if f := u.folds - 1; f >= 0 && pos[f] > 0 && float64(df) >= q.exactSame*float64(dfs[f]) {
			out[pos[f]-1].w += w // merged into the folded form's unit
			continue
		}
		ou.w = w
		out = append(out, ou)
		pos[ui] = len(out)
		if u.word > 0 {
			variants[u.terms[0].term] = u.word
		}
	}
	return out, variants, nil
}

// scoreSegment sums the BM25F scores of the units in segment si into acc,
// unit at a time: each posting list is read once, front to back.
func scoreSegment(ctx context.Context, units []openUnit, si int, k1 float64, acc *accumulator) error {
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return err
		}
		lists := u.lists[si]
		if len(lists) == 0 {
			continue
		}
		for i := range lists {
			c, err := newFieldCursor(&lists[i])
			if err != nil {
				return err
			}
			for c.doc != noDoc {
				acc.addTF(uint32(c.doc), c.tf)
				if err := c.next(); err != nil {
					return err
				}
			}
		}
		acc.endUnit(u.w, k1)
	}
	return nil
}
