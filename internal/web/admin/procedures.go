package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// procedureBase is the URL of the procedures catalogue in the staff area.
const procedureBase = "/quan-tri/thu-tuc"

// procedureRoutes registers the procedures pages: the list, the create and
// edit form (which is also the procedure's page, with its workflow
// buttons), the history of versions, the import by upload and the export.
// Without a procedure service the pages do not exist.
func procedureRoutes(r httpx.Router, h *Handlers) {
	if h.Procedures == nil {
		return
	}
	r.Handle("GET "+procedureBase, h.staff(h.procedureList))
	r.Handle("GET "+procedureBase+"/moi", h.staff(h.procedureNew))
	r.Handle("POST "+procedureBase+"/moi", h.staffBody(maxProcedureForm, h.procedureCreate))
	r.Handle("GET "+procedureBase+"/nhap", h.staff(h.importForm))
	r.Handle("POST "+procedureBase+"/nhap", h.staffBody(maxImportBody, h.importSubmit))
	r.Handle("GET "+procedureBase+"/xuat", h.staff(h.procedureExport))
	r.Handle("GET "+procedureBase+"/{code}", h.staff(h.procedurePage))
	r.Handle("POST "+procedureBase+"/{code}", h.staffBody(maxProcedureForm, h.procedureUpdate))
	r.Handle("POST "+procedureBase+"/{code}/duyet", h.staff(h.procedureApprove))
	r.Handle("POST "+procedureBase+"/{code}/cong-bo", h.staff(h.procedurePublish))
	r.Handle("POST "+procedureBase+"/{code}/bai-bo", h.staff(h.procedureAbolish))
	r.Handle("GET "+procedureBase+"/{code}/phien-ban", h.staff(h.procedureVersions))
	r.Handle("GET "+procedureBase+"/{code}/phien-ban/{n}", h.staff(h.procedureVersion))
	r.Handle("GET "+procedureBase+"/{code}/so-sanh", h.staff(h.procedureDiff))
}

// procedureURL is the staff page of the procedure with code.
func procedureURL(code string) string { return procedureBase + "/" + url.PathEscape(code) }

// procQuery is the list's filter as typed in the URL.
type procQuery struct {
	Q, Status, Owner, Field string // Owner is a unit code
}

// procListView is the list of procedures.
type procListView struct {
	Filters   []httpx.Field
	Rows      []procRow
	Total     int
	Page      int
	Pages     int
	Pager     string // the list URL with the filters, for the pager
	Exports   []exportLink
	CanCreate bool
	CanImport bool
}

// procRow is one procedure of the list.
type procRow struct {
	P      *procedure.Procedure
	URL    string
	Owner  string
	Status string // the status's label
	At     string // when the newest version was made, in Vietnam
}

// exportLink downloads the filtered list in one format.
type exportLink struct{ Label, URL string }

// procedureList lists the newest version of every procedure the actor may
// see as staff (the service scopes the list to the actor's units).
func (h *Handlers) procedureList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	ctx, l := r.Context(), h.localizer(r)
	units, err := h.allUnits(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	q := readProcQuery(r)
	f := procFilter(&q, units)
	v := procListView{Page: pageParam(r)}
	f.Offset, f.Limit = (v.Page-1)*perPage, perPage
	list, total, err := h.Procedures.FindProcedures(ctx, f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	ff := f
	ff.Field, ff.Offset, ff.Limit = nil, 0, 0
	facets, err := h.Procedures.Facets(ctx, ff)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	actor := access.ActorFrom(ctx)
	v.Filters = procFilterFields(newFormState(l), q, units, facets, actor)
	v.Rows = procRows(l, list, units)
	v.Total, v.Pages = total, pageCount(total)
	kv := []string{"q", q.Q, "status", q.Status, "owner", q.Owner, "field", q.Field}
	v.Pager = listURL(procedureBase, kv...)
	for _, fm := range procexport.Formats {
		v.Exports = append(v.Exports, exportLink{Label: strings.ToUpper(string(fm)),
			URL: listURL(procedureBase+"/xuat", append([]string{"format", string(fm)}, kv...)...)})
	}
	v.CanCreate = access.CanAnywhere(actor, access.EditContent)
	v.CanImport = access.CanAnywhere(actor, access.ApproveContent)
	p := adminPage(l, l.T("admin.procedures_title"), v)
	p.Flash = saved(r, l)
	h.Render.HTML(w, r, http.StatusOK, "admin_procedures", p)
}

func readProcQuery(r *http.Request) procQuery {
	q := r.URL.Query()
	return procQuery{Q: clip(q.Get("q"), 100), Status: q.Get("status"), Owner: clip(q.Get("owner"), 100), Field: clip(q.Get("field"), 300)}
}

// procFilter turns the typed filters into the staff view's filter,
// clearing in q the values it does not know.
func procFilter(q *procQuery, units []*unit.Unit) procedure.Filter {
	f := procedure.Filter{Private: true}
	if q.Q != "" {
		f.Query = &q.Q
	}
	if s := procedure.Status(q.Status); s.Valid() {
		f.Status = &s
	} else {
		q.Status = ""
	}
	q.Owner = ownerID(q.Owner, units, &f)
	if q.Field != "" {
		f.Field = &q.Field
	}
	return f
}

// ownerID sets f's owner to the unit with code, returning code, or ""
// when no unit has it.
func ownerID(code string, units []*unit.Unit, f *procedure.Filter) string {
	for _, u := range units {
		if code != "" && u.Code == code {
			f.OwnerUnitID = &u.ID
			return code
		}
	}
	return ""
}

// procFilterFields are the inputs of the list's filter form. The owners
// offered are the units whose drafts the actor may see; the fields are
// those of the procedures the other filters find, with their counts.
func procFilterFields(st *formState, q procQuery, units []*unit.Unit, fc *procedure.Facets, actor *access.Actor) []httpx.Field {
	l := st.l
	all := httpx.Option{Value: "", Label: l.T("units.filter_all")}
	statuses := []httpx.Option{all}
	for _, s := range procedure.Statuses {
		statuses = append(statuses, httpx.Option{Value: string(s), Label: l.T("procedure.status." + string(s))})
	}
	owners := append([]httpx.Option{all}, unitCodeOptions(l, units, func(u *unit.Unit) bool {
		return access.Can(actor, access.ViewPrivate, u.Target())
	})...)
	fields := []httpx.Option{all}
	for _, c := range fc.Fields {
		fields = append(fields, httpx.Option{Value: c.Value, Label: fmt.Sprintf("%s (%d)", c.Value, c.Count)})
	}
	if q.Field != "" && !hasOption(fields, q.Field) {
		fields = append(fields, httpx.Option{Value: q.Field, Label: q.Field})
	}
	q1 := st.input("q", "admin.procedures_filter", "search", q.Q, false)
	return []httpx.Field{q1,
		st.choice("status", "admin.status", q.Status, statuses, false),
		st.choice("owner", "admin.procedure_owner", q.Owner, owners, false),
		st.choice("field", "admin.procedure_field", q.Field, fields, false),
	}
}

func hasOption(opts []httpx.Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// unitCodeOptions is unitOptions with the unit codes as values.
func unitCodeOptions(l *i18n.Localizer, units []*unit.Unit, keep func(*unit.Unit) bool) []httpx.Option {
	byID := map[string]string{}
	for _, u := range units {
		byID[idString(u.ID)] = u.Code
	}
	opts := unitOptions(l, units, keep)
	for i := range opts {
		opts[i].Value = byID[opts[i].Value]
	}
	return opts
}

// procRows prepares procedures for the list.
func procRows(l *i18n.Localizer, list []*procedure.Procedure, units []*unit.Unit) []procRow {
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name(l.Lang)
	}
	rows := make([]procRow, len(list))
	for i, p := range list {
		rows[i] = procRow{P: p, URL: procedureURL(p.Code), Owner: names[p.OwnerUnitID],
			Status: l.T("procedure.status." + string(p.Status)), At: localTime(p.Revision.At)}
	}
	return rows
}

// allProcedures returns every procedure of the staff view of f, for the
// export: the list is not paginated.
func (h *Handlers) allProcedures(ctx context.Context, f procedure.Filter) ([]*procedure.Procedure, error) {
	f.Offset, f.Limit = 0, 0
	list, _, err := h.Procedures.FindProcedures(ctx, f)
	return list, err
}
