package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
)

// The admin area's scenario tests: a fixture with staff accounts, staff
// sessions that log in through the real forms, and tables of requests by
// actor.

const (
	sessionCookie = "__Host-cong_sid"
	staffPassword = "mot-cau-mat-khau-dai-du"
)

// staffFixture is the fixture with staff accounts:
//
//	admin      portal admin (no TOTP yet: enrols at first login)
//	editor     editor of Sở Tư pháp
//	deptadmin  unit admin of Sở Tư pháp
//	wardadmin  unit admin of Phường Hoàn Kiếm
//	wardclerk  editor of Phường Hoàn Kiếm
//	deptclerk  answerer of Sở Tư pháp
type staffFixture struct {
	*fixture
	accounts *account.Service
	units    map[string]int64 // unit ID by code
}

func newStaffFixture(t *testing.T) *staffFixture {
	t.Helper()
	f := &staffFixture{fixture: newFixture(t), units: map[string]int64{}}
	f.accounts = account.NewService(f.db, account.Config{Keys: testKeys(t)})
	for _, code := range []string{"01", "so-tu-phap", "00070", "quan-hoan-kiem"} {
		u, err := f.db.FindUnitByCode(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		f.units[code] = u.ID
	}
	f.createUser(t, "admin", access.PortalAdmin, "01")
	f.createUser(t, "editor", access.Editor, "so-tu-phap")
	f.createUser(t, "deptadmin", access.UnitAdmin, "so-tu-phap")
	f.createUser(t, "wardadmin", access.UnitAdmin, "00070")
	f.createUser(t, "wardclerk", access.Editor, "00070")
	f.createUser(t, "deptclerk", access.Answerer, "so-tu-phap")
	return f
}

// systemCtx is the context of the command line, which may do anything.
func systemCtx() context.Context {
	return audit.WithIP(access.WithActor(context.Background(), account.SystemActor("test")), "test")
}

func (f *staffFixture) createUser(t *testing.T, username string, role access.Role, unitCode string) *account.User {
	t.Helper()
	u := &account.User{Username: username, Name: "Cán bộ " + username, Email: username + "@hanoi.gov.vn",
		Grants: []access.Grant{{Role: role, UnitID: f.units[unitCode]}}}
	if err := f.accounts.CreateUser(systemCtx(), u, staffPassword); err != nil {
		t.Fatalf("create %s: %v", username, err)
	}
	return u
}

// staff is a browser of one staff member: its session cookie and the CSRF
// token of its session.
type staff struct {
	f        *staffFixture
	cookie   string
	csrf     string
	lastStep string // where the last login step sent the browser
}

// response is an answer to a staff request.
type response struct {
	status   int
	body     string
	location string
	cookie   string // the session cookie set, "" when none
	device   string // the device cookie set, "" when none
}

// do sends a request with the session cookie (set by hand: Go's cookie jar
// does not send Secure cookies over http://).
func (f *staffFixture) do(t *testing.T, method, path, cookie string, form url.Values, header map[string]string) response {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", sessionCookie+"="+cookie)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location")}
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
				t.Errorf("session cookie %+v lacks Secure, HttpOnly, SameSite=Lax or Path=/", c)
			}
			out.cookie = c.Value
		}
		if c.Name == "__Host-cong_dev" {
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.MaxAge < 300*24*3600 {
				t.Errorf("device cookie %+v lacks Secure, HttpOnly, SameSite=Strict, Path=/ or a long Max-Age", c)
			}
			out.device = c.Value
		}
	}
	return out
}

// login logs username in with password and returns the response.
func (f *staffFixture) login(t *testing.T, username, password string) response {
	t.Helper()
	return f.do(t, "POST", "/quan-tri/dang-nhap", "", url.Values{"username": {username}, "password": {password}}, nil)
}

// session logs a staff member without TOTP in and returns its browser.
func (f *staffFixture) session(t *testing.T, username string) *staff {
	t.Helper()
	res := f.login(t, username, staffPassword)
	if res.status != http.StatusSeeOther || res.location != "/quan-tri/" || res.cookie == "" {
		t.Fatalf("login %s: %d → %q\n%s", username, res.status, res.location, trim(res.body))
	}
	s := &staff{f: f, cookie: res.cookie}
	s.refreshCSRF(t)
	return s
}

// adminSession logs the portal admin in, enrolling TOTP at the first login
// (the secret read from the page) and answering a code afterwards.
func (f *staffFixture) adminSession(t *testing.T) *staff {
	t.Helper()
	res := f.login(t, "admin", staffPassword)
	s := &staff{f: f, cookie: res.cookie}
	switch res.location {
	case "/quan-tri/bat-xac-thuc":
		s.enrol(t)
	case "/quan-tri/xac-thuc":
		s.refreshCSRFFrom(t, "/quan-tri/xac-thuc")
		s.answerTOTP(t, "/quan-tri/xac-thuc", f.adminSecret(t), time.Now().Add(30*time.Second))
	default:
		t.Fatalf("admin login: %d → %q", res.status, res.location)
	}
	if s.lastStep != "/quan-tri/" {
		t.Fatalf("admin login: TOTP → %q, want the dashboard", s.lastStep)
	}
	s.refreshCSRF(t)
	return s
}

var secretRE = regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`)

// enrol completes TOTP enrolment with a code computed from the secret the
// page shows.
func (s *staff) enrol(t *testing.T) string {
	t.Helper()
	page := s.get(t, "/quan-tri/bat-xac-thuc")
	m := secretRE.FindStringSubmatch(page.body)
	if page.status != 200 || m == nil {
		t.Fatalf("enrol page: %d, no secret\n%s", page.status, trim(page.body))
	}
	s.csrf = csrfOf(t, page.body)
	s.answerTOTP(t, "/quan-tri/bat-xac-thuc", m[1], time.Now())
	return m[1]
}

func (s *staff) answerTOTP(t *testing.T, path, secret string, at time.Time) {
	t.Helper()
	code, err := account.TOTPCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	res := s.post(t, path, url.Values{"code": {code}})
	if res.status != http.StatusSeeOther || res.cookie == "" {
		t.Fatalf("TOTP at %s: %d → %q\n%s", path, res.status, res.location, mainOf(res.body))
	}
	s.cookie, s.lastStep = res.cookie, res.location
}

// adminSecret reads the admin's TOTP secret from the store.
func (f *staffFixture) adminSecret(t *testing.T) string {
	t.Helper()
	u, err := f.db.FindUserByUsername(context.Background(), "admin")
	if err != nil || u.TOTPSecret == "" {
		t.Fatalf("admin secret: %v", err)
	}
	return u.TOTPSecret
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token in\n%s", trim(body))
	}
	return html.UnescapeString(m[1])
}

func (s *staff) refreshCSRF(t *testing.T) { t.Helper(); s.refreshCSRFFrom(t, "/quan-tri/") }

func (s *staff) refreshCSRFFrom(t *testing.T, path string) {
	t.Helper()
	page := s.get(t, path)
	if page.status != 200 {
		t.Fatalf("GET %s: %d → %q", path, page.status, page.location)
	}
	s.csrf = csrfOf(t, page.body)
}

func (s *staff) get(t *testing.T, path string) response {
	t.Helper()
	return s.f.do(t, "GET", path, s.cookie, nil, nil)
}

// post sends form with the session's CSRF token.
func (s *staff) post(t *testing.T, path string, form url.Values) response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", s.csrf)
	return s.f.do(t, "POST", path, s.cookie, form, nil)
}

// adminCase is one admin scenario: a request by an actor ("" for none) and
// what the answer must be.
type adminCase struct {
	name     string
	actor    string
	method   string
	path     string
	form     url.Values // POSTs get the actor's CSRF token added
	header   map[string]string
	status   int
	location string // a prefix of the Location header, for redirects
	want     []string
	notWant  []string
}

// untranslatedRE finds a translation key shown as is, which the catalogue
// lacks. (The audit log shows action names that look like keys.)
var untranslatedRE = regexp.MustCompile(`\b(admin|account|auth|kind|role|unit|units|field|error|totp|password)\.[a-z_]+\b`)

// check runs c with the actor's browser from sessions.
func (f *staffFixture) check(t *testing.T, sessions map[string]*staff, c adminCase) response {
	t.Helper()
	cookie, form := "", c.form
	if s := sessions[c.actor]; s != nil {
		cookie = s.cookie
		if c.method == "POST" {
			form = url.Values{"csrf": {s.csrf}}
			for k, v := range c.form {
				form[k] = v
			}
		}
	} else if c.actor != "" {
		t.Fatalf("no session for %q", c.actor)
	}
	if c.method == "POST" && form == nil {
		form = url.Values{}
	}
	res := f.do(t, or(c.method, "GET"), c.path, cookie, form, c.header)
	if res.status != c.status {
		t.Errorf("%s %s as %q: status %d, want %d (→ %q)\n%s", or(c.method, "GET"), c.path, c.actor, res.status, c.status, res.location, mainOf(res.body))
	}
	if c.location != "" && !strings.HasPrefix(res.location, c.location) {
		t.Errorf("%s %s as %q: Location %q, want %q…", or(c.method, "GET"), c.path, c.actor, res.location, c.location)
	}
	for _, w := range c.want {
		if !strings.Contains(res.body, w) {
			t.Errorf("%s %s as %q: body lacks %q\n%s", or(c.method, "GET"), c.path, c.actor, w, mainOf(res.body))
		}
	}
	if k := untranslatedRE.FindString(res.body); k != "" && !strings.HasPrefix(c.path, "/quan-tri/nhat-ky") {
		t.Errorf("%s %s as %q: untranslated key %q", or(c.method, "GET"), c.path, c.actor, k)
	}
	for _, w := range c.notWant {
		if strings.Contains(res.body, w) {
			t.Errorf("%s %s as %q: body has %q", or(c.method, "GET"), c.path, c.actor, w)
		}
	}
	return res
}

func (f *staffFixture) checkAll(t *testing.T, sessions map[string]*staff, cases []adminCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { f.check(t, sessions, c) })
	}
}

// mainOf returns the start of the main element of a page, for failure
// messages: the shell before it says little.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 1500 {
		return body[:1500] + "…"
	}
	return body
}
