package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// mappingSet maps one of the centre's status codes to a canonical status
// (adding a mapping, or changing one from its row), then returns to the
// centre's page; or re-renders the add form with its errors.
func (h *Handlers) mappingSet(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.mappingSet"
	u, err := h.centreOf(r, op)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	code, status := form(r, "code"), form(r, "status")
	err = h.Centres.SetStatusMapping(r.Context(), u.Code, code, dossier.Status(status))
	switch {
	case err == nil:
		http.Redirect(w, r, centreDone(u.Code, "mapped", "#mappings"), http.StatusSeeOther)
	case isFormMistake(err):
		st := newFormState(h.localizer(r))
		st.fail(err)
		h.renderCentre(w, r, centreRender{status: httpx.FormStatus(err), st: st, failedForm: "mapping",
			mapCode: clip(code, 100), mapStatus: status})
	default:
		h.Render.Error(w, r, hideForbidden(op, err))
	}
}

// mappingDelete removes the mapping of the posted code and returns to the
// centre's page; later items with the code are refused as unmapped.
func (h *Handlers) mappingDelete(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.mappingDelete"
	u, err := h.centreOf(r, op)
	if err == nil {
		err = h.Centres.DeleteStatusMapping(r.Context(), u.Code, form(r, "code"))
	}
	if err != nil {
		h.Render.Error(w, r, hideForbidden(op, err))
		return
	}
	http.Redirect(w, r, centreDone(u.Code, "unmapped", "#mappings"), http.StatusSeeOther)
}
