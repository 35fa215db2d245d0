package admin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// doneSteps are the workflow steps whose success the page announces.
var doneSteps = map[string]bool{"approve": true, "publish": true, "abolish": true}

// workflowView is the approver's part of a procedure's page: approve a
// draft, publish an approved version, abolish by decision. Each is its own
// form naming the version read.
type workflowView struct {
	Base    string // the procedure's page
	Version int
	Error   string // why the last step failed (stale, wrong status)
	Approve bool
	Publish bool
	Abolish bool
	Errors  errorSummary // the abolish form's errors
	Fields  []pfield     // the abolish form: decision, date, reason
}

// workflowState is a failed step to show again.
type workflowState struct {
	err   error           // the service's error
	basis procedure.Basis // the abolish form as typed
}

// workflow returns the actions the actor may take on p now, nil when it
// may take none (the service decides again on each).
func workflow(st *procState, actor *access.Actor, p *procedure.Procedure, ws workflowState) *workflowView {
	if !access.Can(actor, access.ApproveContent, p.Target()) || p.Status == procedure.Abolished {
		return nil
	}
	v := &workflowView{Base: procedureURL(p.Code), Version: p.Latest, Abolish: true,
		Approve: p.Status == procedure.Draft, Publish: p.Status == procedure.Approved}
	wst := newProcState(st.l)
	switch {
	case errs.Is(ws.err, errs.Invalid):
		wst.fail(ws.err)
		v.Errors = errorSummary{Message: wst.form.Error}
	case ws.err != nil:
		v.Error = httpx.FormFrom(st.l, ws.err).Error
	}
	decision := wst.field("abolish_decision", "admin.procedure_abolish_decision", "text", ws.basis.Decision, "", "decision")
	decision.Required, decision.Hint = true, st.l.T("admin.procedure_decision_hint")
	date := wst.field("abolish_date", "admin.procedure_abolish_date", "date", ws.basis.Date, "", "date")
	date.Hint = st.l.T("admin.procedure_abolish_date_hint")
	reason := wst.field("abolish_reason", "admin.procedure_reason", "textarea", ws.basis.Reason, "", "reason")
	reason.Rows = 2
	v.Fields = []pfield{decision, date, reason}
	if v.Errors.Message != "" {
		v.Errors = wst.summary()
	}
	return v
}

// procedureApprove approves the draft named by the posted version.
func (h *Handlers) procedureApprove(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.procedureStep(w, r, "approve", h.Procedures.Approve)
}

// procedurePublish publishes the approved version named by the posted
// version.
func (h *Handlers) procedurePublish(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.procedureStep(w, r, "publish", h.Procedures.Publish)
}

// procedureAbolish abolishes the procedure by the posted decision.
func (h *Handlers) procedureAbolish(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	b := procedure.Basis{Decision: form(r, "abolish_decision"), Date: form(r, "abolish_date"), Reason: form(r, "abolish_reason")}
	h.procedureStep(w, r, "abolish", func(ctx context.Context, code string, version int) (*procedure.Procedure, error) {
		return h.Procedures.Abolish(ctx, code, version, b)
	}, b)
}

// procedureStep runs one workflow step and goes back to the page with a
// flash. A wrong status, a stale version or a missing decision shows the
// page again with the message; other errors (forbidden, not found) go to
// the error page.
func (h *Handlers) procedureStep(w http.ResponseWriter, r *http.Request, done string,
	step func(ctx context.Context, code string, version int) (*procedure.Procedure, error), typed ...procedure.Basis) {
	code := r.PathValue("code")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err := step(r.Context(), code, version)
	if err == nil {
		http.Redirect(w, r, procedureURL(code)+"?done="+done, http.StatusSeeOther)
		return
	}
	if !isFormMistake(err) {
		h.Render.Error(w, r, err)
		return
	}
	cur, ferr := h.Procedures.FindProcedureByCode(r.Context(), code)
	if ferr != nil {
		h.Render.Error(w, r, ferr)
		return
	}
	rd := procRender{cur: cur, p: cur.Clone(), st: newProcState(h.localizer(r)), version: cur.Latest, wf: workflowState{err: err}}
	if len(typed) > 0 {
		rd.wf.basis = typed[0]
	}
	h.procedureRender(w, r, httpx.FormStatus(err), rd)
}
