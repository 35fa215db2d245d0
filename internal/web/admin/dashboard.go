package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type dashboardView struct {
	User *account.User
}

// dashboard greets the staff member and lists their roles.
func (h *Handlers) dashboard(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	p := &httpx.Page{L: l, Title: l.T("admin.dashboard"), Admin: true, Noindex: true, Data: dashboardView{User: sess.User}}
	if r.URL.Query().Get("changed") == "1" {
		p.Flash = l.T("admin.password_changed")
	}
	h.Render.HTML(w, r, http.StatusOK, "admin_dashboard", p)
}
