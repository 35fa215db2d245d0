package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"sort"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procimport"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// maxProblemRows caps the problems listed on the report page; the counts
// by field cover them all.
const maxProblemRows = 500

// importView is the import page: the upload form, and the report of the
// import just done.
type importView struct {
	Errors errorSummary
	File   pfield
	Owner  pfield
	Report *importReport
}

// importReport is procimport.Report as shown.
type importReport struct {
	File                string
	Read                int
	Created, Updated    []exportLink // code and staff page
	Unchanged           int
	Failures            []importFailure
	Problems            []procimport.Problem
	ProblemCount, Shown int
	ByField             []fieldCount
}

// importFailure is a record the service refused, with its reasons.
type importFailure struct {
	Code    string
	Line    int
	Message string
	Fields  []string // "field: message"
}

type fieldCount struct {
	Field string
	Count int
}

// importForm shows the upload form to approvers: the import announces
// procedures as published, which needs ApproveContent (the service checks
// it for each record).
func (h *Handlers) importForm(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if !access.CanAnywhere(access.ActorFrom(r.Context()), access.ApproveContent) {
		h.Render.Error(w, r, errs.E("admin.importForm", errs.Forbidden, "error.forbidden"))
		return
	}
	h.importRender(w, r, http.StatusOK, newProcState(h.localizer(r)), "", nil)
}

// importSubmit reads the uploaded file of the national format, maps its
// records and announces them as the acting user, then shows the report.
func (h *Handlers) importSubmit(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	ctx, st := r.Context(), newProcState(h.localizer(r))
	owner := form(r, "owner")
	opts, err := h.importOwners(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	if !hasOption(opts, owner) {
		st.fail(errs.E("admin.importSubmit", errs.Invalid, "error.invalid", map[string]string{"owner": "field.choose"}))
		h.importRender(w, r, http.StatusUnprocessableEntity, st, owner, nil)
		return
	}
	name, recs, err := readUpload(r)
	if err != nil {
		st.fail(err)
		h.importRender(w, r, httpx.FormStatus(err), st, owner, nil)
		return
	}
	rep, err := procimport.Apply(ctx, h.Procedures, h.Units, procimport.MapAll(recs),
		procimport.Options{Owner: owner, Reason: "import " + procimport.Source + ": " + name})
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.importRender(w, r, http.StatusOK, st, owner, reportView(st, name, rep))
}

func (h *Handlers) importRender(w http.ResponseWriter, r *http.Request, status int, st *procState, owner string, rep *importReport) {
	opts, err := h.importOwners(r)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := importView{Report: rep}
	v.File = st.field("file", "admin.import_file", "file", "", "")
	v.File.Required, v.File.Hint = true, st.l.T("admin.import_file_hint")
	v.File.Accept = ".jsonl,.json,application/json,application/x-ndjson"
	v.Owner = st.choice("owner", "admin.import_owner", owner, "", opts)
	v.Owner.Hint = st.l.T("admin.import_owner_hint")
	v.Errors = st.summary()
	h.Render.HTML(w, r, status, "admin_procedure_import", adminPage(st.l, st.l.T("admin.import_title"), v))
}

// importOwners are the owner choices: each record's implementing agency,
// or one of the units where the actor may approve content.
func (h *Handlers) importOwners(r *http.Request) ([]httpx.Option, error) {
	units, err := h.allUnits(r.Context())
	if err != nil {
		return nil, err
	}
	l, actor := h.localizer(r), access.ActorFrom(r.Context())
	opts := []httpx.Option{{Value: "", Label: l.T("admin.import_owner_auto")}}
	return append(opts, unitCodeOptions(l, units, func(u *unit.Unit) bool {
		return u.Active && access.Can(actor, access.ApproveContent, u.Target())
	})...), nil
}

// readUpload reads the records of the uploaded file: JSON lines, a JSON
// array of records, or a single record. Its errors are Invalid (TooLarge
// for a file over the limit) with the "file" field.
func readUpload(r *http.Request) (string, []*procimport.Record, error) {
	const op = "admin.readUpload"
	bad := func(code errs.Code, key string) error {
		return errs.E(op, code, key, map[string]string{"file": key + "_field"})
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, bad(errs.Invalid, "admin.import_file_required")
	}
	defer f.Close()
	name := clip(path.Base(hdr.Filename), 100)
	b, err := io.ReadAll(io.LimitReader(f, maxImportFile+1))
	switch {
	case err != nil:
		return name, nil, errs.E(op, err)
	case len(b) > maxImportFile:
		return name, nil, bad(errs.TooLarge, "admin.import_too_large")
	}
	recs, err := procimport.Read(bytes.NewReader(jsonLines(b)))
	if err != nil {
		var line int
		fmt.Sscanf(err.Error(), "line %d:", &line)
		return name, nil, errs.E(op, errs.Invalid, "admin.import_unreadable", errs.MsgArgs{line},
			map[string]string{"file": "admin.import_unreadable_field"}, err)
	}
	if len(recs) == 0 {
		return name, nil, bad(errs.Invalid, "admin.import_empty")
	}
	return name, recs, nil
}

// jsonLines returns b as JSON lines: a JSON array becomes one line per
// element and a single pretty-printed record one line; anything else is
// taken to be JSON lines already.
func jsonLines(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	trimmed := bytes.TrimSpace(b)
	var items []json.RawMessage
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		if json.Unmarshal(trimmed, &items) != nil {
			return b
		}
	case json.Valid(trimmed):
		items = []json.RawMessage{trimmed}
	default:
		return b
	}
	var out bytes.Buffer
	for _, it := range items {
		if err := json.Compact(&out, it); err != nil {
			return b
		}
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// reportView turns the import's report into its page.
func reportView(st *procState, file string, rep procimport.Report) *importReport {
	v := &importReport{File: file, Read: rep.Read, Unchanged: len(rep.Unchanged), ProblemCount: len(rep.Problems)}
	for _, c := range rep.Created {
		v.Created = append(v.Created, exportLink{Label: c, URL: procedureURL(c)})
	}
	for _, c := range rep.Updated {
		v.Updated = append(v.Updated, exportLink{Label: c, URL: procedureURL(c)})
	}
	for _, fl := range rep.Failed {
		v.Failures = append(v.Failures, failureView(st, fl))
	}
	v.Problems = rep.Problems[:min(len(rep.Problems), maxProblemRows)]
	v.Shown = len(v.Problems)
	for f, n := range rep.ProblemsByField() {
		v.ByField = append(v.ByField, fieldCount{Field: f, Count: n})
	}
	sort.Slice(v.ByField, func(i, j int) bool {
		if v.ByField[i].Count != v.ByField[j].Count {
			return v.ByField[i].Count > v.ByField[j].Count
		}
		return v.ByField[i].Field < v.ByField[j].Field
	})
	return v
}

// failureView says why the service refused a record, in the page's
// language, field by field.
func failureView(st *procState, fl procimport.Failure) importFailure {
	fm := httpx.FormFrom(st.l, fl.Err)
	out := importFailure{Code: fl.Code, Line: fl.Line, Message: fm.Error}
	for k, msg := range fm.Fields {
		out.Fields = append(out.Fields, k+": "+msg)
	}
	sort.Strings(out.Fields)
	return out
}
