package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// perPage is the length of every admin list page.
const perPage = 50

// maxRows caps the rows of a repeating group (leaders, grants), so a
// crafted form cannot make the server build a huge page.
const maxRows = 60

// emptyRows is how many blank rows a repeating group offers, and how many
// more the "more rows" button adds.
const emptyRows = 2

// vietnam is the time zone staff read times in (UTC+7, no daylight saving).
var vietnam = time.FixedZone("ICT", 7*3600)

// formState builds the fields of a form being shown: labels in the page's
// language and the per-field errors of the last attempt.
type formState struct {
	l    *i18n.Localizer
	form httpx.Form
}

func newFormState(l *i18n.Localizer) *formState {
	return &formState{l: l, form: httpx.Form{Fields: map[string]string{}}}
}

// fail records err (an Invalid or Conflict error) for re-rendering.
func (f *formState) fail(err error) {
	f.form = httpx.FormFrom(f.l, err)
}

// input is a text-like field (text, email, url, tel, date, number,
// password, textarea).
func (f *formState) input(name, label, typ, value string, required bool) httpx.Field {
	if typ == "date" && value != "" {
		if _, err := time.Parse("2006-01-02", value); err != nil {
			typ = "text" // a date input cannot hold what was mistyped
		}
	}
	return httpx.Field{Name: name, Label: f.l.T(label), Type: typ, Value: value, Required: required, Error: f.form.Fields[name]}
}

// hinted is input with a hint under the label.
func (f *formState) hinted(name, label, hint, typ, value string, required bool) httpx.Field {
	fd := f.input(name, label, typ, value, required)
	fd.Hint = f.l.T(hint)
	return fd
}

// choice is a select field; the option whose Value is value is selected.
func (f *formState) choice(name, label, value string, opts []httpx.Option, required bool) httpx.Field {
	out := make([]httpx.Option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == value
		out[i] = o
	}
	return httpx.Field{Name: name, Label: f.l.T(label), Type: "select", Options: out, Required: required, Error: f.form.Fields[name]}
}

// isFormMistake reports whether err is the user's to fix on the same form:
// invalid input or a conflict (a stale version, a code in use). Anything
// else (not found, forbidden, internal) goes to the error page.
func isFormMistake(err error) bool {
	return errs.Is(err, errs.Invalid) || errs.Is(err, errs.Conflict)
}

// pageParam reads the 1-based page number of a list.
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 100000)
}

// pageCount is the number of pages of total items, at least one.
func pageCount(total int) int { return max(1, (total+perPage-1)/perPage) }

// rowCount reads the number of rows a repeating group was rendered with.
func rowCount(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.PostFormValue(name))
	return min(max(n, 0), maxRows)
}

// wantsMoreRows reports whether the form was sent with the "more rows"
// button rather than to be saved.
func wantsMoreRows(r *http.Request) bool { return r.PostFormValue("action") == "more" }

// blankRows is the number of empty rows to show after filled ones: the
// default, or those posted plus the default when more were asked for.
func blankRows(r *http.Request, posted, filled int) int {
	if !wantsMoreRows(r) {
		return emptyRows
	}
	return min(max(posted-filled, 0)+emptyRows, maxRows-filled)
}

// clip trims s and cuts it to at most n characters, for filters read from
// the URL.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n])
	}
	return s
}

// form returns the trimmed value of a posted field.
func form(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }

// parseID reads a posted unit ID; "" is 0.
func parseID(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// listURL is base with the non-empty pairs of kv as its query.
func listURL(base string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return base
	}
	return base + "?" + v.Encode()
}

// saved is the flash of a page reached after a successful change.
func saved(r *http.Request, l *i18n.Localizer) string {
	if r.URL.Query().Get("saved") == "1" {
		return l.T("admin.saved")
	}
	return ""
}

// adminPage is the common shell of the staff pages.
func adminPage(l *i18n.Localizer, title string, data any) *httpx.Page {
	return &httpx.Page{L: l, Title: title, Admin: true, Noindex: true, Data: data}
}

// localizer returns the request's localizer.
func (h *Handlers) localizer(r *http.Request) *i18n.Localizer {
	return h.Render.Catalog.For(httpx.From(r).Lang)
}
