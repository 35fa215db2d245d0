package searchindex

import (
	"context"
	"errors"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// Facet sizes: how many values of a facet are counted and returned.
const (
	kindFacetSize  = 20
	otherFacetSize = 50
)

// storedFields are the stored fields a hit is built from.
var storedFields = []string{fKind, fID, fTitleExact, fBodyExact, fURL, fUnitName, fDate}

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
		var err error
		out, err = ix.run(ctx, bi, q, p)
		if err == nil && out.Total == 0 && !p.empty() {
			out.DidYouMean, err = didYouMean(bi, pq)
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

// run executes the main request and, when kinds are filtered, the request
// that counts hits per kind without that filter.
func (ix *Index) run(ctx context.Context, bi bleve.Index, q search.Query, p plan) (*search.Results, error) {
	ix.stateMu.Lock()
	avgLen := ix.st.avgLengths()
	ix.stateMu.Unlock()
	text := ix.w.textQuery(p, avgLen)
	phrases := phraseFilter(p)
	req := ix.request(text, phrases, q, true)
	res, err := bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &search.Results{Total: int(res.Total), Facets: facetCounts(res.Facets)}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toHit(h, p, ix.w))
	}
	if len(q.Kinds) > 0 {
		all := q
		all.Kinds = nil
		kreq := ix.request(text, phrases, all, false)
		kres, err := bi.SearchInContext(ctx, kreq)
		if err != nil {
			return nil, err
		}
		out.Facets["kind"] = facetCounts(kres.Facets)["kind"]
	}
	return out, nil
}

// request builds the Bleve request of q. With page false it asks only for
// the kind facet (no hits, no other facet).
func (ix *Index) request(text, phrases query.Query, q search.Query, page bool) *bleve.SearchRequest {
	top := ix.withBoost(scoped(text, phrases, q))
	req := bleve.NewSearchRequestOptions(top, 0, 0, false)
	req.AddFacet("kind", bleve.NewFacetRequest(fKind, kindFacetSize))
	if !page {
		req.Score = "none"
		return req
	}
	offset, limit := q.Page()
	req.From, req.Size = offset, limit
	req.Fields = storedFields
	req.AddFacet("unit", bleve.NewFacetRequest(fUnit, otherFacetSize))
	ix.stateMu.Lock()
	names := ix.st.Facets.forKinds(q.Kinds)
	ix.stateMu.Unlock()
	for _, name := range names {
		req.AddFacet(name, bleve.NewFacetRequest(fFacetPrefix+name, otherFacetSize))
	}
	if q.Sort == search.SortDate {
		req.SortByCustom(bsearch.SortOrder{
			&bsearch.SortField{Field: fDate, Desc: true, Type: bsearch.SortFieldAsDate, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortScore{Desc: true},
		})
	}
	return req
}

// scoped restricts text (nil: every document) to the phrases (nil: none)
// and to q's kinds, language, unit and facets. The restrictions filter
// without scoring.
func scoped(text, phrases query.Query, q search.Query) query.Query {
	var filters []query.Query
	if phrases != nil {
		filters = append(filters, phrases)
	}
	if len(q.Kinds) > 0 {
		filters = append(filters, anyTerm(fKind, q.Kinds))
	}
	if q.Lang != "" {
		filters = append(filters, term(fLang, q.Lang, 1))
	}
	if q.UnitCode != "" {
		filters = append(filters, term(fUnit, q.UnitCode, 1))
	}
	for name, values := range q.Facets {
		if len(values) > 0 {
			filters = append(filters, anyTerm(fFacetPrefix+name, values))
		}
	}
	if text == nil {
		text = query.NewMatchAllQuery()
	}
	if len(filters) == 0 {
		return text
	}
	b := query.NewBooleanQuery([]query.Query{text}, nil, nil)
	b.AddFilter(query.NewConjunctionQuery(filters))
	return b
}

func anyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		qs[i] = term(field, v, 1)
	}
	return query.NewDisjunctionQuery(qs)
}

// facetCounts converts Bleve's term facets.
func facetCounts(fr bsearch.FacetResults) map[string][]search.FacetCount {
	out := map[string][]search.FacetCount{"kind": {}, "unit": {}}
	for name, r := range fr {
		counts := []search.FacetCount{}
		if r.Terms != nil {
			for _, t := range r.Terms.Terms() {
				counts = append(counts, search.FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		out[name] = counts
	}
	return out
}

// toHit builds a result from a Bleve hit and its stored fields.
func toHit(h *bsearch.DocumentMatch, p plan, w weights) search.Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	hit := search.Hit{
		Kind: str(fKind), ID: str(fID), Title: str(fTitleExact), URL: str(fURL),
		UnitName: str(fUnitName), Score: h.Score,
	}
	if d, err := time.Parse(time.RFC3339, str(fDate)); err == nil {
		hit.Date = d
	}
	hit.Snippet = snippet(str(fBodyExact), p, w)
	return hit
}
