package admin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// jobRoutes registers the background jobs page and its retry and cancel
// buttons. The job service lets only portal administrators in; the pages
// show its errors as they are (403 for other staff, 404 for no such job).
func jobRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/cong-viec", h.staff(h.jobList))
	r.Handle("POST /quan-tri/cong-viec/{id}/thu-lai", h.staff(h.jobRetry))
	r.Handle("POST /quan-tri/cong-viec/{id}/huy", h.staff(h.jobCancel))
}

const jobsURL = "/quan-tri/cong-viec"

type jobListView struct {
	State string // the state filtered on, "" for all
	Kind  string // the kind filtered on, "" for all
	Tabs  []jobTab
	Rows  []jobRow
	Next  string // the next (older) page, "" when this is the last
	First string // the first page, "" when this is it
}

// jobTab is one state with its number of jobs, linking to its listing.
type jobTab struct {
	State   string // "" for every state
	Count   int
	URL     string
	Current bool
}

// jobRow is a job with what an administrator may do to it.
type jobRow struct {
	*job.Info
	Args      string // the arguments as compact JSON, the same on both databases
	CanRetry  bool
	CanCancel bool
}

// jobList shows the number of jobs in each state and the jobs of one
// state and kind, newest first, a page at a time (keyed on the last ID).
func (h *Handlers) jobList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Jobs == nil {
		h.Render.Error(w, r, notConfigured("admin.jobList"))
		return
	}
	ctx, l, q := r.Context(), h.localizer(r), r.URL.Query()
	v := jobListView{State: q.Get("state"), Kind: clip(q.Get("kind"), 100)}
	f := job.Filter{Limit: perPage + 1}
	if s := job.State(v.State); s.Valid() {
		f.State = &s
	} else {
		v.State = ""
	}
	if v.Kind != "" {
		f.Kind = &v.Kind
	}
	if before, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && before > 0 {
		f.BeforeID = before
		v.First = listURL(jobsURL, "state", v.State, "kind", v.Kind)
	}
	counts, err := h.Jobs.CountJobs(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	jobs, err := h.Jobs.FindJobs(ctx, f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	if len(jobs) > perPage {
		jobs = jobs[:perPage]
		v.Next = listURL(jobsURL, "state", v.State, "kind", v.Kind, "before", strconv.FormatInt(jobs[perPage-1].ID, 10))
	}
	v.Tabs = jobTabs(counts, v.State, v.Kind)
	for _, j := range jobs {
		v.Rows = append(v.Rows, jobRow{Info: j, Args: compactJSON(j.Args), CanRetry: retryable(j.State), CanCancel: cancellable(j.State)})
	}
	p := adminPage(l, l.T("admin.jobs_title"), v)
	p.Flash = jobFlash(r, l.T)
	h.Render.HTML(w, r, http.StatusOK, "admin_jobs", p)
}

// jobTabs lists "all" then every state in display order; pending, which
// the portal does not use, only when it has jobs.
func jobTabs(counts map[job.State]int, current, kind string) []jobTab {
	total := 0
	for _, n := range counts {
		total += n
	}
	tabs := []jobTab{{Count: total, URL: listURL(jobsURL, "kind", kind), Current: current == ""}}
	for _, s := range job.States {
		if s == job.Pending && counts[s] == 0 {
			continue
		}
		tabs = append(tabs, jobTab{State: string(s), Count: counts[s],
			URL: listURL(jobsURL, "state", string(s), "kind", kind), Current: current == string(s)})
	}
	return tabs
}

// retryable reports whether the page offers to run a job in state s again:
// it failed, was discarded or was cancelled.
func retryable(s job.State) bool {
	return s == job.Retryable || s == job.Discarded || s == job.Cancelled
}

// cancellable reports whether a job in state s can still be stopped.
func cancellable(s job.State) bool {
	switch s {
	case job.Available, job.Scheduled, job.Running, job.Retryable, job.Pending:
		return true
	}
	return false
}

// jobRetry runs a job again now and returns to the listing it came from.
func (h *Handlers) jobRetry(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.jobAction(w, r, "retried", func(id int64) error {
		_, err := h.Jobs.RetryJob(r.Context(), id)
		return err
	})
}

// jobCancel stops a job for good (a running one is asked to stop).
func (h *Handlers) jobCancel(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.jobAction(w, r, "cancelled", func(id int64) error {
		_, err := h.Jobs.CancelJob(r.Context(), id)
		return err
	})
}

// jobAction does act to the job of the URL, then redirects to the listing
// it came from (its filters are posted with the button) with done=ID in
// the query ("retried" or "cancelled"), which jobFlash reads.
func (h *Handlers) jobAction(w http.ResponseWriter, r *http.Request, done string, act func(int64) error) {
	if h.Jobs == nil {
		h.Render.Error(w, r, notConfigured("admin.jobAction"))
		return
	}
	id, err := pathID(r, "job.not_found")
	if err == nil {
		err = act(id)
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	state := form(r, "state")
	if !job.State(state).Valid() {
		state = ""
	}
	back := listURL(jobsURL, "state", state, "kind", clip(form(r, "kind"), 100), done, strconv.FormatInt(id, 10))
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// jobFlash is the message of a listing reached after a retry or a cancel.
func jobFlash(r *http.Request, t func(string, ...any) string) string {
	q := r.URL.Query()
	for _, k := range []string{"retried", "cancelled"} {
		if id, err := strconv.ParseInt(q.Get(k), 10, 64); err == nil && id > 0 {
			return t("admin.job_"+k, id)
		}
	}
	return ""
}

// compactJSON removes the spaces PostgreSQL's jsonb puts in s; s is
// returned as it is when it is not JSON.
func compactJSON(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return s
	}
	return b.String()
}

// pathID reads the positive {id} of the URL; anything else is NotFound
// with the message key notFound.
func pathID(r *http.Request, notFound string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E("admin.pathID", errs.NotFound, notFound)
	}
	return id, nil
}

// notConfigured is the error of a page whose service the server was built
// without (a deployment or test that does not need it).
func notConfigured(op string) error {
	return errs.E(op, errs.NotFound, "admin.not_configured")
}
