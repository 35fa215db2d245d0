package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/web/httpx"
)

type loginView struct {
	Form     httpx.Form
	Username string
	Next     string
}

func (h *Handlers) loginPage(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	w.Header().Set("Cache-Control", "no-store")
	h.Render.HTML(w, r, status, "admin_login", &httpx.Page{
		L: l, Title: l.T("admin.login_title"), Admin: true, Noindex: true, Data: v,
	})
}

// loginForm shows the login page; a browser with a live session goes on.
func (h *Handlers) loginForm(w http.ResponseWriter, r *http.Request) {
	if r2, sess := h.session(r); sess != nil {
		http.Redirect(w, r2, stepURL(sess.Pending), http.StatusSeeOther)
		return
	}
	h.loginPage(w, r, http.StatusOK, loginView{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks the credentials and starts a session under a new token
// (ending the browser's previous one), then sends the browser to the
// pending step or where it was going.
func (h *Handlers) login(w http.ResponseWriter, r *http.Request) {
	if err := httpx.ParseForm(w, r, 16<<10); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := loginView{Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next"))}
	info := httpx.From(r)
	sess, err := h.Accounts.Login(r.Context(), v.Username, r.PostFormValue("password"), info.ClientIP, r.UserAgent(), h.device(r))
	if err != nil {
		if !httpx.IsFormError(err) {
			h.Render.Error(w, r, err)
			return
		}
		v.Form = httpx.FormFrom(h.Render.Catalog.For(info.Lang), err)
		h.loginPage(w, r, httpx.FormStatus(err), v)
		return
	}
	if old := h.token(r); old != "" {
		// Best effort: the new session is already made, and a previous
		// one left behind still ends at its timeout.
		h.Accounts.EndReplacedSession(r.Context(), old)
	}
	h.setSession(w, sess.Token)
	h.setDevice(w, sess.Device)
	to := stepURL(sess.Pending)
	if sess.Pending == "" {
		to = v.Next
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// logout ends the session. It needs the CSRF token so another site cannot
// log staff out.
func (h *Handlers) logout(w http.ResponseWriter, r *http.Request) {
	r, sess := h.session(r)
	if sess != nil {
		if err := h.checkPost(w, r); err != nil {
			h.Render.Error(w, r, err)
			return
		}
		if err := h.Accounts.Logout(r.Context(), sess.Token); err != nil {
			h.Render.Error(w, r, err)
			return
		}
	}
	h.clearSession(w)
	http.Redirect(w, r, "/quan-tri/dang-nhap", http.StatusSeeOther)
}
