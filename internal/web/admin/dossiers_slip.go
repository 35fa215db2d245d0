package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// slipView is an apology and new-appointment slip laid out as the
// official form (phiếu xin lỗi và hẹn lại ngày trả kết quả, Circular
// 01/2018/TT-VPCP): the issuing unit under its parent, the national motto,
// the date, the title, then the applicant, the dossier and the two
// appointments with the reason.
type slipView struct {
	Slip      *dossier.ApologySlip
	D         *dossier.Dossier
	Parent    string // the unit above the issuing one, "" for none
	Unit      string // the issuing unit: the receiving centre
	Date      string // the slip's date, as the form writes it
	Received  string
	Old, New  string
	Back      string // the dossier's page
	Procedure string
}

// slipPage renders an apology slip of a dossier the actor may see, for
// printing: a page of its own with the print stylesheet and without the
// staff area's navigation.
func (h *Handlers) slipPage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.slipPage"
	if h.Dossiers == nil {
		h.Render.Error(w, r, notConfigured(op))
		return
	}
	ctx, l := r.Context(), h.localizer(r)
	code := r.PathValue("code")
	d, err := h.Dossiers.FindDossierByReceipt(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	slips, err := h.Dossiers.FindApologySlips(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	slip := findSlip(slips, r.PathValue("slip"))
	if slip == nil {
		h.Render.Error(w, r, errs.E(op, errs.NotFound, "admin.dossiers.slip_not_found"))
		return
	}
	v := slipView{Slip: slip, D: d, Back: dossierURL(d.ReceiptCode), Procedure: d.ProcedureName,
		Date:     l.T("admin.dossiers.slip_dated", slipDate(l.T, slipDay(slip))),
		Received: slipDate(l.T, d.ReceivedAt), Old: slipTime(l.T, slip.OldAppointment), New: slipTime(l.T, slip.NewAppointment)}
	if v.Procedure == "" {
		v.Procedure = d.ProcedureCode
	}
	if u, ok := h.Units.Lookup(ctx, d.CentreUnitID); ok {
		v.Unit = u.Name(l.Lang)
		if parent, ok := h.Units.Lookup(ctx, u.ParentID); ok && u.ParentID != 0 {
			v.Parent = parent.Name(l.Lang)
		}
	}
	p := adminPage(l, l.T("admin.dossiers.slip_title", d.ReceiptCode), v)
	h.Render.HTML(w, r, http.StatusOK, "admin_dossier_slip", p)
}

// findSlip returns the slip with the id of the URL, or nil.
func findSlip(slips []*dossier.ApologySlip, id string) *dossier.ApologySlip {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil
	}
	for _, s := range slips {
		if s.ID == n {
			return s
		}
	}
	return nil
}

// slipDay is the date a slip bears: when it was recorded, else when the
// centre moved the appointment.
func slipDay(s *dossier.ApologySlip) time.Time {
	if !s.CreatedAt.IsZero() {
		return s.CreatedAt
	}
	return s.EventAt
}

// slipDate writes t's day as official documents do: "ngày 05 tháng 05
// năm 2025".
func slipDate(t func(string, ...any) string, at time.Time) string {
	if at.IsZero() {
		return ""
	}
	at = at.In(vietnam)
	return t("admin.dossiers.slip_day", fmt.Sprintf("%02d", at.Day()), fmt.Sprintf("%02d", int(at.Month())), strconv.Itoa(at.Year()))
}

// slipTime writes the hour and the day: "17 giờ 00, ngày 06 tháng 05 năm
// 2025".
func slipTime(t func(string, ...any) string, at time.Time) string {
	if at.IsZero() {
		return ""
	}
	local := at.In(vietnam)
	return t("admin.dossiers.slip_time", fmt.Sprintf("%02d", local.Hour()), fmt.Sprintf("%02d", local.Minute()), slipDate(t, at))
}
