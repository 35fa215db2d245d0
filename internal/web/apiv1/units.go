package apiv1

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// Unit is a unit in API responses.
type Unit struct {
	Code          string   `json:"code"`
	Kind          string   `json:"kind"`
	GSOCode       string   `json:"gso_code,omitempty"`
	AgencyID      string   `json:"agency_id,omitempty"`
	NameVI        string   `json:"name_vi"`
	NameEN        string   `json:"name_en,omitempty"`
	ShortName     string   `json:"short_name,omitempty"`
	ParentCode    string   `json:"parent_code,omitempty"`
	Active        bool     `json:"active"`
	SuccessorCode string   `json:"successor_code,omitempty"`
	InactiveSince string   `json:"inactive_since,omitempty"`
	Address       string   `json:"address,omitempty"`
	Phone         string   `json:"phone,omitempty"`
	Email         string   `json:"email,omitempty"`
	Website       string   `json:"website,omitempty"`
	Leaders       []Leader `json:"leaders,omitempty"`
}

// Leader is a unit leader in API responses.
type Leader struct {
	Name       string `json:"name"`
	PositionVI string `json:"position_vi"`
	PositionEN string `json:"position_en,omitempty"`
	BioVI      string `json:"bio_vi,omitempty"`
	BioEN      string `json:"bio_en,omitempty"`
	Phone      string `json:"phone,omitempty"` // work contacts, as the unit page shows them
	Email      string `json:"email,omitempty"`
}

// UnitList is a page of units.
type UnitList struct {
	Total  int    `json:"total"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	Items  []Unit `json:"items"`
}

func toUnit(u *unit.Unit) Unit {
	out := Unit{
		Code: u.Code, Kind: string(u.Kind), GSOCode: u.GSOCode, AgencyID: u.AgencyID,
		NameVI: u.NameVI, NameEN: u.NameEN, ShortName: u.ShortName, ParentCode: u.ParentCode,
		Active: u.Active, SuccessorCode: u.SuccessorCode, InactiveSince: u.InactiveSince,
		Address: u.Address, Phone: u.Phone, Email: u.Email, Website: u.Website,
	}
	for _, l := range u.Leaders {
		out.Leaders = append(out.Leaders, Leader{Name: l.Name, PositionVI: l.PositionVI, PositionEN: l.PositionEN,
			BioVI: l.BioVI, BioEN: l.BioEN, Phone: l.Phone, Email: l.Email})
	}
	return out
}

// listUnits answers GET /api/v1/units?q=&kind=&parent=&active=&offset=&limit=.
func (h *Handlers) listUnits(w http.ResponseWriter, r *http.Request) {
	f, err := unitFilter(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	if code := r.URL.Query().Get("parent"); code != "" {
		p, err := h.Units.FindUnitByCode(r.Context(), code)
		if err != nil {
			h.Render.Error(w, r, errs.E("apiv1.listUnits", errs.Invalid, map[string]string{"parent": "unit.parent_missing"}, err))
			return
		}
		f.ParentID = &p.ID
	}
	units, total, err := h.Units.FindUnits(r.Context(), f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	out := UnitList{Total: total, Offset: f.Offset, Limit: f.Limit, Items: make([]Unit, 0, len(units))}
	for _, u := range units {
		out.Items = append(out.Items, toUnit(u))
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}

// unitFilter parses the list parameters, with per-field errors.
func unitFilter(r *http.Request) (unit.Filter, error) {
	q := r.URL.Query()
	f := unit.Filter{Limit: 100}
	var fe errs.FieldErrors
	if s := strings.TrimSpace(q.Get("q")); s != "" {
		if len(s) > 200 {
			fe.Add("q", "field.too_long")
		}
		f.Query = &s
	}
	if s := q.Get("kind"); s != "" {
		k := unit.Kind(s)
		if !k.Valid() {
			fe.Add("kind", "field.choose")
		}
		f.Kind = &k
	}
	if s := q.Get("active"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			fe.Add("active", "field.choose")
		}
		f.Active = &b
	}
	f.Offset = intParam(q.Get("offset"), 0, 0, 1<<30, "offset", &fe)
	f.Limit = intParam(q.Get("limit"), 100, 1, 500, "limit", &fe)
	return f, fe.Err("apiv1.unitFilter")
}

func intParam(s string, def, lo, hi int, name string, fe *errs.FieldErrors) int {
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		fe.Add(name, "field.number")
		return def
	}
	return n
}

// getUnit answers GET /api/v1/units/{code}.
func (h *Handlers) getUnit(w http.ResponseWriter, r *http.Request) {
	u, err := h.Units.FindUnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, toUnit(u))
}
