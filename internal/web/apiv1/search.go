package apiv1

import (
	"net/http"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// SearchResults is the answer of GET /api/v1/search.
type SearchResults struct {
	Total      int                     `json:"total"`
	Offset     int                     `json:"offset"`
	Limit      int                     `json:"limit"`
	DidYouMean string                  `json:"did_you_mean,omitempty"`
	Facets     map[string][]FacetCount `json:"facets"`
	// FacetTotals says, per facet, how many distinct values the matches
	// have and how many matches fall under values facets leaves out.
	FacetTotals map[string]FacetTotal `json:"facet_totals"`
	Items       []SearchHit           `json:"items"`
}

// FacetTotal sums up a facet beyond the values listed.
type FacetTotal struct {
	Values int `json:"values"`
	Other  int `json:"other"`
}

// FacetCount is one facet value and its number of matches.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchHit is one result.
type SearchHit struct {
	Kind     string     `json:"kind"`
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	URL      string     `json:"url"`
	UnitName string     `json:"unit_name,omitempty"`
	Date     *time.Time `json:"date,omitempty"`
	Score    float64    `json:"score"`
	Snippet  []Fragment `json:"snippet"`
}

// Fragment is a piece of a snippet; mark is true for matched words.
type Fragment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Suggestions is the answer of GET /api/v1/search/suggest.
type Suggestions struct {
	Items []Suggestion `json:"items"`
}

// Suggestion is one title proposed as the user types.
type Suggestion struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Kind  string `json:"kind"`
}

// searchQuery reads the parameters shared with the search page.
func searchQuery(r *http.Request) (search.Query, error) {
	p := r.URL.Query()
	var fe errs.FieldErrors
	q := search.Query{Text: p.Get("q"), UnitCode: p.Get("unit"), Sort: p.Get("sort"), Facets: map[string][]string{}}
	if q.Sort != "" && q.Sort != search.SortRelevance && q.Sort != search.SortDate {
		fe.Add("sort", "field.choose")
	}
	if k := p.Get("kind"); k != "" {
		q.Kinds = strings.Split(k, ",")
	}
	for key, vals := range p {
		if name, ok := strings.CutPrefix(key, "f."); ok && name != "" {
			q.Facets[name] = vals
		}
	}
	q.Offset = intParam(p.Get("offset"), 0, 0, search.MaxOffset, "offset", &fe)
	q.Limit = intParam(p.Get("limit"), search.DefaultLimit, 1, search.MaxLimit, "limit", &fe)
	return q, fe.Err("apiv1.searchQuery")
}

// searchAPI answers GET /api/v1/search with the same parameters as the
// search page (q, kind, unit, sort, f.<facet>) plus offset and limit.
func (h *Handlers) searchAPI(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	res, err := h.Search.Search(r.Context(), q)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	out := SearchResults{Total: res.Total, Offset: q.Offset, Limit: q.Limit, DidYouMean: res.DidYouMean,
		Facets: map[string][]FacetCount{}, FacetTotals: map[string]FacetTotal{}, Items: make([]SearchHit, 0, len(res.Hits))}
	for name, t := range res.FacetTotals {
		out.FacetTotals[name] = FacetTotal{Values: t.Values, Other: t.Other}
	}
	for name, fcs := range res.Facets {
		list := make([]FacetCount, len(fcs))
		for i, fc := range fcs {
			list[i] = FacetCount{fc.Value, fc.Count}
		}
		out.Facets[name] = list
	}
	for _, hit := range res.Hits {
		out.Items = append(out.Items, toHit(hit))
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}

func toHit(hit search.Hit) SearchHit {
	out := SearchHit{Kind: hit.Kind, ID: hit.ID, Title: hit.Title, URL: hit.URL, UnitName: hit.UnitName,
		Score: hit.Score, Snippet: make([]Fragment, len(hit.Snippet))}
	if !hit.Date.IsZero() {
		d := hit.Date.UTC()
		out.Date = &d
	}
	for i, f := range hit.Snippet {
		out.Snippet[i] = Fragment{f.Text, f.Mark}
	}
	return out
}

// suggest answers GET /api/v1/search/suggest?q=&limit= with titles for
// autocomplete; format=opensearch gives the OpenSearch suggestions array.
func (h *Handlers) suggest(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query()
	var fe errs.FieldErrors
	limit := intParam(p.Get("limit"), 8, 1, 20, "limit", &fe)
	if err := fe.Err("apiv1.suggest"); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	text := p.Get("q")
	if len([]rune(text)) > search.MaxQueryRunes {
		text = string([]rune(text)[:search.MaxQueryRunes])
	}
	items, err := h.Search.Suggest(r.Context(), text, limit)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "public, max-age=300")
	if p.Get("format") == "opensearch" {
		titles, urls := make([]string, len(items)), make([]string, len(items))
		for i, s := range items {
			titles[i], urls[i] = s.Title, s.URL
		}
		h.Render.JSON(w, r, http.StatusOK, []any{text, titles, []string{}, urls})
		return
	}
	out := Suggestions{Items: make([]Suggestion, len(items))}
	for i, s := range items {
		out.Items[i] = Suggestion{s.Title, s.URL, s.Kind}
	}
	h.Render.JSON(w, r, http.StatusOK, out)
}
