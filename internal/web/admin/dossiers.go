package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// dossierRoutes registers the staff's dossier pages: the overdue list of
// a centre (or of every centre the staff member may see) with a box to
// open a dossier by its receipt code, the dossier's full page and its
// printable apology slips. The dossier service limits everything to the
// centres the actor may see; a dossier of another centre is NotFound.
func dossierRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/ho-so", h.staff(h.dossierSearch))
	r.Handle("GET /quan-tri/ho-so/qua-han", h.staff(h.overdueList))
	r.Handle("GET /quan-tri/ho-so/{code}", h.staff(h.dossierPage))
	r.Handle("GET /quan-tri/ho-so/{code}/phieu-xin-loi/{slip}", h.staff(h.slipPage))
}

const overdueURL = "/quan-tri/ho-so/qua-han"

// dossierURL is the staff page of the dossier with receipt code code
// (codes may hold "/", escaped within the segment).
func dossierURL(code string) string { return "/quan-tri/ho-so/" + url.PathEscape(code) }

// maxOverdue is the most rows the overdue list shows.
const maxOverdue = 500

type overdueView struct {
	Rows   []overdueRow
	Unit   string // the centre chosen, "" for every centre
	All    bool   // the list covers every centre the actor may see
	Max    int
	Fields []httpx.Field // the centre select
	Search httpx.Field   // the receipt code box
}

// overdueRow is an overdue dossier as shown.
type overdueRow struct {
	URL, Code, Procedure, ProcedureCode string
	Received, Appointment               time.Time
	Days                                int
	Status                              string
	Centre                              string
	Handling                            string // the handling units' names
}

// overdueList shows the overdue dossiers of ?unit= (every centre the
// actor may see when empty), most overdue first.
func (h *Handlers) overdueList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.renderOverdue(w, r, http.StatusOK, "", "")
}

// dossierSearch opens the dossier of ?code=, or shows the overdue list
// with the box's error when there is none the actor may see.
func (h *Handlers) dossierSearch(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Dossiers == nil {
		h.Render.Error(w, r, notConfigured("admin.dossierSearch"))
		return
	}
	code := clip(r.URL.Query().Get("code"), 64)
	if code == "" {
		http.Redirect(w, r, overdueURL, http.StatusSeeOther)
		return
	}
	_, err := h.Dossiers.FindDossierByReceipt(r.Context(), code)
	switch {
	case err == nil:
		http.Redirect(w, r, dossierURL(code), http.StatusSeeOther)
	case errs.Is(err, errs.NotFound):
		h.renderOverdue(w, r, http.StatusNotFound, code, h.localizer(r).T("admin.dossiers.search_not_found", code))
	default:
		h.Render.Error(w, r, err)
	}
}

// renderOverdue renders the overdue list with the search box holding
// code and its error.
func (h *Handlers) renderOverdue(w http.ResponseWriter, r *http.Request, status int, code, codeErr string) {
	const op = "admin.renderOverdue"
	if h.Dossiers == nil {
		h.Render.Error(w, r, notConfigured(op))
		return
	}
	ctx, st := r.Context(), newFormState(h.localizer(r))
	unitParam := clip(r.URL.Query().Get("unit"), 20)
	unitID, ok := parseID(unitParam)
	if !ok {
		h.Render.Error(w, r, errs.E(op, errs.NotFound, "unit.not_found"))
		return
	}
	list, err := h.Dossiers.FindOverdue(ctx, unitID, maxOverdue)
	if errs.Is(err, errs.Forbidden) {
		err = errs.E(op, errs.NotFound, "dossier.not_found", err)
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	centres, err := h.visibleCentres(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := overdueView{Unit: idString(unitID), All: unitID == 0, Max: maxOverdue}
	for _, o := range list {
		v.Rows = append(v.Rows, h.overdueRow(ctx, st.l, o))
	}
	opts := []httpx.Option{{Value: "", Label: st.l.T("admin.dossiers.all_centres")}}
	opts = append(opts, unitOptions(st.l, centres, nil)...)
	v.Fields = []httpx.Field{st.choice("unit", "admin.dossiers.centre", v.Unit, opts, false)}
	v.Search = st.hinted("code", "admin.dossiers.search_code", "admin.dossiers.search_hint", "search", code, false)
	v.Search.Error = codeErr
	p := adminPage(st.l, st.l.T("admin.dossiers.overdue_title"), v)
	h.Render.HTML(w, r, status, "admin_dossiers_overdue", p)
}

// visibleCentres lists the centre units whose dossiers the actor may see,
// for the select; the service limits the lists in any case.
func (h *Handlers) visibleCentres(ctx context.Context) ([]*unit.Unit, error) {
	kind := unit.Centre
	all, _, err := h.Units.FindUnits(ctx, unit.Filter{Kind: &kind})
	if err != nil {
		return nil, err
	}
	actor := access.ActorFrom(ctx)
	var out []*unit.Unit
	for _, u := range all {
		if access.Can(actor, access.ViewPrivate, u.Target()) {
			u := *u
			u.Depth = 0 // a flat list: the centres are not nested
			out = append(out, &u)
		}
	}
	return out, nil
}

func (h *Handlers) overdueRow(ctx context.Context, l *i18n.Localizer, o dossier.Overdue) overdueRow {
	d := o.Dossier
	return overdueRow{URL: dossierURL(d.ReceiptCode), Code: d.ReceiptCode, Procedure: d.ProcedureName, ProcedureCode: d.ProcedureCode,
		Received: d.ReceivedAt, Appointment: d.AppointmentAt, Days: o.Days, Status: statusLabel(l, d.Status),
		Centre: h.unitName(ctx, l, d.CentreUnitID), Handling: h.unitNamesOf(ctx, l, d.HandlingUnitIDs)}
}

// unitName is the name of unit id in l's language, "" when unknown.
func (h *Handlers) unitName(ctx context.Context, l *i18n.Localizer, id int64) string {
	if id == 0 {
		return ""
	}
	if u, ok := h.Units.Lookup(ctx, id); ok {
		return u.Name(l.Lang)
	}
	return ""
}

// unitNamesOf joins the names of ids.
func (h *Handlers) unitNamesOf(ctx context.Context, l *i18n.Localizer, ids []int64) string {
	var names []string
	for _, id := range ids {
		if n := h.unitName(ctx, l, id); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, "; ")
}
