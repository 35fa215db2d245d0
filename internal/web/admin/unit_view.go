package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// unitForm renders the create or edit form of u with blank empty leader
// rows after the filled ones.
func (h *Handlers) unitForm(w http.ResponseWriter, r *http.Request, status int, u *unit.Unit, st *formState, blank int) {
	all, err := h.allUnits(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l, actor := st.l, access.ActorFrom(r.Context())
	v := unitFormView{New: u.ID == 0, Form: st.form, Version: u.Version, Active: u.Active}
	title := l.T("admin.unit_new")
	if v.New {
		v.Action = "/quan-tri/don-vi/moi"
	} else {
		v.Code, v.PublicURL = u.Code, "/don-vi/"+url.PathEscape(u.Code)
		v.Action = "/quan-tri/don-vi/" + url.PathEscape(u.Code)
		title = l.T("admin.unit_edit", u.NameVI)
	}
	v.Sections = unitSections(st, u, parentOptions(l, actor, all, u))
	if !v.New {
		v.Status = []httpx.Field{
			st.choice("successor", "admin.unit_successor", idString(u.SuccessorID), successorOptions(l, all, u), false),
			st.hinted("inactive_since", "admin.unit_inactive_since", "admin.unit_inactive_since_hint", "date", u.InactiveSince, false),
		}
	}
	v.Leaders = leaderRows(st, u.Leaders, blank)
	p := adminPage(l, title, v)
	if status == http.StatusOK {
		p.Flash = saved(r, l)
	}
	h.Render.HTML(w, r, status, "admin_unit_form", p)
}

// unitSections are the fieldsets of the unit form other than its status
// and leaders.
func unitSections(st *formState, u *unit.Unit, parents []httpx.Option) []fieldset {
	l := st.l
	kinds := []httpx.Option{{Value: "", Label: l.T("admin.choose")}}
	for _, k := range unit.Kinds {
		kinds = append(kinds, httpx.Option{Value: string(k), Label: l.T("kind." + string(k))})
	}
	general := []httpx.Field{}
	if u.ID == 0 {
		general = append(general, st.hinted("code", "admin.unit_code", "admin.unit_code_hint", "text", u.Code, true))
	}
	general = append(general,
		st.choice("kind", "unit.kind", string(u.Kind), kinds, true),
		st.input("name_vi", "admin.unit_name_vi", "text", u.NameVI, true),
		st.input("name_en", "admin.unit_name_en", "text", u.NameEN, false),
		st.input("short_name", "admin.unit_short_name", "text", u.ShortName, false),
		st.hinted("gso_code", "unit.gso", "admin.unit_gso_hint", "text", u.GSOCode, false),
		st.hinted("agency_id", "unit.agency_id", "admin.unit_agency_id_hint", "text", u.AgencyID, false),
	)
	sort := ""
	if u.SortOrder != 0 {
		sort = strconv.Itoa(u.SortOrder)
	}
	return []fieldset{
		{Legend: l.T("admin.unit_general"), Fields: general},
		{Legend: l.T("admin.unit_place"), Fields: []httpx.Field{
			st.choice("parent", "unit.parent", idString(u.ParentID), parents, true),
			st.hinted("sort_order", "admin.unit_sort_order", "admin.unit_sort_order_hint", "number", sort, false),
		}},
		{Legend: l.T("unit.contacts"), Fields: []httpx.Field{
			st.input("address", "unit.address", "text", u.Address, false),
			st.input("phone", "unit.phone", "tel", u.Phone, false),
			st.input("email", "unit.email", "email", u.Email, false),
			st.hinted("website", "unit.website", "admin.unit_website_hint", "url", u.Website, false),
		}},
		{Legend: l.T("admin.unit_description"), Fields: []httpx.Field{
			st.input("description_vi", "admin.unit_description_vi", "textarea", u.DescriptionVI, false),
			st.input("description_en", "admin.unit_description_en", "textarea", u.DescriptionEN, false),
		}},
	}
}

// parentOptions are the units u may be placed under: those where the actor
// may create units, outside u's own subtree, plus u's current parent (keeping
// it needs no right). A portal admin may also choose no parent.
func parentOptions(l *i18n.Localizer, actor *access.Actor, all []*unit.Unit, u *unit.Unit) []httpx.Option {
	var opts []httpx.Option
	if actor.IsPortalAdmin() || (u.ID != 0 && u.ParentID == 0) {
		opts = append(opts, httpx.Option{Value: "", Label: l.T("admin.unit_no_parent")})
	}
	return append(opts, unitOptions(l, all, func(p *unit.Unit) bool {
		if u.ID != 0 && strings.HasPrefix(p.Path, u.Path) {
			return false
		}
		return p.ID == u.ParentID || access.Can(actor, access.CreateUnit, p.Target())
	})...)
}

// successorOptions are the units that may take over u: active units other
// than u, plus its current successor.
func successorOptions(l *i18n.Localizer, all []*unit.Unit, u *unit.Unit) []httpx.Option {
	opts := []httpx.Option{{Value: "", Label: l.T("admin.unit_no_successor")}}
	return append(opts, unitOptions(l, all, func(s *unit.Unit) bool {
		return s.ID != u.ID && (s.Active || s.ID == u.SuccessorID)
	})...)
}

// leaderRows renders the filled leaders, then blank empty rows. A leader's
// error (name or position missing) goes on the field that is missing.
func leaderRows(st *formState, leaders []unit.Leader, blank int) []leaderRow {
	rows := make([]leaderRow, 0, len(leaders)+blank)
	for i := range len(leaders) + blank {
		var ld unit.Leader
		if i < len(leaders) {
			ld = leaders[i]
		}
		row := leaderRow{Legend: st.l.T("admin.leader_n", i+1)}
		rowErr := st.form.Fields[fmt.Sprintf("leaders.%d", i)]
		for _, lf := range leaderFields {
			f := st.input(fmt.Sprintf("leaders.%d.%s", i, lf.name), lf.label, lf.typ, leaderValue(ld, lf.name), false)
			missing := (lf.name == "name" && ld.Name == "") || (lf.name == "position_vi" && ld.Name != "" && ld.PositionVI == "")
			if rowErr != "" && missing {
				f.Error = rowErr
			}
			row.Fields = append(row.Fields, f)
		}
		rows = append(rows, row)
	}
	return rows
}
