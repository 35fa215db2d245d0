package public

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

const (
	proceduresPerPage = 20
	// facetShown is how many values of a facet are listed before the rest
	// go into a disclosure ("show N more"), to keep long lists of agencies
	// readable and the page light.
	facetShown = 12
)

// proceduresView is the catalogue page: the filters in force, the facets
// with their counts and one page of procedures.
type proceduresView struct {
	Query, Level, Field, Agency, Unit, Online string

	Facets    []procFacet
	Active    []facetLink // the filters in force, each linking to the page without it
	List      []procRow
	Total     int
	Page      int
	Pages     int
	Base      string // the catalogue in this language
	PageURL   string // this filter without the page parameter
	OnlineURL string // the online services page
	Clear     string // the catalogue without any filter, "" when none is set
}

// procFacet is one dimension of the catalogue's filters.
type procFacet struct {
	Name  string // the query parameter
	Label string
	Links []facetLink // the first facetShown values
	More  []facetLink // the rest, in a disclosure
}

// procRow is one procedure of a list.
type procRow struct {
	Code, Name, URL, Field, Levels, Online string
}

// procedures is the catalogue of administrative procedures: filters by
// level, field, implementing agency, owning unit and online level, each
// value with the number of procedures it would give, a name filter that
// ignores diacritics, and pages of 20. It needs no JavaScript.
func (h *Handlers) procedures(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	ctx := procPublicView(r.Context())
	v, f := h.procedureParams(ctx, r, l)
	fc, err := h.Procedures.Facets(ctx, f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	list, total, err := h.Procedures.FindProcedures(ctx, f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v.Total, v.Pages = total, max(1, (total+proceduresPerPage-1)/proceduresPerPage)
	for _, p := range list {
		v.List = append(v.List, procRowOf(l, v.Base, p))
	}
	v.Facets = procFacets(l, r.URL.Query(), v.Base, h.localUnitNames(ctx, l, fc))
	v.Active = h.procActiveFilters(ctx, l, r.URL.Query(), &v)
	title := l.T("procpage.title")
	h.Render.HTML(w, r, http.StatusOK, "procedures", &httpx.Page{
		L: l, Title: title, Description: l.T("procpage.intro"), Canonical: h.canonical(r),
		Noindex: len(v.Active) > 0 || v.Page > 1,
		Crumbs:  []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: title}},
		Data:    v,
	})
}

// procedureParams reads the catalogue's query string. Values that are not
// valid (an unknown level, a unit that does not exist) are ignored, as the
// other directories of the portal do.
func (h *Handlers) procedureParams(ctx context.Context, r *http.Request, l *i18n.Localizer) (proceduresView, procedure.Filter) {
	q := r.URL.Query()
	v := proceduresView{
		Query: procClip(strings.TrimSpace(q.Get("q")), 100), Level: q.Get("level"), Field: procClip(q.Get("field"), 300),
		Agency: procClip(q.Get("agency"), 300), Unit: procClip(q.Get("unit"), 64), Online: q.Get("online"),
		Page: atoiMin(q.Get("page"), 1), Base: l.Prefix() + procedurePath(l.Lang), OnlineURL: l.Prefix() + onlineServicesPath(l.Lang),
	}
	f := procedure.Filter{Offset: (v.Page - 1) * proceduresPerPage, Limit: proceduresPerPage}
	if v.Query != "" {
		f.Query = &v.Query
	}
	if lv := procedure.Level(v.Level); lv.Valid() {
		f.Levels = []procedure.Level{lv}
	} else {
		v.Level = ""
	}
	if v.Field != "" {
		f.Field = &v.Field
	}
	if v.Agency != "" {
		f.Agency = &v.Agency
	}
	if o := procedure.OnlineLevel(v.Online); o.Valid() {
		f.OnlineLevel = &o
	} else {
		v.Online = ""
	}
	if v.Unit != "" {
		if u, err := h.Units.FindUnitByCode(ctx, v.Unit); err == nil {
			f.OwnerUnitID = &u.ID
		} else {
			v.Unit = ""
		}
	}
	v.PageURL = v.Base + procQuery(keep(q, "page"))
	return v, f
}

// procFacets turns the service's counts into links that add a value to the
// filter, or remove it when it is the one selected.
func procFacets(l *i18n.Localizer, q url.Values, base string, fc *procedure.Facets) []procFacet {
	dims := []struct {
		name, label, prefix string
		counts              []procedure.FacetCount
	}{
		{"level", l.T("facet.level"), "procedure.level.", fc.Levels},
		{"online", l.T("facet.online_level"), "procedure.online.", fc.OnlineLevels},
		{"field", l.T("facet.field"), "", fc.Fields},
		{"agency", l.T("facet.agency"), "", fc.Agencies},
		{"unit", l.T("procpage.owner"), "", fc.Owners},
	}
	var out []procFacet
	for _, d := range dims {
		if len(d.counts) == 0 {
			continue
		}
		g := procFacet{Name: d.name, Label: d.label}
		for i, c := range d.counts {
			label := c.Value
			switch {
			case d.prefix != "":
				label = l.T(d.prefix + c.Value)
			case c.Label != "":
				label = c.Label
			}
			link := facetLink{Label: label, Count: c.Count, Selected: q.Get(d.name) == c.Value}
			if link.Selected {
				link.URL = base + procQuery(keep(q, "page", d.name))
			} else {
				link.URL = base + procQuery(with(q, d.name, c.Value))
			}
			if i < facetShown {
				g.Links = append(g.Links, link)
			} else {
				g.More = append(g.More, link)
			}
		}
		out = append(out, g)
	}
	return out
}

// localUnitNames gives the owners of fc their names in l's language (the
// service labels them in Vietnamese).
func (h *Handlers) localUnitNames(ctx context.Context, l *i18n.Localizer, fc *procedure.Facets) *procedure.Facets {
	if l.Lang == "vi" {
		return fc
	}
	for i, o := range fc.Owners {
		if u, err := h.Units.FindUnitByCode(ctx, o.Value); err == nil {
			fc.Owners[i].Label = u.Name(l.Lang)
		}
	}
	return fc
}

// procActiveFilters lists the filters in force, each with the link that drops
// it, and sets the link that drops them all.
func (h *Handlers) procActiveFilters(ctx context.Context, l *i18n.Localizer, q url.Values, v *proceduresView) []facetLink {
	var out []facetLink
	add := func(name, label string) {
		out = append(out, facetLink{Label: label, URL: v.Base + procQuery(keep(q, "page", name)), Selected: true})
	}
	if v.Query != "" {
		add("q", l.T("procpage.filter_name", v.Query))
	}
	if v.Level != "" {
		add("level", l.T("procedure.level."+v.Level))
	}
	if v.Online != "" {
		add("online", l.T("procedure.online."+v.Online))
	}
	if v.Field != "" {
		add("field", v.Field)
	}
	if v.Agency != "" {
		add("agency", v.Agency)
	}
	if v.Unit != "" {
		name := v.Unit
		if u, err := h.Units.FindUnitByCode(ctx, v.Unit); err == nil {
			name = u.Name(l.Lang)
		}
		add("unit", name)
	}
	if len(out) > 0 {
		v.Clear = v.Base
	}
	return out
}

// procRowOf is p as a row of a list in l's language.
func procRowOf(l *i18n.Localizer, base string, p *procedure.Procedure) procRow {
	return procRow{
		Code: p.Code, Name: p.Name, URL: base + "/" + p.Code, Field: p.Field,
		Levels: procLevelNames(l, p.Levels), Online: l.T("procedure.online." + string(p.OnlineLevel)),
	}
}

func procLevelNames(l *i18n.Localizer, levels []procedure.Level) string {
	names := make([]string, len(levels))
	for i, lv := range levels {
		names[i] = l.T("procedure.level." + string(lv))
	}
	return strings.Join(names, ", ")
}

// procQuery is "?" and the encoded values, or "" when there are none.
func procQuery(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// procClip cuts s to at most n runes, since it is shown back on the page.
func procClip(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n])
	}
	return s
}

// procPublicView returns ctx without its actor: the public pages show what the
// public sees, even to signed-in staff, who read drafts in the admin area.
func procPublicView(ctx context.Context) context.Context { return access.WithActor(ctx, nil) }

func procedurePath(lang string) string {
	if lang == "en" {
		return "/procedures"
	}
	return "/thu-tuc"
}

func onlineServicesPath(lang string) string {
	if lang == "en" {
		return "/online-services"
	}
	return "/dich-vu-cong-truc-tuyen"
}

// procedureSitemap is the sitemap section of the catalogue: the catalogue,
// the online services page and every published procedure.
func (h *Handlers) procedureSitemap(r *http.Request) ([][2]string, error) {
	list, _, err := h.Procedures.FindProcedures(procPublicView(r.Context()), procedure.Filter{})
	if err != nil {
		return nil, err
	}
	pairs := [][2]string{{"/thu-tuc", "/en/procedures"}, {"/dich-vu-cong-truc-tuyen", "/en/online-services"}}
	for _, p := range list {
		pairs = append(pairs, [2]string{"/thu-tuc/" + p.Code, "/en/procedures/" + p.Code})
	}
	return pairs, nil
}
