package admin

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// auditRoutes registers the audit log page. The scoping service is built
// here from the store and the unit tree, so the page needs nothing more
// from the server than the other admin pages.
func auditRoutes(r httpx.Router, h *Handlers) {
	a := &auditPage{h: h, log: audit.NewService(h.Audit, audit.UnitsFunc(h.unitPaths))}
	r.Handle("GET /quan-tri/nhat-ky", h.staff(a.list))
}

// unitPaths lists every unit's path by ID, for audit.Service's scoping.
func (h *Handlers) unitPaths(ctx context.Context) (map[int64]string, error) {
	list, _, err := h.Units.FindUnits(ctx, unit.Filter{})
	if err != nil {
		return nil, err
	}
	paths := make(map[int64]string, len(list))
	for _, u := range list {
		paths[u.ID] = u.Path
	}
	return paths, nil
}

type auditPage struct {
	h   *Handlers
	log *audit.Service
}

type auditView struct {
	Form    httpx.Form
	Fields  []httpx.Field
	Rows    []auditRow
	Total   int
	Page    int
	Pages   int
	Pager   string // the list URL with the filters, for the pager
	Unknown bool   // the actor filter names no account the actor may see
}

// auditRow is an entry as shown: its time in Vietnam and its unit's name.
type auditRow struct {
	*audit.Entry
	Local string // the time in Vietnam, to the second
	UTC   string // the time in UTC, RFC 3339
	Unit  string
}

// auditQuery is the filter form as typed.
type auditQuery struct {
	Actor, Action, Kind, Object, From, To string
}

// list shows the audit entries the actor may see, newest first, filtered.
func (a *auditPage) list(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h, ctx := a.h, r.Context()
	st := newFormState(h.localizer(r))
	q := readAuditQuery(r)
	v := auditView{Page: pageParam(r)}
	f, bad := auditFilter(q)
	f.Offset, f.Limit = (v.Page-1)*perPage, perPage
	status := http.StatusOK
	if len(bad) > 0 {
		st.fail(bad.Err("admin.audit"))
		status = http.StatusUnprocessableEntity
	} else if q.Actor != "" {
		u, err := h.Accounts.FindUserByUsername(ctx, q.Actor)
		switch {
		case errs.Is(err, errs.NotFound):
			v.Unknown = true
		case err != nil:
			h.Render.Error(w, r, err)
			return
		default:
			f.ActorID = &u.ID
		}
	}
	if status == http.StatusOK && !v.Unknown {
		entries, total, err := a.log.FindAudit(ctx, f)
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		if v.Rows, err = a.rows(ctx, entries); err != nil {
			h.Render.Error(w, r, err)
			return
		}
		v.Total = total
	}
	v.Form, v.Pages, v.Fields = st.form, pageCount(v.Total), auditFields(st, q)
	v.Pager = listURL("/quan-tri/nhat-ky", "actor", q.Actor, "action", q.Action, "kind", q.Kind, "object", q.Object, "from", q.From, "to", q.To)
	h.Render.HTML(w, r, status, "admin_audit", adminPage(st.l, st.l.T("admin.audit_title"), v))
}

func readAuditQuery(r *http.Request) auditQuery {
	q := r.URL.Query()
	get := func(k string) string { return clip(q.Get(k), 100) }
	return auditQuery{Actor: strings.ToLower(get("actor")), Action: get("action"), Kind: get("kind"),
		Object: get("object"), From: get("from"), To: get("to")}
}

// auditFilter turns the typed filters into an audit.Filter. Dates are days
// in Vietnam time; "to" includes its whole day.
func auditFilter(q auditQuery) (audit.Filter, errs.FieldErrors) {
	var f audit.Filter
	var bad errs.FieldErrors
	set := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	f.Action, f.ObjectKind, f.ObjectID = set(q.Action), set(q.Kind), set(q.Object)
	if q.From != "" {
		t, err := time.ParseInLocation("2006-01-02", q.From, vietnam)
		if err != nil {
			bad.Add("from", "field.date")
		}
		f.Since = &t
	}
	if q.To != "" {
		t, err := time.ParseInLocation("2006-01-02", q.To, vietnam)
		if err != nil {
			bad.Add("to", "field.date")
		}
		t = t.AddDate(0, 0, 1)
		f.Until = &t
	}
	return f, bad
}

func auditFields(st *formState, q auditQuery) []httpx.Field {
	return []httpx.Field{
		st.input("actor", "admin.audit_actor", "text", q.Actor, false),
		st.hinted("action", "admin.audit_action", "admin.audit_action_hint", "text", q.Action, false),
		st.hinted("kind", "admin.audit_kind", "admin.audit_kind_hint", "text", q.Kind, false),
		st.input("object", "admin.audit_object", "text", q.Object, false),
		st.input("from", "admin.audit_from", "date", q.From, false),
		st.input("to", "admin.audit_to", "date", q.To, false),
	}
}

// rows prepares entries for display.
func (a *auditPage) rows(ctx context.Context, entries []*audit.Entry) ([]auditRow, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	names, err := a.h.unitNames(ctx, "vi")
	if err != nil {
		return nil, err
	}
	out := make([]auditRow, len(entries))
	for i, e := range entries {
		out[i] = auditRow{Entry: e, Local: e.At.In(vietnam).Format("02/01/2006 15:04:05"),
			UTC: e.At.UTC().Format(time.RFC3339), Unit: names[e.UnitID]}
	}
	return out, nil
}
