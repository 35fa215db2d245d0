package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type dossierView struct {
	D           *dossier.Dossier
	URL         string
	Status      string
	Channel     string
	Centre      string
	Handling    string
	OverdueDays int
	// Basis says where the appointment comes from; Explanation how it was
	// computed, "" when the centre gave it.
	Basis       string
	Explanation string
	History     []eventRow
	Slips       []slipRow
}

// eventRow is one event of the history as staff see it: with the
// internal note and the centre's own status.
type eventRow struct {
	dossier.Event
	Status      string // the canonical status, translated; "" for none
	Unit        string
	Appointment time.Time // a new appointment given with the event
	Via         string
}

// slipRow is an apology slip as listed.
type slipRow struct {
	*dossier.ApologySlip
	URL string
}

// dossierAndSlips returns the dossier with receipt code and its apology
// slips, if the actor may see it (NotFound otherwise).
func (h *Handlers) dossierAndSlips(ctx context.Context, code string) (*dossier.Dossier, []*dossier.ApologySlip, error) {
	d, err := h.Dossiers.FindDossierByReceipt(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	slips, err := h.Dossiers.FindApologySlips(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	return d, slips, nil
}

// dossierPage shows a dossier the actor may see: its details, the full
// history (internal notes, the centre's own status texts) and its
// apology slips.
func (h *Handlers) dossierPage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.dossierPage"
	if h.Dossiers == nil {
		h.Render.Error(w, r, notConfigured(op))
		return
	}
	ctx, l := r.Context(), h.localizer(r)
	d, slips, err := h.dossierAndSlips(ctx, r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := dossierView{D: d, URL: dossierURL(d.ReceiptCode), Status: statusLabel(l, d.Status), Channel: channelLabel(l, d.Channel),
		Centre: h.unitName(ctx, l, d.CentreUnitID), Handling: h.unitNamesOf(ctx, l, d.HandlingUnitIDs)}
	if v.OverdueDays, err = h.Dossiers.OverdueDays(ctx, d); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v.Basis, v.Explanation = h.appointmentBasis(ctx, l, d)
	for _, e := range d.History {
		v.History = append(v.History, h.eventRow(ctx, l, e))
	}
	for _, s := range slips {
		v.Slips = append(v.Slips, slipRow{ApologySlip: s, URL: slipURL(d.ReceiptCode, s.ID)})
	}
	p := adminPage(l, l.T("admin.dossiers.dossier_title", d.ReceiptCode), v)
	p.Crumbs = []httpx.Crumb{{Label: l.T("admin.dossiers.overdue_title"), URL: overdueURL}, {Label: d.ReceiptCode}}
	h.Render.HTML(w, r, http.StatusOK, "admin_dossier", p)
}

// slipURL is the printable page of slip id of the dossier code.
func slipURL(code string, id int64) string {
	return dossierURL(code) + "/phieu-xin-loi/" + strconv.FormatInt(id, 10)
}

// appointmentBasis says where d's appointment comes from and, when it was
// computed, how (the calendar's explanation; "" without the calendar).
func (h *Handlers) appointmentBasis(ctx context.Context, l *i18n.Localizer, d *dossier.Dossier) (string, string) {
	switch d.AppointmentBasis {
	case dossier.Given:
		return l.T("admin.dossiers.basis_given"), ""
	case dossier.Computed:
	default:
		return l.T("admin.dossiers.basis_none"), ""
	}
	basis := l.T("admin.dossiers.basis_computed", limitText(l, d.TimeLimit))
	if h.Calendar == nil {
		return basis, ""
	}
	cal, err := h.Calendar.Calendar(ctx)
	if err != nil {
		return basis, ""
	}
	if x, ok := d.ExplainAppointment(cal); ok {
		return basis, x.Text(l.Lang)
	}
	return basis, ""
}

// limitText writes a time limit: "3 ngày làm việc".
func limitText(l *i18n.Localizer, t dossier.TimeLimit) string {
	n := strconv.FormatFloat(t.Value, 'f', -1, 64)
	if l.Lang == "vi" {
		n = strings.Replace(n, ".", ",", 1)
	}
	return l.T("admin.dossiers.limit_"+string(t.Unit), n)
}

func (h *Handlers) eventRow(ctx context.Context, l *i18n.Localizer, e dossier.Event) eventRow {
	row := eventRow{Event: e, Unit: h.unitName(ctx, l, e.UnitID), Appointment: e.AppointmentAt}
	if e.Status != "" {
		row.Status = statusLabel(l, e.Status)
	}
	switch e.ReceivedVia {
	case "centre_api":
		row.Via = l.T("admin.dossiers.via_centre_api")
	case "staff":
		row.Via = l.T("admin.dossiers.via_staff")
	default:
		row.Via = e.ReceivedVia
	}
	return row
}

// channelLabel is the name of a submission channel.
func channelLabel(l *i18n.Localizer, c dossier.Channel) string {
	if !c.Valid() {
		return string(c)
	}
	return l.T("procedure.channel." + string(c))
}
