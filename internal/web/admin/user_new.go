package admin

import (
	"net/http"
	"net/url"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// userNewView is the create form of an account.
type userNewView struct {
	Form     httpx.Form
	Fields   []httpx.Field
	Grants   grantsView
	Password httpx.Field
}

// userNew shows an empty create form.
func (h *Handlers) userNew(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if !access.CanAnywhere(access.ActorFrom(r.Context()), access.ManageStaff) {
		h.Render.Error(w, r, errs.E("admin.userNew", errs.Forbidden, "error.forbidden"))
		return
	}
	h.userNewForm(w, r, http.StatusOK, newFormState(h.localizer(r)), &account.User{}, nil, emptyRows)
}

// userCreate creates an account that must change its password at first
// login. Without a password typed, one is generated and shown once, on the
// page this answers with (it is not kept anywhere).
func (h *Handlers) userCreate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	st := newFormState(h.localizer(r))
	u := &account.User{Username: form(r, "username"), Name: form(r, "name"), Email: form(r, "email"), MustChangePassword: true}
	posted, inputs, grants, bad := readGrants(r)
	blank := blankRows(r, posted, len(inputs))
	switch {
	case wantsMoreRows(r):
		h.userNewForm(w, r, http.StatusOK, st, u, inputs, blank)
		return
	case len(bad) > 0:
		for k, v := range errs.FieldsOf(u.Validate()) {
			bad.Add(k, v)
		}
		st.fail(bad.Err("admin.userCreate"))
		h.userNewForm(w, r, http.StatusUnprocessableEntity, st, u, inputs, blank)
		return
	}
	password := r.PostFormValue("password")
	generated := password == ""
	if generated {
		password = account.GeneratePassword()
	}
	u.Grants = grants
	if err := h.Accounts.CreateUser(r.Context(), u, password); err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return
		}
		st.fail(err)
		h.userNewForm(w, r, httpx.FormStatus(err), st, u, inputs, blank)
		return
	}
	if !generated {
		http.Redirect(w, r, "/quan-tri/tai-khoan/"+url.PathEscape(u.Username)+"?saved=1", http.StatusSeeOther)
		return
	}
	created, err := h.Accounts.FindUserByUsername(r.Context(), u.Username)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.userRender(w, r, http.StatusOK, created, userState{temp: password, flash: "admin.user_created"})
}

// userNewForm renders the create form.
func (h *Handlers) userNewForm(w http.ResponseWriter, r *http.Request, status int, st *formState, u *account.User, inputs []grantInput, blank int) {
	all, err := h.allUnits(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l := st.l
	v := userNewView{Form: st.form, Fields: []httpx.Field{
		st.hinted("username", "admin.username", "admin.username_hint", "text", u.Username, true),
		st.input("name", "admin.user_name", "text", u.Name, true),
		st.input("email", "unit.email", "email", u.Email, false),
	}}
	v.Fields[0].Autocomplete, v.Fields[1].Autocomplete, v.Fields[2].Autocomplete = "off", "off", "off"
	v.Password = st.hinted("password", "admin.initial_password", "admin.initial_password_hint", "password", "", false)
	v.Password.Autocomplete = "new-password"
	v.Grants = grantRows(st, access.ActorFrom(r.Context()), all, inputs, blank)
	h.Render.HTML(w, r, status, "admin_user_new", adminPage(l, l.T("admin.user_new"), v))
}
