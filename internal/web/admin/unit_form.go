package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// unitFormView is the create and edit form of a unit.
type unitFormView struct {
	New       bool
	Action    string // where the form posts
	Code      string // the permanent code, when editing
	PublicURL string // the unit's public page, when editing
	Version   int
	Form      httpx.Form
	Sections  []fieldset
	Active    bool
	Status    []httpx.Field // successor and date, when editing
	Leaders   []leaderRow
}

// fieldset is a group of fields under a legend.
type fieldset struct {
	Legend string
	Fields []httpx.Field
}

// leaderRow is one row of the leaders group; blank rows are ignored on save.
type leaderRow struct {
	Legend string
	Fields []httpx.Field
}

// leaderFields are the inputs of a leader row: form name suffix, label key,
// input type.
var leaderFields = []struct{ name, label, typ string }{
	{"name", "admin.leader_name", "text"},
	{"position_vi", "admin.leader_position_vi", "text"},
	{"position_en", "admin.leader_position_en", "text"},
	{"phone", "unit.phone", "tel"},
	{"email", "unit.email", "email"},
	{"bio_vi", "admin.leader_bio_vi", "textarea"},
	{"bio_en", "admin.leader_bio_en", "textarea"},
}

// unitNew shows an empty create form.
func (h *Handlers) unitNew(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if !access.CanAnywhere(access.ActorFrom(r.Context()), access.CreateUnit) {
		h.Render.Error(w, r, errs.E("admin.unitNew", errs.Forbidden, "error.forbidden"))
		return
	}
	u := &unit.Unit{Active: true}
	if id, ok := parseID(r.URL.Query().Get("parent")); ok {
		u.ParentID = id
	}
	h.unitForm(w, r, http.StatusOK, u, newFormState(h.localizer(r)), emptyRows)
}

// unitCreate creates a unit, or re-renders the form with its errors (or
// with more leader rows).
func (h *Handlers) unitCreate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u := &unit.Unit{Active: true}
	h.saveUnit(w, r, u, func() error { return h.Units.CreateUnit(r.Context(), u) })
}

// unitEdit shows the edit form of a unit the actor may edit.
func (h *Handlers) unitEdit(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u, err := h.editableUnit(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	st := newFormState(h.localizer(r))
	h.unitForm(w, r, http.StatusOK, u, st, emptyRows)
}

// unitUpdate saves the edit form: details, leaders, a move to another
// parent, deactivation with a successor. A stale version answers 409 with
// the form and the "error.stale" message.
func (h *Handlers) unitUpdate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	u, err := h.editableUnit(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.saveUnit(w, r, u, func() error { return h.Units.UpdateUnit(r.Context(), u) })
}

// editableUnit loads the unit of the URL and checks the actor may edit it,
// so the form is not offered in vain; the service checks again on save.
func (h *Handlers) editableUnit(r *http.Request) (*unit.Unit, error) {
	u, err := h.Units.FindUnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, err
	}
	if !access.Can(access.ActorFrom(r.Context()), access.EditUnit, u.Target()) {
		return nil, errs.E("admin.editableUnit", errs.Forbidden, "error.forbidden")
	}
	return u, nil
}

// saveUnit reads the form into u and calls save, then redirects to the
// unit's form with a flash, or re-renders the form.
func (h *Handlers) saveUnit(w http.ResponseWriter, r *http.Request, u *unit.Unit, save func() error) {
	st := newFormState(h.localizer(r))
	posted, bad := readUnit(r, u)
	blank := blankRows(r, posted, len(u.Leaders))
	switch {
	case wantsMoreRows(r):
		h.unitForm(w, r, http.StatusOK, u, st, blank)
		return
	case len(bad) > 0:
		// Show the service's checks too, so every mistake shows at once.
		for k, v := range errs.FieldsOf(u.Validate()) {
			bad.Add(k, v)
		}
		st.fail(bad.Err("admin.saveUnit"))
		h.unitForm(w, r, http.StatusUnprocessableEntity, u, st, blank)
		return
	}
	if err := save(); err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return
		}
		st.fail(err)
		h.unitForm(w, r, httpx.FormStatus(err), u, st, blank)
		return
	}
	http.Redirect(w, r, "/quan-tri/don-vi/"+url.PathEscape(u.Code)+"?saved=1", http.StatusSeeOther)
}

// readUnit copies the posted form into u (a new unit when u.ID is 0) and
// returns how many leader rows were posted and the fields it could not
// parse. Blank leader rows are dropped.
func readUnit(r *http.Request, u *unit.Unit) (int, errs.FieldErrors) {
	var bad errs.FieldErrors
	if u.ID == 0 {
		u.Code = form(r, "code")
	} else {
		u.Version, _ = strconv.Atoi(r.PostFormValue("version"))
		u.Active = r.PostFormValue("active") == "1"
		u.InactiveSince = form(r, "inactive_since")
		var ok bool
		if u.SuccessorID, ok = parseID(form(r, "successor")); !ok {
			bad.Add("successor", "field.choose")
		}
	}
	u.Kind = unit.Kind(form(r, "kind"))
	u.GSOCode, u.AgencyID = form(r, "gso_code"), form(r, "agency_id")
	u.NameVI, u.NameEN, u.ShortName = form(r, "name_vi"), form(r, "name_en"), form(r, "short_name")
	u.Address, u.Phone, u.Email, u.Website = form(r, "address"), form(r, "phone"), form(r, "email"), form(r, "website")
	u.DescriptionVI, u.DescriptionEN = form(r, "description_vi"), form(r, "description_en")
	var ok bool
	if u.ParentID, ok = parseID(form(r, "parent")); !ok {
		bad.Add("parent", "field.choose")
	}
	u.SortOrder = 0
	if s := form(r, "sort_order"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < -1000000 || n > 1000000 {
			bad.Add("sort_order", "field.number")
		}
		u.SortOrder = n
	}
	posted := rowCount(r, "leader_rows")
	u.Leaders = nil
	for i := range posted {
		if l, filled := readLeader(r, i); filled {
			u.Leaders = append(u.Leaders, l)
		}
	}
	return posted, bad
}

// readLeader reads leader row i and reports whether any of it was filled.
func readLeader(r *http.Request, i int) (unit.Leader, bool) {
	v := func(name string) string { return form(r, fmt.Sprintf("leaders.%d.%s", i, name)) }
	l := unit.Leader{Name: v("name"), PositionVI: v("position_vi"), PositionEN: v("position_en"),
		Phone: v("phone"), Email: v("email"), BioVI: v("bio_vi"), BioEN: v("bio_en")}
	return l, l != unit.Leader{}
}

// leaderValue is the value of a leader's field by its form name suffix.
func leaderValue(l unit.Leader, name string) string {
	switch name {
	case "name":
		return l.Name
	case "position_vi":
		return l.PositionVI
	case "position_en":
		return l.PositionEN
	case "phone":
		return l.Phone
	case "email":
		return l.Email
	case "bio_vi":
		return l.BioVI
	case "bio_en":
		return l.BioEN
	}
	return ""
}
