package searchindex

import (
	"context"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// withBoost multiplies scores by the documents' Boost. Until some document
// has been indexed with a Boost, q is returned as is, so that an index
// without boosted documents pays nothing for the feature.
func (ix *Index) withBoost(q query.Query) query.Query {
	ix.stateMu.Lock()
	boosted := ix.st.Boosted
	ix.stateMu.Unlock()
	if !boosted {
		return q
	}
	return query.NewCustomScoreQueryWithScorer(q, boostScore, []string{fBoost}, nil)
}

func boostScore(_ context.Context, d *bsearch.DocumentMatch) (float64, error) {
	if b, ok := d.Fields[fBoost].(float64); ok && b > 0 {
		return d.Score * b, nil
	}
	return d.Score, nil
}
