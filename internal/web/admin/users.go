package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// userRoutes registers the accounts pages. Users are addressed by their
// username, which never changes.
func userRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/tai-khoan", h.staff(h.userList))
	r.Handle("GET /quan-tri/tai-khoan/moi", h.staff(h.userNew))
	r.Handle("POST /quan-tri/tai-khoan/moi", h.staff(h.userCreate))
	r.Handle("GET /quan-tri/tai-khoan/{username}", h.staff(h.userPage))
	r.Handle("POST /quan-tri/tai-khoan/{username}", h.staff(h.userUpdate))
	r.Handle("POST /quan-tri/tai-khoan/{username}/vai-tro", h.staff(h.userGrants))
	r.Handle("POST /quan-tri/tai-khoan/{username}/khoa", h.staff(h.userDisable))
	r.Handle("POST /quan-tri/tai-khoan/{username}/mo-khoa", h.staff(h.userEnable))
	r.Handle("POST /quan-tri/tai-khoan/{username}/mat-khau", h.staff(h.userResetPassword))
	r.Handle("POST /quan-tri/tai-khoan/{username}/tat-xac-thuc", h.staff(h.userDisableTOTP))
}

type userListView struct {
	Query     string
	Unit      string // a unit ID, "" for all
	Status    string // "", "enabled" or "disabled"
	Units     []httpx.Option
	Users     []*account.User
	Total     int
	Page      int
	Pages     int
	CanCreate bool
}

// userList lists the accounts the actor may manage, with their roles per
// unit; the service decides which.
func (h *Handlers) userList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	l := h.localizer(r)
	ctx := r.Context()
	q := r.URL.Query()
	v := userListView{Query: clip(q.Get("q"), 100), Unit: q.Get("unit"), Status: q.Get("status"), Page: pageParam(r)}
	f := account.UserFilter{Offset: (v.Page - 1) * perPage, Limit: perPage}
	if v.Query != "" {
		f.Query = &v.Query
	}
	if id, ok := parseID(v.Unit); ok && id != 0 {
		f.UnitID = &id
	} else {
		v.Unit = ""
	}
	switch v.Status {
	case "enabled", "disabled":
		disabled := v.Status == "disabled"
		f.Disabled = &disabled
	default:
		v.Status = ""
	}
	users, total, err := h.Accounts.FindUsers(ctx, f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	all, err := h.allUnits(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	actor := access.ActorFrom(ctx)
	opts := []httpx.Option{{Value: "", Label: l.T("units.filter_all")}}
	for _, o := range unitOptions(l, all, func(u *unit.Unit) bool { return access.Can(actor, access.ManageStaff, u.Target()) }) {
		o.Selected = o.Value == v.Unit
		opts = append(opts, o)
	}
	v.Units, v.Users, v.Total, v.Pages = opts, users, total, pageCount(total)
	v.CanCreate = access.CanAnywhere(actor, access.ManageStaff)
	p := adminPage(l, l.T("admin.users_title"), v)
	p.Flash = saved(r, l)
	h.Render.HTML(w, r, http.StatusOK, "admin_users", p)
}
