package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// unitRoutes registers the units pages: the list, the create form and the
// edit form (which also moves and deactivates).
func unitRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/don-vi", h.staff(h.unitList))
	r.Handle("GET /quan-tri/don-vi/moi", h.staff(h.unitNew))
	r.Handle("POST /quan-tri/don-vi/moi", h.staff(h.unitCreate))
	r.Handle("GET /quan-tri/don-vi/{code}", h.staff(h.unitEdit))
	r.Handle("POST /quan-tri/don-vi/{code}", h.staff(h.unitUpdate))
}

type unitListView struct {
	Query     string
	Kind      string
	Status    string // "", "active" or "inactive"
	Kinds     []unit.Kind
	Rows      []unitRow
	Total     int
	Page      int
	Pages     int
	CanCreate bool
}

// unitRow is one unit of the list with what the actor may do to it.
type unitRow struct {
	Unit    *unit.Unit
	Parent  string // the parent's name, "" for a root
	CanEdit bool
}

// unitList lists every unit, filtered; only the units the actor may edit
// get an edit link (the service decides again on save).
func (h *Handlers) unitList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	l := h.localizer(r)
	q := r.URL.Query()
	v := unitListView{Query: clip(q.Get("q"), 100), Kind: q.Get("kind"), Status: q.Get("status"),
		Kinds: unit.Kinds, Page: pageParam(r)}
	f := unit.Filter{Offset: (v.Page - 1) * perPage, Limit: perPage}
	if v.Query != "" {
		f.Query = &v.Query
	}
	if k := unit.Kind(v.Kind); k.Valid() {
		f.Kind = &k
	} else {
		v.Kind = ""
	}
	switch v.Status {
	case "active", "inactive":
		active := v.Status == "active"
		f.Active = &active
	default:
		v.Status = ""
	}
	list, total, err := h.Units.FindUnits(r.Context(), f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	names, err := h.unitNames(r.Context(), l.Lang)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	actor := access.ActorFrom(r.Context())
	for _, u := range list {
		v.Rows = append(v.Rows, unitRow{Unit: u, Parent: names[u.ParentID], CanEdit: access.Can(actor, access.EditUnit, u.Target())})
	}
	v.Total, v.Pages = total, pageCount(total)
	v.CanCreate = access.CanAnywhere(actor, access.CreateUnit)
	p := adminPage(l, l.T("admin.units_title"), v)
	p.Flash = saved(r, l)
	h.Render.HTML(w, r, http.StatusOK, "admin_units", p)
}

// allUnits returns every unit in tree order (each parent before its
// children).
func (h *Handlers) allUnits(ctx context.Context) ([]*unit.Unit, error) {
	list, _, err := h.Units.FindUnits(ctx, unit.Filter{})
	if err != nil {
		return nil, err
	}
	var out []*unit.Unit
	var walk func([]*unit.Node)
	walk = func(nodes []*unit.Node) {
		for _, n := range nodes {
			out = append(out, n.Unit)
			walk(n.Children)
		}
	}
	walk(unit.BuildTree(list, -1))
	return out, nil
}

// unitNames maps every unit's ID to its name in lang.
func (h *Handlers) unitNames(ctx context.Context, lang string) (map[int64]string, error) {
	list, _, err := h.Units.FindUnits(ctx, unit.Filter{})
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(list))
	for _, u := range list {
		names[u.ID] = u.Name(lang)
	}
	return names, nil
}

// unitOptions turns units (in tree order) into select options indented by
// depth, keeping those keep accepts. The indent is no-break spaces, which
// browsers keep in option labels and screen readers do not read.
func unitOptions(l *i18n.Localizer, units []*unit.Unit, keep func(*unit.Unit) bool) []httpx.Option {
	var out []httpx.Option
	for _, u := range units {
		if keep != nil && !keep(u) {
			continue
		}
		label := strings.Repeat("\u00a0\u00a0\u00a0", u.Depth) + u.Name(l.Lang)
		if !u.Active {
			label += " " + l.T("admin.unit_inactive_mark", u.InactiveSince)
		}
		out = append(out, httpx.Option{Value: idString(u.ID), Label: label})
	}
	return out
}
