package searchindex

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// Search runs q; see search.Index. The only Invalid error is a text longer
// than search.MaxQueryRunes. A cancelled ctx gives Unavailable.
func (ix *Index) Search(ctx context.Context, q search.Query) (*search.Results, error) {
	const op = "searchindex.Search"
	pq, err := parseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	p := makePlan(pq)
	var out *search.Results
	err = ix.reader(op, func(bi bleve.Index) error {
		s, err := ix.openSnapshot(bi)
		if err != nil {
			return err
		}
		defer s.Close()
		out, err = ix.execute(ctx, s, q, p)
		if err == nil && out.Total == 0 && !p.empty() {
			out.DidYouMean = didYouMean(s, pq)
		}
		return err
	})
	if err != nil {
		return nil, searchError(op, err)
	}
	return out, nil
}

// searchError classifies an engine error: a cancelled or expired context is
// Unavailable, the rest Internal; errors already classified pass through.
func searchError(op string, err error) error {
	var e *errs.Error
	switch {
	case errors.As(err, &e):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return errs.E(op, errs.Unavailable, err)
	}
	return errs.E(op, err)
}
