package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type passwordView struct {
	Form     httpx.Form
	Required bool // the password was reset and must change before anything else
}

func (h *Handlers) passwordForm(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.passwordRender(w, r, http.StatusOK, passwordView{Required: sess.Pending == account.PendingPassword})
}

func (h *Handlers) passwordRender(w http.ResponseWriter, r *http.Request, status int, v passwordView) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	h.Render.HTML(w, r, status, "admin_password", &httpx.Page{L: l, Title: l.T("admin.password_title"), Admin: true, Noindex: true, Data: v})
}

// passwordSubmit changes the password; the service ends every other
// session and returns this one under a new token.
func (h *Handlers) passwordSubmit(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	next, err := h.Accounts.ChangePassword(r.Context(), sess, r.PostFormValue("current"), r.PostFormValue("new"))
	if err != nil {
		if !httpx.IsFormError(err) {
			h.Render.Error(w, r, err)
			return
		}
		v := passwordView{Required: sess.Pending == account.PendingPassword}
		v.Form = httpx.FormFrom(h.Render.Catalog.For(httpx.From(r).Lang), err)
		h.passwordRender(w, r, httpx.FormStatus(err), v)
		return
	}
	h.setSession(w, next.Token)
	http.Redirect(w, r, stepURL(next.Pending)+"?changed=1", http.StatusSeeOther)
}
