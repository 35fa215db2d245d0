package public

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// citizenSlipView is an apology and new-appointment slip as the applicant
// prints it, laid out as the official form (Circular 01/2018/TT-VPCP):
// the issuing unit under its parent, the national motto, the date, the
// title, then the applicant's name masked, the dossier and both
// appointments with the reason. It shows nothing the status page does
// not: no contact, no officer, no internal note.
type citizenSlipView struct {
	D         *dossier.PublicDossier
	Slip      *dossier.PublicSlip
	Parent    string // the unit above the centre, "" for none
	Unit      string // the issuing unit: the receiving centre
	Date      string // "ngày 06 tháng 05 năm 2025"
	Received  string
	Old, New  string
	Procedure string
	Back      string // the lookup form (the status page answers POST only)
}

// slipPage renders an apology slip for printing. It needs the token of a
// lookup (in the query, as the status page links it): a bad or expired
// token gets the lookup form with its message, a slip of another dossier
// Not Found. Like every lookup answer it is no-store.
func (h *DossierHandlers) slipPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	n, err := strconv.ParseInt(r.PathValue("number"), 10, 64)
	if err != nil {
		h.Render.Error(w, r, errs.E("public.slipPage", errs.NotFound, "dossier.slip_not_found"))
		return
	}
	p, slip, err := h.Lookup.Slip(r.Context(), r.URL.Query().Get("token"), n)
	if err != nil {
		if errs.Is(err, errs.Unauthorized) {
			h.lookupFailed(w, r, l, "", err)
			return
		}
		h.Render.Error(w, r, err)
		return
	}
	v := citizenSlipView{D: p, Slip: slip, Parent: pick(l, p.CentreParent, p.CentreParentEN), Unit: pick(l, p.CentreName, p.CentreNameEN),
		Date: slipDate(l, slip.At), Received: slipDate(l, p.ReceivedAt), Old: slipTimeText(l, slip.OldAppointment),
		New: slipTimeText(l, slip.NewAppointment), Procedure: p.ProcedureName, Back: lookupPathsFor(l).Form}
	if v.Procedure == "" {
		v.Procedure = p.ProcedureCode
	}
	h.Render.HTML(w, r, http.StatusOK, "dossier_slip", &httpx.Page{
		L: l, Title: l.T("dossier.slip_title", p.ReceiptCode), Noindex: true, Data: v,
	})
}

// slipDate writes a date as the form does: "ngày 06 tháng 05 năm 2025",
// "6 May 2025" in English (Vietnam time).
func slipDate(l *i18n.Localizer, t time.Time) string {
	t = t.In(calendar.Zone())
	if l.Lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", t.Day(), int(t.Month()), t.Year())
}

// slipTimeText writes an appointment: "17 giờ 00, ngày 06 tháng 05 năm
// 2025", "17:00, 6 May 2025".
func slipTimeText(l *i18n.Localizer, t time.Time) string {
	local := t.In(calendar.Zone())
	if l.Lang == "en" {
		return local.Format("15:04") + ", " + slipDate(l, t)
	}
	return fmt.Sprintf("%02d giờ %02d, %s", local.Hour(), local.Minute(), slipDate(l, t))
}
