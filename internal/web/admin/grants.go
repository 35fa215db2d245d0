package admin

import (
	"fmt"
	"net/http"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// grantInput is one filled row of the grants group as typed, kept even when
// incomplete so the form can show it again.
type grantInput struct {
	Role    string
	Unit    string // a unit ID
	Subtree bool
}

// grantRow is one row of the grants group: a role, a unit and the subtree
// checkbox.
type grantRow struct {
	Legend  string
	Role    httpx.Field
	Unit    httpx.Field
	Subtree bool
	Name    string // the checkbox's form name
}

// grantsView is the grants group of a form, for the "grant-rows" template.
type grantsView struct {
	L     *i18n.Localizer
	Rows  []grantRow
	Error string // an error about the grants as a whole
}

// readGrants reads the grants group: the rows posted, the filled ones and
// the grants they make. A row with only a role or only a unit is an error
// on the missing half. Blank rows are dropped.
func readGrants(r *http.Request) (int, []grantInput, []access.Grant, errs.FieldErrors) {
	posted := rowCount(r, "grant_rows")
	var inputs []grantInput
	var grants []access.Grant
	var bad errs.FieldErrors
	for i := range posted {
		p := fmt.Sprintf("grants.%d.", i)
		in := grantInput{Role: form(r, p+"role"), Unit: form(r, p+"unit"), Subtree: r.PostFormValue(p+"subtree") == "1"}
		if in.Role == "" && in.Unit == "" {
			continue
		}
		n := len(inputs)
		inputs = append(inputs, in)
		id, ok := parseID(in.Unit)
		if !ok || id == 0 {
			bad.Add(fmt.Sprintf("grants.%d.unit", n), "field.choose")
		}
		if !access.Role(in.Role).Valid() {
			bad.Add(fmt.Sprintf("grants.%d.role", n), "field.choose")
		}
		grants = append(grants, access.Grant{Role: access.Role(in.Role), UnitID: id, Subtree: in.Subtree})
	}
	return posted, inputs, grants, bad
}

// inputsOf returns the rows showing grants.
func inputsOf(grants []access.Grant) []grantInput {
	out := make([]grantInput, len(grants))
	for i, g := range grants {
		out[i] = grantInput{Role: string(g.Role), Unit: idString(g.UnitID), Subtree: g.Subtree}
	}
	return out
}

// grantRows renders inputs and blank empty rows. The choices are the roles
// and units the actor may grant, plus those already in the rows, so that
// saving the form unchanged changes nothing.
func grantRows(st *formState, actor *access.Actor, all []*unit.Unit, inputs []grantInput, blank int) grantsView {
	l := st.l
	inRows := func(pick func(grantInput) string, v string) bool {
		for _, in := range inputs {
			if pick(in) == v {
				return true
			}
		}
		return false
	}
	roles := []httpx.Option{{Value: "", Label: l.T("admin.choose")}}
	for _, role := range access.Roles {
		if role != access.PortalAdmin || actor.IsPortalAdmin() || inRows(func(g grantInput) string { return g.Role }, string(role)) {
			roles = append(roles, httpx.Option{Value: string(role), Label: l.T("role." + string(role))})
		}
	}
	units := append([]httpx.Option{{Value: "", Label: l.T("admin.choose")}}, unitOptions(l, all, func(u *unit.Unit) bool {
		return access.Can(actor, access.ManageStaff, u.Target()) || inRows(func(g grantInput) string { return g.Unit }, idString(u.ID))
	})...)
	v := grantsView{L: l, Error: st.form.Fields["grants"]}
	for i := range len(inputs) + blank {
		var in grantInput
		if i < len(inputs) {
			in = inputs[i]
		}
		p := fmt.Sprintf("grants.%d.", i)
		v.Rows = append(v.Rows, grantRow{
			Legend: l.T("admin.grant_n", i+1),
			Role:   st.choice(p+"role", "admin.role", in.Role, roles, false),
			Unit:   st.choice(p+"unit", "admin.grant_unit", in.Unit, units, false),
			Name:   p + "subtree", Subtree: in.Subtree,
		})
	}
	return v
}
