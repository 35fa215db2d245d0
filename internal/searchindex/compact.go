package searchindex

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/cong-vn/cong/internal/errs"
)

// Compact merges the index's segments into one, which makes searches
// faster after a bulk load; Rebuild compacts the fresh index before it
// swaps it in. It blocks until the merge is done or ctx ends, and may be
// called while the index serves.
func (ix *Index) Compact(ctx context.Context) error {
	const op = "searchindex.Compact"
	return ix.reader(op, func(bi bleve.Index) error {
		if err := compact(ctx, bi); err != nil {
			return errs.E(op, err)
		}
		return nil
	})
}

func compact(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		return s.ForceMerge(ctx, nil)
	}
	return nil
}
