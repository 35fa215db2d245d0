package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
)

// diffView compares two versions of a procedure field by field.
type diffView struct {
	A, B    *procedure.Procedure
	Base    string
	Rows    []diffRow
	Changed int
}

// diffRow is one field of both versions.
type diffRow struct {
	Label   string
	A, B    string
	Changed bool
}

// procedureDiff compares versions a and b (query parameters) of a
// procedure on the columns of the catalogue's export and the texts the
// export leaves out.
func (h *Handlers) procedureDiff(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	ctx, l, code := r.Context(), h.localizer(r), r.PathValue("code")
	q := r.URL.Query()
	na, errA := strconv.Atoi(q.Get("a"))
	nb, errB := strconv.Atoi(q.Get("b"))
	if errA != nil || errB != nil || na < 1 || nb < 1 {
		h.Render.Error(w, r, errs.E("admin.procedureDiff", errs.Invalid, "admin.procedure_compare_invalid"))
		return
	}
	a, err := h.Procedures.Version(ctx, code, na)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	b, err := h.Procedures.Version(ctx, code, nb)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := diffView{A: a, B: b, Base: procedureURL(code), Rows: diffRows(l, a, b)}
	for _, row := range v.Rows {
		if row.Changed {
			v.Changed++
		}
	}
	title := l.T("admin.procedure_compare_title", na, nb, a.Name)
	h.Render.HTML(w, r, http.StatusOK, "admin_procedure_diff", adminPage(l, title, v))
}

// diffRows pairs the fields of a and b.
func diffRows(l *i18n.Localizer, a, b *procedure.Procedure) []diffRow {
	ra, rb := procexport.Row(a), procexport.Row(b)
	var rows []diffRow
	for i, c := range procexport.Columns {
		if c.Key == "status" || c.Key == "version" {
			continue // the page's heading names both versions
		}
		rows = append(rows, diffRow{Label: c.Header, A: ra[i], B: rb[i], Changed: ra[i] != rb[i]})
	}
	for _, x := range []struct {
		label string
		text  func(*procedure.Procedure) string
	}{
		{"admin.procedure_steps", stepsText},
		{"admin.procedure_conditions", func(p *procedure.Procedure) string { return p.Conditions }},
		{"admin.procedure_submit_where", func(p *procedure.Procedure) string { return p.SubmitWhere }},
		{"admin.procedure_collect_where", func(p *procedure.Procedure) string { return p.CollectWhere }},
		{"admin.procedure_forms", func(p *procedure.Procedure) string { return fileText(p.AllForms()) }},
		{"admin.procedure_description_text", func(p *procedure.Procedure) string { return p.Description }},
	} {
		ta, tb := strings.TrimSpace(x.text(a)), strings.TrimSpace(x.text(b))
		rows = append(rows, diffRow{Label: l.T(x.label), A: ta, B: tb, Changed: ta != tb})
	}
	return rows
}

func stepsText(p *procedure.Procedure) string {
	var b strings.Builder
	for i, s := range p.Steps {
		b.WriteString(strconv.Itoa(i+1) + ". ")
		if s.Title != "" {
			b.WriteString(s.Title + ": ")
		}
		b.WriteString(s.Text + "\n")
	}
	return b.String()
}
