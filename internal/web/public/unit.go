package public

import (
	"net/http"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type unitView struct {
	Unit      *unit.Unit
	Parent    *unit.Unit
	Successor *unit.Unit
	Children  []*unit.Unit
	// ChildCount is the number of active units below; more than
	// childrenShown are reached through the directory's list.
	ChildCount int
	Base       string
}

// unitPage shows one unit: contacts, leaders, parent, the units below it
// and, for a merged unit, its successor.
func (h *Handlers) unitPage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	ctx := r.Context()
	u, err := h.Units.FindUnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := unitView{Unit: u, Base: l.Prefix() + unitsPath(l.Lang)}
	if u.ParentID != 0 {
		v.Parent, _ = h.Units.Lookup(ctx, u.ParentID)
	}
	if u.SuccessorID != 0 {
		v.Successor, _ = h.Units.Lookup(ctx, u.SuccessorID)
	}
	active := true
	if v.Children, v.ChildCount, err = h.Units.FindUnits(ctx, unit.Filter{ParentID: &u.ID, Active: &active, Limit: childrenShown}); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	crumbs := []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: l.T("units.title"), URL: v.Base}}
	if v.Parent != nil {
		crumbs = append(crumbs, httpx.Crumb{Label: v.Parent.Name(l.Lang), URL: v.Base + "/" + v.Parent.Code})
	}
	crumbs = append(crumbs, httpx.Crumb{Label: u.Name(l.Lang)})
	h.Render.HTML(w, r, http.StatusOK, "unit", &httpx.Page{
		L: l, Title: u.Name(l.Lang), Description: l.Pick(u.DescriptionVI, u.DescriptionEN), Canonical: h.canonical(r),
		Owner:  &httpx.Owner{Name: u.Name(l.Lang), URL: v.Base + "/" + u.Code},
		Crumbs: crumbs, JSONLD: h.unitJSONLD(l, u, v.Parent), Data: v,
	})
}

// unitJSONLD describes the unit as a schema.org GovernmentOrganization.
func (h *Handlers) unitJSONLD(l *i18n.Localizer, u *unit.Unit, parent *unit.Unit) map[string]any {
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "GovernmentOrganization",
		"name": u.Name(l.Lang), "alternateName": u.ShortName,
		"url": h.BaseURL + l.Prefix() + unitsPath(l.Lang) + "/" + u.Code,
	}
	if u.Address != "" {
		ld["address"] = map[string]any{"@type": "PostalAddress", "streetAddress": u.Address, "addressCountry": "VN"}
	}
	if u.Phone != "" {
		ld["telephone"] = u.Phone
	}
	if u.Email != "" {
		ld["email"] = u.Email
	}
	if parent != nil {
		ld["parentOrganization"] = map[string]any{"@type": "GovernmentOrganization", "name": parent.Name(l.Lang)}
	}
	return ld
}
