package public

import (
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// slipPage renders an apology slip for printing. It needs the token of a
// lookup, posted by the status page's print button like its other forms,
// so that it never lands in a URL (the browser's history, a shared
// computer at a one-stop centre): a GET, a bad or expired token gets the
// lookup form with its message, a slip of another dossier Not Found. Like
// every lookup answer it is no-store.
func (h *DossierHandlers) slipPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	n, err := strconv.ParseInt(r.PathValue("number"), 10, 64)
	if err != nil {
		h.Render.Error(w, r, errs.E("public.slipPage", errs.NotFound, "dossier.slip_not_found"))
		return
	}
	token := ""
	if r.Method == http.MethodPost {
		if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
			h.Render.Error(w, r, err)
			return
		}
		token = r.PostFormValue("token")
	}
	p, slip, err := h.Lookup.Slip(r.Context(), token, n)
	if err != nil {
		if errs.Is(err, errs.Unauthorized) {
			h.lookupFailed(w, r, l, "", err)
			return
		}
		h.Render.Error(w, r, err)
		return
	}
	// Only what the status page shows: the name masked, no contact, no
	// officer, no internal note.
	v := httpx.Slip{Number: slip.Number, Parent: pick(l, p.CentreParent, p.CentreParentEN), Unit: pick(l, p.CentreName, p.CentreNameEN),
		Place: p.Place, Applicant: p.ApplicantMasked, ReceiptCode: p.ReceiptCode, Procedure: p.ProcedureName, Reason: slip.Reason,
		Date: httpx.SlipDate(l, slip.At), Received: httpx.SlipDate(l, p.ReceivedAt),
		Old: httpx.SlipTime(l, slip.OldAppointment), New: httpx.SlipTime(l, slip.NewAppointment),
		Signer: l.T("slip.signer_desk"), SignHint: l.T("slip.copy_note"),
		Back: lookupPathsFor(l).Form, BackLabel: l.T("dossier.slip_back")}
	if v.Procedure == "" {
		v.Procedure = p.ProcedureCode
	}
	h.Render.HTML(w, r, http.StatusOK, "apology_slip", &httpx.Page{
		L: l, Title: l.T("dossier.slip_title", p.ReceiptCode), Noindex: true, Data: v,
	})
}
