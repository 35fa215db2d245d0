package public

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

const unitsPerPage = 50

type unitsView struct {
	Query    string
	Kind     string
	View     string // "tree" or "list"
	Inactive bool
	Kinds    []unit.Kind
	Tree     []*unit.Node
	List     []*unit.Unit
	Total    int
	Page     int
	Pages    int
	Base     string // the directory URL in this language
}

// units is the unit directory: a tree of active units by default, a flat
// filtered list when a name or kind is given or the list view is chosen.
func (h *Handlers) units(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	q := r.URL.Query()
	v := unitsView{
		Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), View: q.Get("view"),
		Inactive: q.Get("inactive") == "1", Kinds: unit.Kinds, Page: atoiMin(q.Get("page"), 1),
		Base: l.Prefix() + unitsPath(l.Lang),
	}
	if utf8.RuneCountInString(v.Query) > 100 {
		v.Query = string([]rune(v.Query)[:100])
	}
	if v.Kind != "" && !unit.Kind(v.Kind).Valid() {
		v.Kind = ""
	}
	if v.Query != "" || v.Kind != "" || v.View == "list" {
		v.View = "list"
	} else {
		v.View = "tree"
	}
	var err error
	if v.View == "tree" {
		// The top two levels: the city, its departments, wards and
		// communes; each unit's page lists the units below it.
		v.Tree, err = h.Units.Tree(r.Context(), !v.Inactive, 1)
	} else {
		err = h.unitList(r, &v)
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.Render.HTML(w, r, http.StatusOK, "units", &httpx.Page{
		L: l, Title: l.T("units.title"), Description: l.T("units.intro"), Canonical: h.canonical(r),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: l.T("units.title")}},
		Data:   v,
	})
}

func (h *Handlers) unitList(r *http.Request, v *unitsView) error {
	f := unit.Filter{Offset: (v.Page - 1) * unitsPerPage, Limit: unitsPerPage}
	if v.Query != "" {
		f.Query = &v.Query
	}
	if v.Kind != "" {
		k := unit.Kind(v.Kind)
		f.Kind = &k
	}
	if !v.Inactive {
		t := true
		f.Active = &t
	}
	var err error
	v.List, v.Total, err = h.Units.FindUnits(r.Context(), f)
	v.Pages = max(1, (v.Total+unitsPerPage-1)/unitsPerPage)
	return err
}

func atoiMin(s string, lo int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo {
		return lo
	}
	return min(n, 100000)
}
