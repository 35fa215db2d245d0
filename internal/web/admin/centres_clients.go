package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// clientCreate creates an API client for the centre and shows its secret
// on the answer, or re-renders the form with its errors. The page is
// rendered, not redirected to, so the secret never appears in a URL or
// on a page that can be reloaded from the history; staff pages are
// answered with Cache-Control: no-store.
func (h *Handlers) clientCreate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.clientCreate"
	u, err := h.centreOf(r, op)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	st := newFormState(h.localizer(r))
	name := form(r, "name")
	c, cred, err := h.Centres.CreateClient(r.Context(), u.Code, name)
	switch {
	case err == nil:
		h.renderCentre(w, r, centreRender{status: http.StatusOK, st: st, secret: &secretView{Credentials: cred, Name: c.Name}})
	case isFormMistake(err):
		st.fail(err)
		h.renderCentre(w, r, centreRender{status: httpx.FormStatus(err), st: st, clientName: name, failedForm: "client"})
	default:
		h.Render.Error(w, r, hideForbidden(op, err))
	}
}

// clientRotate gives the client a new secret and shows it once. The form
// says whether the old secret stops at once ("immediate", for a leaked
// secret) or stays valid for the service's grace period (anything else).
func (h *Handlers) clientRotate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.clientRotate"
	_, c, err := h.centreClient(r)
	if err != nil {
		h.Render.Error(w, r, hideForbidden(op, err))
		return
	}
	immediate := form(r, "mode") == "immediate"
	cred, err := h.Centres.RotateClient(r.Context(), c.KeyID, immediate)
	st := newFormState(h.localizer(r))
	switch {
	case err == nil:
		h.renderCentre(w, r, centreRender{status: http.StatusOK, st: st,
			secret: &secretView{Credentials: cred, Name: c.Name, Rotated: true, Immediate: immediate}})
	case isFormMistake(err):
		st.fail(err)
		h.renderCentre(w, r, centreRender{status: httpx.FormStatus(err), st: st})
	default:
		h.Render.Error(w, r, hideForbidden(op, err))
	}
}

// clientDisable refuses every further request of the client and returns
// to the centre's page.
func (h *Handlers) clientDisable(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	const op = "admin.clientDisable"
	u, c, err := h.centreClient(r)
	if err == nil {
		err = h.Centres.DisableClient(r.Context(), c.KeyID)
	}
	if err != nil {
		h.Render.Error(w, r, hideForbidden(op, err))
		return
	}
	http.Redirect(w, r, centreDone(u.Code, "disabled", "#clients"), http.StatusSeeOther)
}

// centreClient returns the centre of the URL and its client with the key
// id of the URL: a key id of another centre is NotFound, so a form cannot
// act on a client through the page of a centre it does not belong to.
func (h *Handlers) centreClient(r *http.Request) (*unit.Unit, *centreapi.Client, error) {
	const op = "admin.centreClient"
	u, err := h.centreOf(r, op)
	if err != nil {
		return nil, nil, err
	}
	clients, err := h.Centres.FindClients(r.Context(), u.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range clients {
		if c.KeyID == r.PathValue("key") {
			return u, c, nil
		}
	}
	return nil, nil, errs.E(op, errs.NotFound, "centre.client_not_found")
}
