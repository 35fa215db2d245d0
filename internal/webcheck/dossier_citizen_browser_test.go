package webcheck

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/notifysql"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// The citizens' dossier pages that only a lookup token or a link from a
// message reaches, so the crawl of the quality gates never finds them:
// the printable apology slip, the pages of the confirmation and
// unsubscribe links, the status page with slips, a pending SMS
// subscription and its code form. TestDossierCitizenPages pushes a
// dossier whose appointment was moved after it passed through the centre
// API (with "cong centre create|map|push", as a centre does), subscribes
// by email and SMS, reads the links from the outbox, then runs every gate
// (axe at both widths, console, network, weight, Nu HTML Checker) on those
// pages, and drives the confirmation and unsubscribe forms with the
// keyboard. It runs whenever chromium is installed, like TestKeyboardForms.

// citizenCode is the dossier pushed; its factor is the phone's last 4
// digits. returnedCode is a dossier pushed as returned (with the same
// phone), for the rating form.
const citizenCode, citizenFactor, returnedCode = "HS-WEB-1", "5678", "HS-WEB-2"

func TestDossierCitizenPages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not with -short")
	}
	chrome := NeedChromium(t)
	bin := Binary(t)
	env := SQLiteEnv(t)
	// SMS offered (the gateway answers nothing: the messages stay queued).
	env = append(env, "CONG_SMS_URL=http://127.0.0.1:9/sms?to={to}&text={text}")
	srv := Setup(t, bin, env)
	pushSlipDossier(t, bin, srv)
	c := &citizenClient{t: t, base: srv.URL, dataDir: dataDir(env)}
	status, token := c.lookup("/tra-cuu-ho-so")
	slip := regexp.MustCompile(`<form method="post" action="(/tra-cuu-ho-so/phieu-xin-loi/([0-9]+))"`).FindStringSubmatch(status)
	if slip == nil {
		t.Fatalf("the status page lists no slip:\n%s", status)
	}
	// The slip's page answers the print button's POST of the token.
	slipVI := c.post(slip[1], url.Values{"token": {token}}, 200)
	subscribed := c.post("/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}}, 200)
	confirm := c.link("dossier.subscription_confirm", `(/tra-cuu-ho-so/xac-nhan\?t=\S+)`)
	unsubscribe := c.link("dossier.subscription_confirm", `(/tra-cuu-ho-so/huy-theo-doi\?t=\S+)`)
	smsPending := c.post("/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"sms"}, "address": {"0912345678"}}, 200)
	wrongCode := c.post("/tra-cuu-ho-so/xac-nhan-ma", url.Values{"token": {token}, "sms_code": {"12"}}, 422)
	_, tokenEN := c.lookup("/en/dossier-status")
	slipEN := c.post("/en/dossier-status/apology-slip/"+slip[2], url.Values{"token": {tokenEN}}, 200)

	// Every gate on the pages with a URL of their own; the Nu HTML
	// Checker also on the answers to POSTs.
	root := Root(t)
	axeJS, err := AxeSource(root)
	if err != nil {
		t.Skip(err)
	}
	browser := NewBrowser(t, chrome)
	checker := &Checker{Server: srv, Browser: browser, AxeJS: axeJS, PagesDir: filepath.Join(t.TempDir(), "pages"), Root: root}
	var pages []*Page
	for _, p := range []struct {
		path   string
		status int
	}{
		{confirm, 200}, {unsubscribe, 200},
		{"/tra-cuu-ho-so/xac-nhan?t=1.1.forged", 401}, {"/en/dossier-status/unsubscribe?t=1.forged", 401},
		{"/thong-ke/ket-noi", 200}, {"/en/statistics/connectivity", 200},
	} {
		pages = append(pages, &Page{Path: p.path, Status: p.status, HTML: []byte(c.get(p.path, p.status))})
	}
	results, other := checker.Check(context.Background(), pages)
	for _, f := range other {
		t.Error(f)
	}
	for _, r := range results {
		for _, f := range r.Failures {
			t.Errorf("%s: %s %s %s: %s", r.Page.Path, f.Gate, f.Rule, f.Element, f.Message)
		}
	}
	c.vnu(checker, map[string]string{"status-with-slips": status, "subscribed": subscribed, "sms-pending": smsPending, "wrong-code": wrongCode,
		"slip": slipVI, "slip-en": slipEN})
	c.axePosted(browser, axeJS, token)

	// The confirmation and unsubscribe forms, by keyboard only.
	for _, fc := range []FormCase{
		{
			Name:  "subscription confirmation link: press the button with Enter",
			Path:  confirm,
			Steps: []KeyStep{{Focus: "form.link-form button[type=submit]", Press: KeyEnter}},
			Want:  Outcome{Text: "Đã xác nhận", Announce: "main [role=status]"},
		},
		{
			Name:  "unsubscribe link: press the button with Space",
			Path:  unsubscribe,
			Steps: []KeyStep{{Focus: "form.link-form button[type=submit]", Press: KeySpace}},
			Want:  Outcome{Text: "Đã hủy", Announce: "main [role=status]"},
		},
		{
			Name:   "SMS code on the status page: a wrong code is tied to its field, submit with Enter",
			Path:   "/tra-cuu-ho-so",
			Before: lookupSteps(citizenCode, citizenFactor),
			Steps:  []KeyStep{{Focus: "#f-sms_code", Type: "12", Press: KeyEnter}},
			Want:   Outcome{Announce: "#form-errors", Invalid: []string{"f-sms_code"}},
		},
		{
			Name:   "rating (en): submitting without a score announces the error, with Enter",
			Path:   "/en/dossier-status",
			Before: lookupSteps(returnedCode, citizenFactor),
			Steps:  []KeyStep{{Focus: "#danh-gia button[type=submit]", Press: KeyEnter}},
			Want:   Outcome{Announce: "#form-errors"},
		},
		{
			Name:   "rating: choose a score with Space, write a comment, submit with Enter",
			Path:   "/tra-cuu-ho-so",
			Before: lookupSteps(returnedCode, citizenFactor),
			Steps: []KeyStep{
				{Focus: "#f-score-5", Press: KeySpace, Check: "document.getElementById('f-score-5').checked"},
				{Focus: "#f-comment", Type: "Nhanh và chu đáo"},
				{Focus: "#danh-gia button[type=submit]", Press: KeyEnter},
			},
			Want: Outcome{Text: "Cảm ơn ông/bà đã đánh giá", Announce: "main [role=status]"},
		},
	} {
		t.Run(fc.Name, func(t *testing.T) {
			for _, f := range DriveForm(browser, srv.URL, fc) {
				t.Error(f)
			}
		})
	}
}

// pushSlipDossier creates an API client for the city's centre, maps its
// status code and pushes a dossier received on 29/04/2025 (due 05/05 or
// 06/05) whose appointment the centre moved on 08/05: an apology slip.
func pushSlipDossier(t *testing.T, bin string, srv *Server) {
	t.Helper()
	dir := t.TempDir()
	key, items := filepath.Join(dir, "key.json"), filepath.Join(dir, "items.jsonl")
	os.WriteFile(items, []byte(`{"type":"dossier","event_id":"w1","receipt_code":"`+citizenCode+`","procedure_code":"1.001193","channel":"online","applicant_name":"Nguyễn Văn An","email":"an@example.com","phone":"0912345678","received_at":"2025-04-29T09:00:00+07:00","status":"TN"}
{"type":"status","event_id":"w2","receipt_code":"`+citizenCode+`","at":"2025-05-08T10:00:00+07:00","appointment_at":"2025-05-12T17:00:00+07:00","public_note":"Chờ ý kiến thẩm định của Sở Tư pháp."}
{"type":"dossier","event_id":"w3","receipt_code":"`+returnedCode+`","procedure_code":"1.001193","channel":"online","applicant_name":"Trần Thị Bình","phone":"0912345678","received_at":"2025-04-29T09:00:00+07:00","status":"TN"}
{"type":"status","event_id":"w4","receipt_code":"`+returnedCode+`","at":"2025-05-05T15:00:00+07:00","status":"TKQ"}
`), 0o600)
	for _, args := range [][]string{
		{"centre", "create", "--unit", "tt-phuc-vu-hcc", "--name", "webcheck", "--key-file", key},
		{"centre", "map", "--unit", "tt-phuc-vu-hcc", "--code", "TN", "--status", "received"},
		{"centre", "map", "--unit", "tt-phuc-vu-hcc", "--code", "TKQ", "--status", "returned"},
		{"centre", "push", "--url", srv.URL, "--key-file", key, items},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Env = srv.Env
		if out, err := cmd.CombinedOutput(); err != nil || (args[1] == "push" && !strings.Contains(string(out), "ok 4")) {
			t.Fatalf("cong %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func dataDir(env []string) string {
	for _, e := range env {
		if d, ok := strings.CutPrefix(e, "CONG_DATA_DIR="); ok {
			return d
		}
	}
	return ""
}

// citizenClient talks to the server as a citizen's browser without
// JavaScript would, and reads the outbox as the citizen reads mail.
type citizenClient struct {
	t       *testing.T
	base    string
	dataDir string
}

var citizenTokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

func (c *citizenClient) lookup(path string) (page, token string) {
	page = c.post(path, url.Values{"code": {citizenCode}, "factor": {citizenFactor}}, 200)
	m := citizenTokenRE.FindStringSubmatch(page)
	if m == nil {
		c.t.Fatalf("no token in the status page:\n%s", page)
	}
	return page, html.UnescapeString(m[1])
}

func (c *citizenClient) post(path string, form url.Values, status int) string {
	c.t.Helper()
	res, err := http.PostForm(c.base+path, form)
	return c.read(res, err, path, status)
}

func (c *citizenClient) get(path string, status int) string {
	c.t.Helper()
	res, err := http.Get(c.base + path)
	return c.read(res, err, path, status)
}

func (c *citizenClient) read(res *http.Response, err error, path string, status int) string {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		c.t.Fatalf("%s: %d, want %d\n%s", path, res.StatusCode, status, b)
	}
	return string(b)
}

// link returns the first match of re in the newest message with the
// template key, from the outbox (no mail server: messages stay there).
func (c *citizenClient) link(key, re string) string {
	c.t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Options{SQLitePath: filepath.Join(c.dataDir, "cong.db")})
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	// Messages are sealed with the data dir's secret key.
	secret, err := os.ReadFile(filepath.Join(c.dataDir, "secret.key"))
	if err != nil {
		c.t.Fatal(err)
	}
	keys, err := keyring.New([]byte(strings.TrimSpace(string(secret))))
	if err != nil {
		c.t.Fatal(err)
	}
	list, _, err := notifysql.New(db, keys).FindNotifications(ctx, notify.Filter{Scope: notify.Scope{All: true}, TemplateKey: &key, Limit: 1})
	if err != nil || len(list) == 0 {
		c.t.Fatalf("no %s message: %v", key, err)
	}
	text := list[0].Text
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		c.t.Fatalf("no %s in:\n%s", re, text)
	}
	return m[1]
}

// vnu runs the Nu HTML Checker on pages that answer a POST.
func (c *citizenClient) vnu(checker *Checker, pages map[string]string) {
	dir := c.t.TempDir()
	files := map[string]*Result{}
	for name, body := range pages {
		f := filepath.Join(dir, name+".html")
		os.WriteFile(f, []byte(body), 0o644)
		files[f] = &Result{Page: &Page{Path: name}}
	}
	for _, f := range checker.validate(files) {
		c.t.Error(f)
	}
	for _, r := range files {
		for _, f := range r.Failures {
			c.t.Errorf("%s (POST answer): %s %s %s: %s", r.Page.Path, f.Gate, f.Rule, f.Element, f.Message)
		}
	}
}

// axePosted runs axe, at both widths, on the status page with its slips
// and a pending SMS subscription, as the browser shows it after a lookup,
// and on the slip page its print button opens.
func (c *citizenClient) axePosted(browser context.Context, axeJS, token string) {
	tab, err := NewTab(browser)
	if err != nil {
		c.t.Fatal(err)
	}
	defer tab.Close()
	ctx, cancel := context.WithTimeout(tab.Ctx, 60*time.Second)
	defer cancel()
	for _, vp := range Viewports {
		if err := setViewport(tab, vp); err != nil {
			c.t.Fatal(err)
		}
		if err := lookup(c.base, citizenCode, citizenFactor)(ctx); err != nil {
			c.t.Fatal(err)
		}
		hasCode, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById('f-sms_code') && !!document.querySelector('#phieu-xin-loi form button')`))
		if err != nil || !hasCode {
			c.t.Fatalf("status page without the code form or the slips (%v)", err)
		}
		c.axe(ctx, axeJS, "status page, "+vp.Name)
		// The slip's print page, opened with its button.
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#phieu-xin-loi form button"))); err != nil {
			c.t.Fatalf("the print button: %v", err)
		}
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('.slip-view')`)); err != nil || !ok {
			c.t.Fatalf("the print button opens no slip (%v)", err)
		}
		c.axe(ctx, axeJS, "slip page, "+vp.Name)
	}
	for _, e := range tab.Errors() {
		c.t.Errorf("console: %s", fmt.Sprint(e))
	}
}

// axe runs axe on the page the tab shows and reports each violation.
func (c *citizenClient) axe(ctx context.Context, axeJS, name string) {
	vs, err := RunAxe(ctx, axeJS)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, v := range vs {
		for _, n := range v.Nodes {
			c.t.Errorf("%s: %s (%s): %s\n  %s", name, v.ID, v.Help, n.Target, n.Summary)
		}
	}
}

// lookupSteps are the keyboard steps of the lookup form, submitted with
// Enter in the factor field.
func lookupSteps(code, factor string) []KeyStep {
	return []KeyStep{{Focus: "#f-code", Type: code}, {Focus: "#f-factor", Type: factor, Press: KeyEnter}}
}
