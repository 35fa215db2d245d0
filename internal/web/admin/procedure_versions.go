package admin

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// versionsView is a procedure's history.
type versionsView struct {
	Cur     *procedure.Procedure
	Base    string // the procedure's page
	Rows    []revRow
	Compare []httpx.Field // the two versions to compare
}

// revRow is one version of the history as shown.
type revRow struct {
	*procedure.Revision
	URL         string
	Status      string // the status's label
	Change      string // how the version came about, in words
	At          string
	ApprovedAt  string
	PublishedAt string
	Public      bool // the version the public sees
}

// procedureVersions lists every version of a procedure, newest first, with
// who made it, when, why and under which decision, and its approval.
func (h *Handlers) procedureVersions(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	ctx, l, code := r.Context(), h.localizer(r), r.PathValue("code")
	cur, err := h.Procedures.FindProcedureByCode(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	revs, err := h.Procedures.Versions(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := versionsView{Cur: cur, Base: procedureURL(code)}
	var opts []httpx.Option
	for _, rev := range slices.Backward(revs) {
		v.Rows = append(v.Rows, revRow{Revision: rev, URL: fmt.Sprintf("%s/phien-ban/%d", v.Base, rev.Version),
			Status: l.T("procedure.status." + string(rev.Status)), Change: l.T("admin.procedure_change_" + string(rev.Change)),
			At: localTime(rev.At), ApprovedAt: localTime(rev.ApprovedAt), PublishedAt: localTime(rev.PublishedAt),
			Public: rev.Version == cur.PublishedVersion})
		opts = append(opts, httpx.Option{Value: strconv.Itoa(rev.Version), Label: l.T("admin.procedure_version_n", rev.Version)})
	}
	if len(revs) > 1 {
		st := newFormState(l)
		newest := revs[len(revs)-1].Version
		v.Compare = []httpx.Field{
			st.choice("a", "admin.procedure_compare_from", strconv.Itoa(revs[len(revs)-2].Version), opts, false),
			st.choice("b", "admin.procedure_compare_to", strconv.Itoa(newest), opts, false),
		}
	}
	h.Render.HTML(w, r, http.StatusOK, "admin_procedure_versions", adminPage(l, l.T("admin.procedure_versions_title", cur.Name), v))
}

// versionView is one past or current version, read-only.
type versionView struct {
	P       *procedure.Procedure
	Base    string
	Status  string
	Change  string
	At      string
	Summary *procSummary
}

// procedureVersion shows version n of a procedure whole.
func (h *Handlers) procedureVersion(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	ctx, l, code := r.Context(), h.localizer(r), r.PathValue("code")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		h.Render.Error(w, r, errs.E("admin.procedureVersion", errs.NotFound, "procedure.not_found"))
		return
	}
	p, err := h.Procedures.Version(ctx, code, n)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	units, err := h.allUnits(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := versionView{P: p, Base: procedureURL(code), Status: l.T("procedure.status." + string(p.Status)),
		Change: l.T("admin.procedure_change_" + string(p.Revision.Change)), At: localTime(p.Revision.At),
		Summary: summarize(l, p, units)}
	h.Render.HTML(w, r, http.StatusOK, "admin_procedure_version", adminPage(l, l.T("admin.procedure_version_title", n, p.Name), v))
}
