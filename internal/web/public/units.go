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

// childrenShown is how many units below one unit the tree and a unit's page
// list; a unit with more (a generated or very large city) links to the
// paginated list of them instead, so no page grows with the directory.
// Real cities stay whole: Hà Nội has 156 units below the city.
const childrenShown = 200

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
	Base     string     // the directory URL in this language
	Parent   *unit.Unit // the list is of the units below Parent
}

// units is the unit directory: a tree of active units by default, a flat
// filtered list when a name or kind is given or the list view is chosen.
func (h *Handlers) units(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	q := r.URL.Query()
	var err error
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
	if code := q.Get("parent"); code != "" {
		// An unknown code lists nothing rather than everything.
		if v.Parent, err = h.Units.FindUnitByCode(r.Context(), code); err != nil {
			h.Render.Error(w, r, err)
			return
		}
	}
	if v.Query != "" || v.Kind != "" || v.View == "list" || v.Parent != nil {
		v.View = "list"
	} else {
		v.View = "tree"
	}
	if v.View == "tree" {
		// The top two levels: the city, its departments, wards and
		// communes; each unit's page lists the units below it.
		v.Tree, err = h.Units.Tree(r.Context(), !v.Inactive, 1)
		v.Tree = foldTree(v.Tree)
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
	if v.Parent != nil {
		f.ParentID = &v.Parent.ID
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

// foldTree returns nodes with at most childrenShown children each (the
// others are reached through the list of the units below that node); the
// nodes it shortens are copies, so a shared tree is never changed.
func foldTree(nodes []*unit.Node) []*unit.Node {
	out := make([]*unit.Node, len(nodes))
	for i, n := range nodes {
		if len(n.Children) > childrenShown || hasLongBranch(n.Children) {
			c := *n
			c.Children = foldTree(n.Children[:min(len(n.Children), childrenShown)])
			n = &c
		}
		out[i] = n
	}
	return out
}

func hasLongBranch(nodes []*unit.Node) bool {
	for _, n := range nodes {
		if len(n.Children) > childrenShown || hasLongBranch(n.Children) {
			return true
		}
	}
	return false
}

func atoiMin(s string, lo int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo {
		return lo
	}
	return min(n, 100000)
}

// ParentCode is the code of the unit whose units below are listed, or "".
func (v unitsView) ParentCode() string {
	if v.Parent == nil {
		return ""
	}
	return v.Parent.Code
}
