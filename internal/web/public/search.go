package public

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/web/httpx"
)

const resultsPerPage = 10

type searchView struct {
	Query      string
	Kind       string
	Unit       string
	Sort       string
	Page       int
	Pages      int
	Results    *search.Results
	Kinds      []facetLink
	Units      []facetLink
	UnitsMore  string // "and N more units (M results)", when the list stops short
	Facets     []facetGroup
	Base       string // the search page in this language
	PageURL    string // this search without the page parameter
	DidYouMean string // link to the corrected search, when one is proposed
	Error      string
}

type facetGroup struct {
	Name  string
	Label string
	Links []facetLink
}

type facetLink struct {
	Label    string
	Count    int
	URL      string
	Selected bool
}

// searchPage is the portal's one search over every kind of content, with
// facets, snippets, pagination and "did you mean". It needs no JavaScript.
func (h *Handlers) searchPage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	v, q := h.searchParams(r, l.Prefix()+searchPath(l.Lang))
	status := http.StatusOK
	if v.Query != "" || v.Kind != "" {
		res, err := h.Search.Search(r.Context(), q)
		switch {
		case errs.Is(err, errs.Invalid):
			key, args := errs.KeyOf(err)
			v.Error, status = l.T(key, args...), http.StatusUnprocessableEntity
		case err != nil:
			h.Render.Error(w, r, err)
			return
		default:
			h.fillResults(r, l.Lang, &v, res)
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	title := l.T("search.title")
	if v.Query != "" {
		title = l.T("search.title_for", v.Query)
	}
	h.Render.HTML(w, r, status, "search", &httpx.Page{
		L: l, Title: title, Noindex: v.Query != "", Description: l.T("search.description"),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: l.T("search.title")}},
		Data:   v,
	})
}

// searchParams reads the query string into the view and the engine query.
func (h *Handlers) searchParams(r *http.Request, base string) (searchView, search.Query) {
	p := r.URL.Query()
	v := searchView{
		Query: strings.TrimSpace(p.Get("q")), Kind: p.Get("kind"), Unit: p.Get("unit"),
		Sort: p.Get("sort"), Page: atoiMin(p.Get("page"), 1), Base: base,
	}
	if v.Sort != search.SortDate {
		v.Sort = ""
	}
	q := search.Query{Text: v.Query, UnitCode: v.Unit, Sort: v.Sort, Limit: resultsPerPage,
		Offset: (v.Page - 1) * resultsPerPage, Facets: map[string][]string{}}
	if v.Kind != "" {
		q.Kinds = []string{v.Kind}
	}
	for key, vals := range p {
		if name, ok := strings.CutPrefix(key, "f."); ok && name != "" {
			q.Facets[name] = vals
		}
	}
	v.PageURL = base + "?" + keep(p, "page").Encode()
	return v, q
}

// keep returns a copy of vals without the named keys.
func keep(vals url.Values, drop ...string) url.Values {
	out := url.Values{}
	for k, vs := range vals {
		out[k] = vs
	}
	for _, d := range drop {
		out.Del(d)
	}
	return out
}

// unitFacetLinks is how many of the most frequent units the page links.
const unitFacetLinks = 10

// fillResults turns engine results into links the page renders.
func (h *Handlers) fillResults(r *http.Request, lang string, v *searchView, res *search.Results) {
	l := h.Render.Catalog.For(lang)
	v.Results = res
	v.Pages = max(1, min((res.Total+resultsPerPage-1)/resultsPerPage, search.MaxOffset/resultsPerPage))
	p := r.URL.Query()
	for _, fc := range res.Facets["kind"] {
		v.Kinds = append(v.Kinds, facetLink{Label: l.T("searchkind." + fc.Value), Count: fc.Count,
			URL: v.Base + "?" + with(p, "kind", fc.Value).Encode(), Selected: fc.Value == v.Kind})
	}
	units := res.Facets["unit"]
	if len(units) > unitFacetLinks {
		// Say what the list leaves out: the values counted but not listed
		// by the engine (FacetTotals) and those beyond the links shown.
		t := res.FacetTotals["unit"]
		more, matches := t.Values-unitFacetLinks, t.Other
		for _, fc := range units[unitFacetLinks:] {
			matches += fc.Count
		}
		v.UnitsMore = l.T("search.units_more", more, matches)
		units = units[:unitFacetLinks]
	}
	for _, fc := range units {
		name := fc.Value
		if u, err := h.Units.FindUnitByCode(r.Context(), fc.Value); err == nil {
			name = u.Name(lang)
		}
		v.Units = append(v.Units, facetLink{Label: name, Count: fc.Count,
			URL: v.Base + "?" + with(p, "unit", fc.Value).Encode(), Selected: fc.Value == v.Unit})
	}
	v.Facets = h.kindFacets(l.Lang, p, v.Base, res)
	if res.DidYouMean != "" {
		v.DidYouMean = v.Base + "?" + with(p, "q", res.DidYouMean).Encode()
	}
}

// kindFacets lists the facets of the selected kind (level, field, year...).
func (h *Handlers) kindFacets(lang string, p url.Values, base string, res *search.Results) []facetGroup {
	l := h.Render.Catalog.For(lang)
	var names []string
	for name := range res.Facets {
		if name != "kind" && name != "unit" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []facetGroup
	for _, name := range names {
		g := facetGroup{Name: name, Label: l.T("facet." + name)}
		for _, fc := range res.Facets[name] {
			sel := contains(p["f."+name], fc.Value)
			g.Links = append(g.Links, facetLink{Label: facetValueLabel(l.T, name, fc.Value), Count: fc.Count,
				URL: base + "?" + with(p, "f."+name, fc.Value).Encode(), Selected: sel})
		}
		out = append(out, g)
	}
	return out
}

// facetValueLabel translates a facet value when the catalogue has it
// ("facetvalue.unit_kind.ward"), and shows the value itself otherwise.
func facetValueLabel(t func(string, ...any) string, name, value string) string {
	key := "facetvalue." + name + "." + value
	if s := t(key); s != key {
		return s
	}
	return value
}

func with(p url.Values, key, val string) url.Values {
	out := keep(p, "page")
	out.Set(key, val)
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func searchPath(lang string) string {
	if lang == "en" {
		return "/search"
	}
	return "/tim-kiem"
}

// openSearch describes the portal's search for browsers' search bars.
func (h *Handlers) openSearch(w http.ResponseWriter, r *http.Request) {
	base := h.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	l := h.Render.Catalog.For("vi")
	w.Header().Set("Content-Type", "application/opensearchdescription+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>` + xmlEscape(l.T("site.short")) + `</ShortName>
<Description>` + xmlEscape(l.T("site.name")) + `</Description>
<InputEncoding>UTF-8</InputEncoding>
<Language>vi</Language>
<Url type="text/html" method="get" template="` + xmlEscape(base) + `/tim-kiem?q={searchTerms}"/>
<Url type="application/x-suggestions+json" method="get" template="` + xmlEscape(base) + `/api/v1/search/suggest?q={searchTerms}&amp;format=opensearch"/>
</OpenSearchDescription>
`))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
