package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// The end-to-end test: the real binary, built from this package, seeded
// with the demo data and serving on a free port, driven by headless
// chromium. It logs in as the demo admin (enrolling TOTP), creates a unit
// through the admin form, finds it in the public directory, and runs
// axe-core on the public pages, the login page and the admin pages.

// chromiumPath is where the test looks for the browser.
const chromiumPath = "/usr/bin/chromium"

// axeTags are the rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// needTool skips the test when a tool is missing, except under CI=true,
// where a missing tool fails it.
func needTool(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI=true: %v", what, err)
	}
	t.Skipf("%s not available: %v", what, err)
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	_, err := os.Stat(chromiumPath)
	needTool(t, "chromium", err)
	axe, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	needTool(t, "axe-core (npm ci)", err)

	bin := buildBinary(t)
	env := serverEnv(t)
	password := seedDemo(t, bin, env)
	base := startServer(t, bin, env)
	ctx := newBrowser(t)

	b := &browser{t: t, ctx: ctx, base: base, axeJS: string(axe)}
	// The login page is checked first: with a session it moves on.
	b.axe("/quan-tri/dang-nhap")
	b.loginWithTOTP("admin", password)
	name := "Sở Kiểm thử Đầu cuối"
	b.createUnit("so-kiem-thu-e2e", name)
	b.findInDirectory("kiem thu dau cuoi", name)
	for _, p := range []string{"/", "/don-vi", "/don-vi?view=list&q=hoan+kiem", "/don-vi/so-kiem-thu-e2e", "/en/units",
		"/quan-tri/", "/quan-tri/don-vi", "/quan-tri/don-vi/moi", "/quan-tri/don-vi/so-kiem-thu-e2e",
		"/quan-tri/tai-khoan", "/quan-tri/tai-khoan/moi", "/quan-tri/tai-khoan/admin", "/quan-tri/nhat-ky",
		"/quan-tri/cong-viec", "/quan-tri/thu-gui", "/quan-tri/webhook", "/quan-tri/lich-nghi",
		"/quan-tri/thu-tuc", "/quan-tri/thu-tuc/moi", "/quan-tri/thu-tuc/nhap"} {
		b.axe(p)
	}
	b.axeInvalidForm()
}

// buildBinary compiles this package into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cong")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// serverEnv is the environment of the binary: a temporary data dir, and a
// fresh PostgreSQL schema when the tests run on PostgreSQL.
func serverEnv(t *testing.T) []string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	// "cong seed demo" keeps the admin password in the data dir, which only
	// the SQLite store creates: on PostgreSQL it must exist already.
	if err := os.MkdirAll(data, 0o750); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "CONG_DATA_DIR="+data, "CONG_ADDR=127.0.0.1:0", "CONG_LOG_LEVEL=warn")
	if storetest.Dialect() == sqlstore.Postgres {
		env = append(env, "CONG_DATABASE_URL="+storetest.Options(t).PostgresURL)
	}
	return env
}

var passwordLineRE = regexp.MustCompile(`(?m)^\s+password: (\S+)$`)

// seedDemo runs "cong seed demo" and returns the admin password it prints.
func seedDemo(t *testing.T, bin string, env []string) string {
	t.Helper()
	cmd := exec.Command(bin, "seed", "demo")
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cong seed demo: %v\n%s%s", err, out, stderr.String())
	}
	m := passwordLineRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("cong seed demo printed no password:\n%s", out)
	}
	return string(m[1])
}

// startServer runs "cong serve" on a free port until the test ends, and
// returns its base URL from the "listening on" line.
func startServer(t *testing.T, bin string, env []string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("cong serve did not stop cleanly: %v\n%s", err, stderr.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Error("cong serve did not stop within 15 s of an interrupt")
		}
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				lines <- addr
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case addr := <-lines:
		return addr
	case <-time.After(30 * time.Second):
		t.Fatalf("cong serve printed no address\n%s", stderr.String())
	}
	return ""
}

// newBrowser starts headless chromium with a fresh profile, closed when
// the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// browser drives one tab against the server.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	axeJS string // axe.min.js
}

// do runs steps with a time limit, failing the test on error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
}

// submit runs steps that submit a form and waits for the next page,
// returning its HTTP status.
func (b *browser) submit(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
	return res.Status
}

func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

func (b *browser) path() string {
	u, err := url.Parse(b.location())
	if err != nil {
		return ""
	}
	return u.Path
}

// loginWithTOTP logs in and completes the TOTP enrolment that a portal
// admin meets at first login, with the secret the page shows.
func (b *browser) loginWithTOTP(username, password string) {
	b.t.Helper()
	b.do("open login", chromedp.Navigate(b.base+"/quan-tri/dang-nhap"))
	b.submit("log in",
		chromedp.SendKeys(chromedp.ID("f-username"), username),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if p := b.path(); p != "/quan-tri/bat-xac-thuc" {
		b.t.Fatalf("after login the browser is at %s, want the TOTP enrolment "+
			"(a login page again means chromium refused the __Host- session cookie over http://127.0.0.1)", p)
	}
	secret, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("totp-secret")))
	if err != nil || secret == "" {
		b.t.Fatalf("read the TOTP secret: %v", err)
	}
	code, err := account.TOTPCode(strings.TrimSpace(secret), time.Now())
	if err != nil {
		b.t.Fatal(err)
	}
	b.submit("enrol TOTP",
		chromedp.SendKeys(chromedp.ID("f-code"), code),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if p := b.path(); p != "/quan-tri/" {
		b.t.Fatalf("after enrolment the browser is at %s, want the dashboard", p)
	}
}

// createUnit creates a department under the city through the admin form,
// with one leader.
func (b *browser) createUnit(code, name string) {
	b.t.Helper()
	b.do("open the create form", chromedp.Navigate(b.base+"/quan-tri/don-vi/moi"))
	// The first unit in the parent list (after "no parent") is the city.
	city, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('#f-parent option:nth-child(2)').value`))
	if err != nil {
		b.t.Fatalf("read the parent choices: %v", err)
	}
	status := b.submit("create the unit",
		chromedp.SendKeys(chromedp.ID("f-code"), code),
		chromedp.SetValue(chromedp.ID("f-kind"), "department"),
		chromedp.SetValue(chromedp.ID("f-parent"), city),
		chromedp.SendKeys(chromedp.ID("f-name_vi"), name),
		chromedp.SendKeys(chromedp.ID("f-phone"), "024 3825 1234"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-leaders.0.name"]`), "Nguyễn Kiểm Thử"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-leaders.0.position_vi"]`), "Giám đốc"),
		chromedp.Click(chromedp.CSS(`p.actions button[value=save]`)))
	if status != 200 || b.path() != "/quan-tri/don-vi/"+code {
		body, _ := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
		b.t.Fatalf("create unit: status %d at %s\n%s", status, b.location(), body)
	}
}

// findInDirectory searches the public directory without diacritics and
// follows the link to the unit's page.
func (b *browser) findInDirectory(query, name string) {
	b.t.Helper()
	b.do("search the directory", chromedp.Navigate(b.base+"/don-vi?q="+url.QueryEscape(query)))
	list, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("table.list")))
	if err != nil || !strings.Contains(list, name) {
		b.t.Fatalf("the directory does not list %q for %q: %v\n%s", name, query, err, list)
	}
	b.submit("open the unit page", chromedp.Click(chromedp.CSS(`table.list a`)))
	h1, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || h1 != name {
		b.t.Fatalf("unit page heading %q, want %q (%v)", h1, name, err)
	}
}

// axeViolation is what the test reports of an axe-core violation.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axe opens path and checks it with axe-core against WCAG 2.2 A and AA.
// The script is injected through DevTools, which the page's CSP does not
// govern.
func (b *browser) axe(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
	b.axeHere(path)
}

// axeHere checks the page the browser is on.
func (b *browser) axeHere(label string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](b.axeJS)); err != nil {
		b.t.Fatalf("inject axe-core on %s: %v", label, err)
	}
	tags, _ := json.Marshal(axeTags)
	script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(" "))})))`, tags)
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("run axe-core on %s: %v", label, err)
	}
	for _, v := range violations {
		b.t.Errorf("axe on %s: %s (%s): %s; at %s", label, v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
	}
}

// axeInvalidForm checks the unit form as it comes back with errors: the
// error summary, aria-invalid fields and their messages.
func (b *browser) axeInvalidForm() {
	b.t.Helper()
	b.do("open the create form", chromedp.Navigate(b.base+"/quan-tri/don-vi/moi"))
	status := b.submit("send an invalid form",
		chromedp.SendKeys(chromedp.ID("f-code"), "Mã Sai"),
		chromedp.SendKeys(chromedp.ID("f-email"), "khong-phai-email"),
		chromedp.Click(chromedp.CSS(`p.actions button[value=save]`)))
	if status != 422 {
		b.t.Errorf("invalid unit form: status %d, want 422", status)
	}
	b.axeHere("the unit form with errors")
}
