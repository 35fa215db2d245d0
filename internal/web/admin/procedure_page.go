package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// procPageView is the staff page of a procedure: its state, the workflow
// actions the actor may take, and the edit form (the create form for a new
// procedure), or the content read-only when the actor may not edit it.
type procPageView struct {
	New      bool
	Cur      *procedure.Procedure // as stored; nil for a new procedure
	Status   string               // the label of Cur's status
	Changed  string               // when Cur's newest version was made, in Vietnam
	Action   string               // where the form posts
	Version  int                  // the version the form was read as
	Editable bool
	Errors   errorSummary
	Blocks   []procBlock
	Basis    []pfield
	Summary  *procSummary // the content, when not editable
	Workflow *workflowView
	Links    []exportLink // history, audit log, public page
}

// procRender is what a procedure page is rendered from.
type procRender struct {
	cur     *procedure.Procedure // as stored; nil for a new procedure
	p       *procedure.Procedure // the content in the form
	st      *procState
	in      *procInput // the form as posted, nil when showing the stored one
	version int
	basis   procedure.Basis
	wf      workflowState
	flash   string
}

// procedureNew shows the empty create form to editors.
func (h *Handlers) procedureNew(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if !access.CanAnywhere(access.ActorFrom(r.Context()), access.EditContent) {
		h.Render.Error(w, r, errs.E("admin.procedureNew", errs.Forbidden, "error.forbidden"))
		return
	}
	p := &procedure.Procedure{OnlineLevel: procedure.OnlineNone}
	h.procedureRender(w, r, http.StatusOK, procRender{p: p, st: newProcState(h.localizer(r))})
}

// procedurePage shows a procedure the actor may see as staff: the newest
// version to those with the private view of its unit (others see the
// published one, or NotFound for a procedure never published).
func (h *Handlers) procedurePage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	cur, err := h.Procedures.FindProcedureByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l := h.localizer(r)
	rd := procRender{cur: cur, p: cur.Clone(), st: newProcState(l), version: cur.Latest}
	q := r.URL.Query()
	switch {
	case q.Get("saved") == "1":
		rd.flash = l.T("admin.saved")
	case q.Get("unchanged") == "1":
		rd.flash = l.T("admin.procedure_unchanged")
	case doneSteps[q.Get("done")]:
		rd.flash = l.T("admin.procedure_done_" + q.Get("done"))
	}
	h.procedureRender(w, r, http.StatusOK, rd)
}

// procedureCreate stores a new draft, or shows the form again with its
// errors or with more rows.
func (h *Handlers) procedureCreate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.saveProcedure(w, r, nil, &procedure.Procedure{})
}

// procedureUpdate stores the form as a new draft version. The hidden
// version names the version read: a stale one answers 409 with the form as
// typed and the version it was typed on, so saving again without reloading
// stays stale rather than overwriting.
func (h *Handlers) procedureUpdate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	cur, err := h.Procedures.FindProcedureByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	// What the form does not edit is kept.
	h.saveProcedure(w, r, cur, &procedure.Procedure{Code: cur.Code, Source: cur.Source})
}

func (h *Handlers) saveProcedure(w http.ResponseWriter, r *http.Request, cur, p *procedure.Procedure) {
	ctx, st := r.Context(), newProcState(h.localizer(r))
	in := readProcedure(r, p, cur == nil)
	rd := procRender{cur: cur, p: p, st: st, in: in, version: in.version, basis: in.basis}
	switch {
	case in.more != "":
		h.procedureRender(w, r, http.StatusOK, rd)
		return
	case len(in.bad) > 0:
		// Show the service's checks too, so every mistake shows at once.
		for k, v := range errs.FieldsOf(p.Validate()) {
			in.bad.Add(k, v)
		}
		st.fail(in.bad.Err("admin.saveProcedure"))
		h.procedureRender(w, r, http.StatusUnprocessableEntity, rd)
		return
	}
	var err error
	if cur == nil {
		err = h.Procedures.CreateProcedure(ctx, p, in.basis)
	} else {
		p.Version, p.Latest = in.version, in.version
		err = h.Procedures.UpdateProcedure(ctx, p, in.basis)
	}
	if err != nil {
		if !isFormMistake(err) {
			h.Render.Error(w, r, err)
			return
		}
		st.fail(err)
		if key, _ := errs.KeyOf(err); key == "procedure.code_taken" {
			st.form.Fields["code"] = st.form.Error
		}
		h.procedureRender(w, r, httpx.FormStatus(err), rd)
		return
	}
	flash := "?saved=1"
	if cur != nil && p.Latest == cur.Latest {
		flash = "?unchanged=1"
	}
	http.Redirect(w, r, procedureURL(p.Code)+flash, http.StatusSeeOther)
}

// procedureRender renders the page of rd with status.
func (h *Handlers) procedureRender(w http.ResponseWriter, r *http.Request, status int, rd procRender) {
	ctx, l := r.Context(), rd.st.l
	units, err := h.allUnits(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	actor := access.ActorFrom(ctx)
	v := procPageView{New: rd.cur == nil, Cur: rd.cur, Action: procedureBase + "/moi", Version: rd.version, Editable: true}
	title := l.T("admin.procedure_new")
	if rd.cur != nil {
		c := rd.cur
		title, v.Action = c.Name, procedureURL(c.Code)
		v.Status, v.Changed = l.T("procedure.status."+string(c.Status)), localTime(c.Revision.At)
		v.Editable = c.Status != procedure.Abolished && access.Can(actor, access.EditContent, c.Target())
		v.Workflow = workflow(rd.st, actor, c, rd.wf)
		v.Links = procLinks(l, actor, c)
	}
	if v.Editable {
		owners := ownerOptions(rd.st, units, actor, rd.p.OwnerUnitID)
		v.Blocks = procBlocks(rd.st, rd.p, v.New, owners, procBlankRows(rd.in, rd.p), v.Action)
		v.Basis = basisFields(rd.st, rd.basis)
		v.Errors = rd.st.summary()
	} else {
		v.Summary = summarize(l, rd.cur, units)
	}
	p := adminPage(l, title, v)
	p.Flash = rd.flash
	h.Render.HTML(w, r, status, "admin_procedure", p)
}

// ownerOptions are the units a procedure may belong to: those where the
// actor may edit content, plus the current owner.
func ownerOptions(st *procState, units []*unit.Unit, actor *access.Actor, current int64) []httpx.Option {
	opts := []httpx.Option{{Value: "", Label: st.l.T("admin.choose")}}
	return append(opts, unitOptions(st.l, units, func(u *unit.Unit) bool {
		return u.ID == current || (u.Active && access.Can(actor, access.EditContent, u.Target()))
	})...)
}

// procLinks are the links of a procedure's page: its history, its audit
// log for those who may read it, and its public page once published.
func procLinks(l *i18n.Localizer, actor *access.Actor, p *procedure.Procedure) []exportLink {
	links := []exportLink{{Label: l.T("admin.procedure_versions"), URL: procedureURL(p.Code) + "/phien-ban"}}
	if access.Can(actor, access.ViewAudit, p.Target()) {
		links = append(links, exportLink{Label: l.T("admin.procedure_audit"),
			URL: listURL("/quan-tri/nhat-ky", "kind", "procedure", "object", p.Code)})
	}
	if p.PublishedVersion > 0 {
		links = append(links, exportLink{Label: l.T("admin.procedure_public_page"), URL: "/thu-tuc/" + p.Code})
	}
	return links
}
