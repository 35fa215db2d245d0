package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// userView is an account's page: its profile form, its grants form and the
// actions on it.
type userView struct {
	User         *account.User
	Self         bool   // the page of the actor's own account
	TempPassword string // a password just set, shown this once
	Version      int
	ProfileForm  httpx.Form
	Profile      []httpx.Field
	GrantsForm   httpx.Form
	Grants       grantsView
	ActionError  string // why an action (disable, reset...) failed
	Base         string // the page's URL
}

// userState is what a re-rendered user page carries from the request.
type userState struct {
	profile *formState   // the profile form as posted, nil for the stored one
	grants  *formState   // the grants form as posted, nil for the stored one
	inputs  []grantInput // the grant rows as posted
	blank   int          // empty grant rows to show
	action  string       // the message of a failed action
	temp    string       // a password to show once
	flash   string       // a translation key
}

// userPage shows an account the actor may see; any other is NotFound.
func (h *Handlers) userPage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u, err := h.Accounts.FindUserByUsername(r.Context(), r.PathValue("username"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	st := userState{}
	if r.URL.Query().Get("saved") == "1" {
		st.flash = "admin.saved"
	}
	h.userRender(w, r, http.StatusOK, u, st)
}

// userUpdate saves the name and email, naming the version read.
func (h *Handlers) userUpdate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u, ok := h.loadUser(w, r)
	if !ok {
		return
	}
	name, email := form(r, "name"), form(r, "email")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err := h.Accounts.UpdateUser(r.Context(), u.ID, account.UserUpdate{Name: &name, Email: &email, Version: version})
	if err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return
		}
		st := newFormState(h.localizer(r))
		st.fail(err)
		// Show what was typed under the version it was typed on: after a
		// stale save the message asks to reload, and saving again without
		// reloading is stale again rather than a blind overwrite.
		u.Name, u.Email, u.Version = name, email, version
		h.userRender(w, r, httpx.FormStatus(err), u, userState{profile: st})
		return
	}
	h.userDone(w, r, u)
}

// userGrants replaces the account's grants, or shows more rows.
func (h *Handlers) userGrants(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u, ok := h.loadUser(w, r)
	if !ok {
		return
	}
	st := newFormState(h.localizer(r))
	posted, inputs, grants, bad := readGrants(r)
	state := userState{grants: st, inputs: inputs, blank: blankRows(r, posted, len(inputs))}
	switch {
	case wantsMoreRows(r):
		h.userRender(w, r, http.StatusOK, u, state)
		return
	case len(bad) > 0:
		st.fail(bad.Err("admin.userGrants"))
		h.userRender(w, r, http.StatusUnprocessableEntity, u, state)
		return
	}
	if _, err := h.Accounts.SetGrants(r.Context(), u.ID, grants); err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return
		}
		st.fail(err)
		h.userRender(w, r, httpx.FormStatus(err), u, state)
		return
	}
	h.userDone(w, r, u)
}

func (h *Handlers) userDisable(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.userAction(w, r, h.Accounts.DisableUser)
}

func (h *Handlers) userEnable(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.userAction(w, r, h.Accounts.EnableUser)
}

func (h *Handlers) userDisableTOTP(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.userAction(w, r, h.Accounts.DisableTOTP)
}

// userResetPassword sets a generated temporary password, which the user
// must change at the next login, and shows it this once.
func (h *Handlers) userResetPassword(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	temp := account.GeneratePassword()
	u, ok := h.runUserAction(w, r, func(ctx context.Context, id int64) error {
		return h.Accounts.ResetPassword(ctx, id, temp)
	})
	if ok {
		h.userRender(w, r, http.StatusOK, u, userState{temp: temp, flash: "admin.password_reset"})
	}
}

// userAction runs an action on the account of the URL, then shows its page.
func (h *Handlers) userAction(w http.ResponseWriter, r *http.Request, act func(context.Context, int64) error) {
	if u, ok := h.runUserAction(w, r, act); ok {
		h.userDone(w, r, u)
	}
}

// runUserAction loads the account and runs act on it. A refusal the user
// can understand (disabling oneself, the last portal admin) re-renders the
// page with the reason; other errors go to the error page. It reports
// whether act succeeded.
func (h *Handlers) runUserAction(w http.ResponseWriter, r *http.Request, act func(context.Context, int64) error) (*account.User, bool) {
	u, ok := h.loadUser(w, r)
	if !ok {
		return nil, false
	}
	if err := act(r.Context(), u.ID); err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return nil, false
		}
		h.userRender(w, r, httpx.FormStatus(err), u, userState{action: httpx.FormFrom(h.localizer(r), err).Error})
		return nil, false
	}
	return u, true
}

// loadUser loads the account of the URL, answering with the error page
// (NotFound for one the actor may not see) when it cannot.
func (h *Handlers) loadUser(w http.ResponseWriter, r *http.Request) (*account.User, bool) {
	u, err := h.Accounts.FindUserByUsername(r.Context(), r.PathValue("username"))
	if err != nil {
		h.Render.Error(w, r, err)
		return nil, false
	}
	return u, true
}

// userDone redirects to the account's page with the saved flash.
func (h *Handlers) userDone(w http.ResponseWriter, r *http.Request, u *account.User) {
	http.Redirect(w, r, "/quan-tri/tai-khoan/"+url.PathEscape(u.Username)+"?saved=1", http.StatusSeeOther)
}

// userRender renders the page of u with the state of the request.
func (h *Handlers) userRender(w http.ResponseWriter, r *http.Request, status int, u *account.User, s userState) {
	all, err := h.allUnits(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l := h.localizer(r)
	actor := access.ActorFrom(r.Context())
	v := userView{User: u, Self: actor != nil && actor.UserID == u.ID, TempPassword: s.temp, Version: u.Version,
		ActionError: s.action, Base: "/quan-tri/tai-khoan/" + url.PathEscape(u.Username)}
	profile := s.profile
	if profile == nil {
		profile = newFormState(l)
	}
	v.ProfileForm = profile.form
	v.Profile = []httpx.Field{
		profile.input("name", "admin.user_name", "text", u.Name, true),
		profile.input("email", "unit.email", "email", u.Email, false),
	}
	grants, inputs, blank := s.grants, s.inputs, s.blank
	if grants == nil {
		grants, inputs, blank = newFormState(l), inputsOf(u.Grants), emptyRows
	}
	v.GrantsForm = grants.form
	v.Grants = grantRows(grants, actor, all, inputs, blank)
	p := adminPage(l, l.T("admin.user_title", u.Username), v)
	if s.flash != "" {
		p.Flash = l.T(s.flash)
	}
	h.Render.HTML(w, r, status, "admin_user", p)
}
