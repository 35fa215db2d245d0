package apiv1

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

// ProcedureList is a page of the procedure catalogue with the counts of
// each filter value.
type ProcedureList struct {
	Total  int              `json:"total"`
	Offset int              `json:"offset"`
	Limit  int              `json:"limit"`
	Facets ProcedureFacets  `json:"facets"`
	Items  []ProcedureBrief `json:"items"`
}

// ProcedureFacets counts the procedures of a filter by each dimension, the
// dimension's own condition left out (see procedure.Facets).
type ProcedureFacets struct {
	Levels       []ProcedureFacet `json:"levels"`
	Fields       []ProcedureFacet `json:"fields"`
	Agencies     []ProcedureFacet `json:"agencies"`
	OnlineLevels []ProcedureFacet `json:"online_levels"`
	Units        []ProcedureFacet `json:"units"` // owning units: value is the unit code
}

// ProcedureFacet is one filter value and its number of procedures.
type ProcedureFacet struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// ProcedureBrief is a procedure in lists.
type ProcedureBrief struct {
	Code               string   `json:"code"`
	Name               string   `json:"name"`
	URL                string   `json:"url"`
	Levels             []string `json:"levels"`
	Field              string   `json:"field,omitempty"`
	ImplementingAgency string   `json:"implementing_agency,omitempty"`
	OnlineLevel        string   `json:"online_level"`
	UnitCode           string   `json:"unit_code"`
}

// listProcedures answers GET /api/v1/procedures?q=&level=&field=&agency=&unit=&online_level=&offset=&limit=.
func (h *Handlers) listProcedures(w http.ResponseWriter, r *http.Request) {
	ctx := procPublicView(r.Context())
	f, err := h.procedureFilter(ctx, r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
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
	out := ProcedureList{Total: total, Offset: f.Offset, Limit: f.Limit, Facets: toFacets(fc), Items: make([]ProcedureBrief, 0, len(list))}
	for _, p := range list {
		out.Items = append(out.Items, toBrief(p))
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}

// procedureFilter parses the list parameters, with per-field errors. The
// limit is always set (at most 200), so a request never reads the whole
// catalogue at once.
func (h *Handlers) procedureFilter(ctx context.Context, r *http.Request) (procedure.Filter, error) {
	q := r.URL.Query()
	var fe errs.FieldErrors
	f := procedure.Filter{}
	if s := strings.TrimSpace(q.Get("q")); s != "" {
		if len(s) > 200 {
			fe.Add("q", "field.too_long")
		}
		f.Query = &s
	}
	for _, s := range q["level"] {
		for _, part := range strings.Split(s, ",") {
			l := procedure.Level(strings.TrimSpace(part))
			if !l.Valid() {
				fe.Add("level", "field.choose")
			}
			f.Levels = append(f.Levels, l)
		}
	}
	if s := q.Get("online_level"); s != "" {
		o := procedure.OnlineLevel(s)
		if !o.Valid() {
			fe.Add("online_level", "field.choose")
		}
		f.OnlineLevel = &o
	}
	f.Field, f.Agency = procOptional(q.Get("field")), procOptional(q.Get("agency"))
	if code := q.Get("unit"); code != "" {
		u, err := h.Units.FindUnitByCode(ctx, code)
		if err != nil {
			return f, errs.E("apiv1.procedureFilter", errs.Invalid, map[string]string{"unit": "procpage.unit_missing"}, err)
		}
		f.OwnerUnitID = &u.ID
	}
	f.Offset = intParam(q.Get("offset"), 0, 0, 1<<30, "offset", &fe)
	f.Limit = intParam(q.Get("limit"), 50, 1, 200, "limit", &fe)
	return f, fe.Err("apiv1.procedureFilter")
}

func procOptional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// getProcedure answers GET /api/v1/procedures/{code} with the published
// version of the procedure, whole.
func (h *Handlers) getProcedure(w http.ResponseWriter, r *http.Request) {
	ctx := procPublicView(r.Context())
	p, err := h.Procedures.FindProcedureByCode(ctx, r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	out := toProcedure(p)
	if u, ok := h.Units.Lookup(ctx, p.OwnerUnitID); ok {
		out.Unit = ProcedureUnit{Code: u.Code, NameVI: u.NameVI, NameEN: u.NameEN}
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}

// procPublicView returns ctx without its actor: the API serves what the public
// sees, also to a signed-in member of staff.
func procPublicView(ctx context.Context) context.Context { return access.WithActor(ctx, nil) }

func toBrief(p *procedure.Procedure) ProcedureBrief {
	return ProcedureBrief{
		Code: p.Code, Name: p.Name, URL: "/thu-tuc/" + p.Code, Levels: procLevels(p.Levels), Field: p.Field,
		ImplementingAgency: p.ImplementingAgency, OnlineLevel: string(p.OnlineLevel), UnitCode: p.OwnerUnitCode,
	}
}

func toFacets(fc *procedure.Facets) ProcedureFacets {
	conv := func(cs []procedure.FacetCount) []ProcedureFacet {
		out := make([]ProcedureFacet, len(cs))
		for i, c := range cs {
			out[i] = ProcedureFacet{Value: c.Value, Label: c.Label, Count: c.Count}
		}
		return out
	}
	return ProcedureFacets{Levels: conv(fc.Levels), Fields: conv(fc.Fields), Agencies: conv(fc.Agencies),
		OnlineLevels: conv(fc.OnlineLevels), Units: conv(fc.Owners)}
}

func procLevels(ls []procedure.Level) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}

// procTime is t in UTC to the second, or nil when zero.
func procTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Second)
	return &t
}
