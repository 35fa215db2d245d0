package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

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
	d, slips, err := h.dossierAndSlips(ctx, r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	slip := findSlip(slips, r.PathValue("slip"))
	if slip == nil {
		h.Render.Error(w, r, errs.E(op, errs.NotFound, "admin.dossiers.slip_not_found"))
		return
	}
	v := httpx.Slip{Applicant: d.ApplicantName, ReceiptCode: d.ReceiptCode, Procedure: d.ProcedureName, Reason: slip.Reason,
		Date: httpx.SlipDate(l, slipDay(slip)), Received: httpx.SlipDate(l, d.ReceivedAt),
		Old: httpx.SlipTime(l, slip.OldAppointment), New: httpx.SlipTime(l, slip.NewAppointment),
		Signer: l.T("slip.signer_agency"), SignHint: l.T("slip.sign_hint"), SignSpace: true,
		Back: dossierURL(d.ReceiptCode), BackLabel: l.T("admin.dossiers.slip_back", d.ReceiptCode)}
	if v.Procedure == "" {
		v.Procedure = d.ProcedureCode
	}
	if u, ok := h.Units.Lookup(ctx, d.CentreUnitID); ok {
		v.Unit = u.Name(l.Lang)
		if parent, ok := h.Units.Lookup(ctx, u.ParentID); ok && u.ParentID != 0 {
			v.Parent = parent.Name(l.Lang)
		}
		if root, ok := h.Units.Lookup(ctx, u.RootID()); ok {
			v.Place = root.PlaceName()
		}
	}
	p := adminPage(l, l.T("admin.dossiers.slip_title", d.ReceiptCode), v)
	h.Render.HTML(w, r, http.StatusOK, "apology_slip", p)
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
