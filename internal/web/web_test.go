package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

// fixture is a running server on a fresh database with a small unit tree.
type fixture struct {
	t   testing.TB
	db  *sqlstore.DB
	cal *workcal.Service
	srv *httptest.Server
	// procs is the procedure service, with the procedures of
	// seedProcedures published.
	procs *procedure.Service
	ops   *opsServices // the job queue (not started) and the notification service
}

func newFixture(t testing.TB, seed ...func(testing.TB, *sqlstore.DB)) *fixture {
	t.Helper()
	db := storetest.New(t)
	seedUnits(t, db)
	for _, fn := range seed {
		fn(t, db)
	}
	cfg := config.Default()
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	procs := procedure.NewService(db, db)
	seedProcedures(t, db, procs)
	index := newIndex(t, db)
	units := unit.NewService(db).WithDirectoryCache(db, unit.DefaultRecheck)
	db.OnCommit(units.Invalidate)
	ops := newOpsServices(t, db)
	s, err := web.New(web.Deps{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db, Units: units, Calendar: cal,
		Accounts: account.NewService(db, account.Config{Keys: testKeys(t)}), Audit: db, Search: index, Version: "test",
		Jobs: ops.jobs, Notify: ops.notify, Procedures: procs})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &fixture{t: t, db: db, cal: cal, srv: ts, ops: ops, procs: procs}
}

// seedUnits writes city → Sở Tư pháp, city → Phường Hoàn Kiếm, and an
// inactive district merged into the ward.
func seedUnits(t testing.TB, db *sqlstore.DB) {
	ctx := context.Background()
	mk := func(u *unit.Unit) *unit.Unit {
		u.Active = u.InactiveSince == ""
		if err := db.CreateUnit(ctx, u, &audit.Entry{At: time.Now().UTC(), Action: "unit.create", ActorName: "test"}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	city := mk(&unit.Unit{Code: "01", Kind: unit.City, GSOCode: "01", NameVI: "Ủy ban nhân dân thành phố Hà Nội", NameEN: "Hanoi People's Committee"})
	mk(&unit.Unit{Code: "so-tu-phap", Kind: unit.Department, ParentID: city.ID, NameVI: "Sở Tư pháp", NameEN: "Department of Justice",
		Address: "221 Trần Phú, Hà Đông", Phone: "024 3355 0051", Email: "sotuphap@hanoi.gov.vn",
		Leaders: []unit.Leader{{Name: "Nguyễn Văn A", PositionVI: "Giám đốc", PositionEN: "Director", BioVI: "Tiến sĩ Luật học."}}})
	ward := mk(&unit.Unit{Code: "00070", Kind: unit.Ward, GSOCode: "00070", ParentID: city.ID, NameVI: "Phường Hoàn Kiếm", NameEN: "Hoan Kiem Ward"})
	mk(&unit.Unit{Code: "quan-hoan-kiem", Kind: unit.District, ParentID: city.ID, NameVI: "Quận Hoàn Kiếm", InactiveSince: "2025-07-01", SuccessorID: ward.ID})
}

type scenario struct {
	name    string
	method  string
	path    string
	body    string
	header  map[string]string
	status  int
	want    []string // substrings the body must contain
	notWant []string // substrings it must not contain
}

func (f *fixture) run(t *testing.T, sc scenario) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(or(sc.method, "GET"), f.srv.URL+sc.path, strings.NewReader(sc.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range sc.header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	body := string(b)
	if res.StatusCode != sc.status {
		t.Errorf("%s %s: status %d, want %d\n%s", req.Method, sc.path, res.StatusCode, sc.status, trim(body))
	}
	for _, w := range sc.want {
		if !strings.Contains(body, w) {
			t.Errorf("%s %s: body lacks %q\n%s", req.Method, sc.path, w, trim(body))
		}
	}
	for _, w := range sc.notWant {
		if strings.Contains(body, w) {
			t.Errorf("%s %s: body has %q", req.Method, sc.path, w)
		}
	}
	return res, body
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func trim(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

func TestPublicPages(t *testing.T) {
	f := newFixture(t)
	for _, sc := range []scenario{
		{name: "home", path: "/", status: 200, want: []string{`<html lang="vi">`, "Cổng giao tiếp điện tử", "Sở, ban, ngành"}},
		{name: "home en", path: "/en/", status: 200, want: []string{`<html lang="en">`, "Hanoi City Electronic Portal"}},
		{name: "en redirect", path: "/en", status: 301},
		{name: "directory tree", path: "/don-vi", status: 200, want: []string{"Sở Tư pháp", "Phường Hoàn Kiếm", `href="/en/units"`}, notWant: []string{"Quận Hoàn Kiếm"}},
		{name: "tree with inactive", path: "/don-vi?inactive=1", status: 200, want: []string{"Quận Hoàn Kiếm"}},
		{name: "filter without diacritics", path: "/don-vi?q=hoan+kiem", status: 200, want: []string{"Phường Hoàn Kiếm", "1 đơn vị"}, notWant: []string{"Sở Tư pháp"}},
		{name: "filter with diacritics", path: "/don-vi?q=T%C6%B0+ph%C3%A1p", status: 200, want: []string{"Sở Tư pháp"}},
		{name: "filter by kind", path: "/don-vi?kind=department", status: 200, want: []string{"Sở Tư pháp"}, notWant: []string{"Phường Hoàn Kiếm"}},
		{name: "bad kind ignored", path: "/don-vi?kind=%3Cscript%3E", status: 200, notWant: []string{"<script>"}},
		{name: "filter escapes html", path: "/don-vi?q=%3Cscript%3Ealert(1)%3C/script%3E", status: 200, want: []string{"&lt;script&gt;"}, notWant: []string{"<script>alert"}},
		{name: "unit page", path: "/don-vi/so-tu-phap", status: 200, want: []string{"Sở Tư pháp", "221 Trần Phú", `href="tel:02433550051"`, "Nguyễn Văn A", "Giám đốc", `"@type":"GovernmentOrganization"`, "Đơn vị chịu trách nhiệm nội dung trang này: Sở Tư pháp"}},
		{name: "unit page en", path: "/en/units/so-tu-phap", status: 200, want: []string{"Department of Justice", "Director", `href="/don-vi/so-tu-phap"`}},
		{name: "inactive unit names successor", path: "/don-vi/quan-hoan-kiem", status: 200, want: []string{"không còn hoạt động", `href="/don-vi/00070"`}},
		{name: "unknown unit", path: "/don-vi/khong-co", status: 404, want: []string{"Không tìm thấy"}},
		{name: "unknown page", path: "/khong-co-trang-nay", status: 404, want: []string{"Mã yêu cầu"}},
		{name: "unknown page en", path: "/en/no-such-page", status: 404, want: []string{"was not found"}},
		{name: "wrong method", method: "DELETE", path: "/don-vi", status: 405},
		{name: "healthz", path: "/healthz", status: 200, want: []string{`"status":"ok"`}},
		{name: "readyz", path: "/readyz", status: 200, want: []string{`"ready"`}},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	res, _ := f.run(t, scenario{path: "/", status: 200})
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
	} {
		if !strings.Contains(res.Header.Get(h), want) {
			t.Errorf("%s = %q, want it to contain %q", h, res.Header.Get(h), want)
		}
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("CSP lacks frame-ancestors 'none'")
	}
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent over plain HTTP")
	}
	if res.Header.Get("X-Request-ID") == "" {
		t.Error("no request ID")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{method: "POST", path: "/don-vi", header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403, want: []string{"không đến từ trang của cổng"}})
	f.run(t, scenario{method: "POST", path: "/don-vi", header: map[string]string{"Origin": "https://evil.example"}, status: 403})
}

func TestStaticAssets(t *testing.T) {
	f := newFixture(t)
	_, body := f.run(t, scenario{path: "/", status: 200})
	i := strings.Index(body, `/static/app.`)
	if i < 0 {
		t.Fatal("no hashed stylesheet link")
	}
	url := body[i : i+strings.Index(body[i:], `"`)]
	req, _ := http.NewRequest("GET", f.srv.URL+url, nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || res.Header.Get("Content-Encoding") != "br" {
		t.Errorf("static %s: %d %q %q", url, res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Content-Encoding"))
	}
}

func TestCompression(t *testing.T) {
	f := newFixture(t)
	req, _ := http.NewRequest("GET", f.srv.URL+"/don-vi", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("HTML not gzipped: %q", res.Header.Get("Content-Encoding"))
	}
}

func TestMetrics(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{path: "/don-vi/so-tu-phap", status: 200})
	f.run(t, scenario{path: "/metrics", status: 200, want: []string{
		`cong_http_requests_total{code="200",route="GET /don-vi/{code}"} 1`,
		"cong_http_request_duration_seconds_bucket", "go_sql_open_connections",
	}})
}

func TestAPIErrorsAreJSON(t *testing.T) {
	f := newFixture(t)
	_, body := f.run(t, scenario{path: "/api/v1/units/none", status: 404})
	var e struct {
		Error struct{ Code, Message, RequestID string }
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != "not_found" {
		t.Fatalf("error envelope: %v %s", err, body)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{path: "/sitemap.xml", status: 200, want: []string{"<urlset", "/don-vi/so-tu-phap</loc>", "/en/units/so-tu-phap</loc>", `hreflang="en"`}, notWant: []string{"quan-hoan-kiem"}})
	f.run(t, scenario{path: "/robots.txt", status: 200, want: []string{"Disallow: /quan-tri/", "Sitemap: "}})
}

// The page cache serves anonymous pages from memory, but a write drops
// them at once, and staff sessions never see cached pages.
func TestPageCache(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{path: "/don-vi?view=list&q=ba+vi", status: 200, want: []string{"0 đơn vị"}})
	res, _ := f.run(t, scenario{path: "/don-vi?view=list&q=ba+vi", status: 200})
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("second request was not served from the cache (no ETag)")
	}
	f.run(t, scenario{path: "/don-vi?view=list&q=ba+vi", header: map[string]string{"If-None-Match": etag}, status: 304})
	ctx := context.Background()
	city, _ := f.db.FindUnitByCode(ctx, "01")
	u := &unit.Unit{Code: "00278", Kind: unit.Commune, ParentID: city.ID, NameVI: "Xã Ba Vì", Active: true}
	if err := f.db.CreateUnit(ctx, u, &audit.Entry{At: time.Now().UTC(), Action: "unit.create"}); err != nil {
		t.Fatal(err)
	}
	f.run(t, scenario{path: "/don-vi?view=list&q=ba+vi", status: 200, want: []string{"Xã Ba Vì", "1 đơn vị"}})
	res, _ = f.run(t, scenario{path: "/don-vi?view=list&q=ba+vi", header: map[string]string{"Cookie": "__Host-cong_sid=x"}, status: 200})
	if res.Header.Get("ETag") != "" {
		t.Error("a request with a staff session cookie was answered from the cache")
	}
}

// testKeys is the portal's keyring, as serve has one: TOTP secrets are
// sealed and logins get device tokens.
func testKeys(t testing.TB) *keyring.Keyring {
	t.Helper()
	k, err := keyring.New([]byte(strings.Repeat("w", 32)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}
