package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
)

// A method a path does not take, and a static URL that names no file, get
// the portal's error page or JSON envelope, not the mux's plain text; a
// 405 names the methods the path takes.
func TestUnmatchedRequestsUseTheErrorRenderer(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		scenario
		allow string // the Allow header, "" for none
		ctype string // the Content-Type prefix
	}{
		{scenario{name: "api 405", method: "POST", path: "/api/v1/units", status: 405,
			want: []string{`"code":"method_not_allowed"`, `"message":"Phương thức không được hỗ trợ."`, `"request_id":"`}},
			"GET, HEAD", "application/json"},
		{scenario{name: "api 405 in English", method: "DELETE", path: "/api/v1/units/so-tu-phap", header: map[string]string{"Accept-Language": "en"}, status: 405,
			want: []string{`"code":"method_not_allowed"`, `"message":"Method not allowed."`}},
			"GET, HEAD", "application/json"},
		{scenario{name: "api 405 for a POST-only path", path: "/api/v1/centre/events", status: 405, want: []string{`"code":"method_not_allowed"`}},
			"POST", "application/json"},
		{scenario{name: "api 404", path: "/api/v1/khong-co", status: 404, want: []string{`"code":"not_found"`}},
			"", "application/json"},
		{scenario{name: "api 404 for any method", method: "PUT", path: "/api/v1/khong-co", status: 404, want: []string{`"code":"not_found"`}},
			"", "application/json"},
		{scenario{name: "page 405", method: "DELETE", path: "/don-vi", status: 405,
			want: []string{`<html lang="vi">`, "Phương thức không được hỗ trợ.", "Mã yêu cầu"}, notWant: []string{"Method Not Allowed"}},
			"GET, HEAD", "text/html"},
		{scenario{name: "page 405 in English", method: "PUT", path: "/en/units/so-tu-phap", status: 405,
			want: []string{`<html lang="en">`, "Method not allowed."}},
			"GET, HEAD", "text/html"},
		{scenario{name: "page 404 for any method", method: "DELETE", path: "/khong-co-trang-nay", status: 404, want: []string{"Mã yêu cầu"}},
			"", "text/html"},
		{scenario{name: "static 404", path: "/static/nope.css", status: 404, want: []string{"Không tìm thấy", "Mã yêu cầu"}, notWant: []string{"404 page not found"}},
			"", "text/html"},
		{scenario{name: "static 404 for an old hash", path: "/static/app.00000000.css", status: 404, want: []string{"Mã yêu cầu"}},
			"", "text/html"},
		{scenario{name: "static 405", method: "POST", path: "/static/nope.css", status: 405, want: []string{"Phương thức không được hỗ trợ."}},
			"GET, HEAD", "text/html"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, _ := f.run(t, c.scenario)
			if got := res.Header.Get("Allow"); got != c.allow {
				t.Errorf("Allow = %q, want %q", got, c.allow)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
				t.Errorf("Content-Type = %q, want %s", ct, c.ctype)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("security headers missing")
			}
		})
	}
}

// A static file names Accept-Encoding in Vary once, whichever encoding it
// is sent in.
func TestStaticVaryOnce(t *testing.T) {
	f := newFixture(t)
	_, home := f.run(t, scenario{path: "/", status: 200})
	css := regexp.MustCompile(`/static/app\.[0-9a-f]+\.css`).FindString(home)
	if css == "" {
		t.Fatal("home page links no stylesheet")
	}
	for _, enc := range []string{"", "gzip", "br, gzip"} {
		res, _ := f.run(t, scenario{path: css, header: map[string]string{"Accept-Encoding": enc}, status: 200})
		if got := res.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary = %q, want one Accept-Encoding", enc, got)
		}
	}
}

// The API's error messages follow Accept-Language (English for en,
// Vietnamese otherwise); pages keep the language of their path.
func TestAPIErrorsFollowAcceptLanguage(t *testing.T) {
	f := newFixture(t)
	const (
		numberVI = "Vui lòng nhập một số."
		numberEN = "Please enter a number."
	)
	for _, c := range []struct {
		accept, lang, field string
	}{
		{"", "vi", numberVI},
		{"vi", "vi", numberVI},
		{"en", "en", numberEN},
		{"en-US,en;q=0.9,vi;q=0.8", "en", numberEN},
		{"vi-VN,vi;q=0.9,en;q=0.8", "vi", numberVI},
		{"fr", "vi", numberVI},
		{"fr, en;q=0.5", "en", numberEN},
	} {
		t.Run("accept "+c.accept, func(t *testing.T) {
			header := map[string]string{}
			if c.accept != "" {
				header["Accept-Language"] = c.accept
			}
			res, body := f.run(t, scenario{path: "/api/v1/units?limit=0&kind=x", header: header, status: 422})
			var env struct {
				Error struct {
					Code, Message string
					Fields        map[string]string
				}
			}
			if err := json.Unmarshal([]byte(body), &env); err != nil {
				t.Fatalf("%v\n%s", err, body)
			}
			if env.Error.Code != "invalid" || env.Error.Fields["limit"] != c.field {
				t.Errorf("envelope %+v, want limit: %q", env.Error, c.field)
			}
			want := map[string]string{"vi": "Vui lòng chọn một giá trị trong danh sách.", "en": "Please choose a value from the list."}[c.lang]
			if env.Error.Fields["kind"] != want {
				t.Errorf("kind: %q, want %q", env.Error.Fields["kind"], want)
			}
			if got := res.Header.Get("Content-Language"); got != c.lang {
				t.Errorf("Content-Language = %q, want %q", got, c.lang)
			}
			if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Language") {
				t.Errorf("Vary = %q lacks Accept-Language", res.Header.Values("Vary"))
			}
		})
	}
	f.run(t, scenario{name: "api 404 en", path: "/api/v1/units/khong-co", header: map[string]string{"Accept-Language": "en"}, status: 404,
		want: []string{`"code":"not_found"`, `"message":"Unit not found."`}})
	f.run(t, scenario{name: "api 404 vi", path: "/api/v1/units/khong-co", status: 404, want: []string{`"message":"Không tìm thấy đơn vị."`}})
	// Pages: the path decides, not the header.
	f.run(t, scenario{name: "page ignores the header", path: "/don-vi/khong-co", header: map[string]string{"Accept-Language": "en"}, status: 404,
		want: []string{`<html lang="vi">`, "Không tìm thấy đơn vị."}})
	f.run(t, scenario{name: "en page ignores the header", path: "/en/units/no-such", header: map[string]string{"Accept-Language": "vi"}, status: 404,
		want: []string{`<html lang="en">`, "Unit not found."}})
}

// syncBuffer is a log destination the server writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newBareServer serves db with the unit directory only, logging JSON
// lines to log.
func newBareServer(t *testing.T, db *sqlstore.DB, log io.Writer) *httptest.Server {
	t.Helper()
	s, err := web.New(web.Deps{Config: config.Default(), Logger: slog.New(slog.NewJSONHandler(log, nil)), DB: db,
		Units: unit.NewService(db), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// An internal error (here: the database went away) answers 500 with the
// request ID and a generic message; its cause is logged with the request
// ID and never shown.
func TestInternalErrorLoggedNotShown(t *testing.T) {
	db := storetest.New(t)
	seedUnits(t, db)
	var log syncBuffer
	ts := newBareServer(t, db, &log)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ path, want string }{
		{"/api/v1/units", `"code":"internal"`},
		{"/don-vi/so-tu-phap", "Đã có lỗi trong hệ thống"},
	} {
		id := fmt.Sprintf("test-request-%d", i)
		req, _ := http.NewRequest("GET", ts.URL+c.path, nil)
		req.Header.Set("X-Request-ID", id)
		status, body := do(t, req)
		if status != 500 || !strings.Contains(body, c.want) || !strings.Contains(body, id) {
			t.Errorf("%s: %d, want 500 with %q and the request ID\n%s", c.path, status, c.want, trim(body))
		}
		for _, leak := range []string{"closed", "sql", "sqlite", "pgx", "sqlstore", "unit."} {
			if strings.Contains(strings.ToLower(body), leak) {
				t.Errorf("%s: the body shows the cause (%q)\n%s", c.path, leak, trim(body))
			}
		}
		var failed map[string]any
		for line := range strings.SplitSeq(log.String(), "\n") {
			if strings.Contains(line, `"msg":"request failed"`) && strings.Contains(line, `"request_id":"`+id+`"`) {
				json.Unmarshal([]byte(line), &failed)
			}
		}
		if failed == nil {
			t.Fatalf("%s: no error logged with request ID %s:\n%s", c.path, id, log.String())
		}
		if failed["level"] != "ERROR" || failed["status"] != float64(500) || !strings.Contains(fmt.Sprint(failed["err"]), "closed") {
			t.Errorf("%s: logged %v, want level ERROR, status 500 and the cause", c.path, failed)
		}
	}
}

// /readyz answers 503 when the database cannot be reached or has
// migrations to apply, and says which without details.
func TestReadyzNotReady(t *testing.T) {
	t.Run("database closed", func(t *testing.T) {
		db := storetest.New(t)
		ts := newBareServer(t, db, io.Discard)
		db.Close()
		res, body := getURL(t, ts.URL+"/readyz")
		if res.StatusCode != 503 || !strings.Contains(body, `"database":"unreachable"`) || !strings.Contains(body, `"status":"not ready"`) {
			t.Errorf("%d %s", res.StatusCode, body)
		}
		if strings.Contains(body, "closed") || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("cause shown or cacheable: %v %s", res.Header, body)
		}
	})
	t.Run("migrations pending", func(t *testing.T) {
		db, err := sqlstore.Open(context.Background(), storetest.Options(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ts := newBareServer(t, db, io.Discard)
		res, body := getURL(t, ts.URL+"/readyz")
		if res.StatusCode != 503 || !strings.Contains(body, `"migrations":"pending"`) || !strings.Contains(body, `"database":"ok"`) {
			t.Errorf("%d %s", res.StatusCode, body)
		}
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		if res, body := getURL(t, ts.URL+"/readyz"); res.StatusCode != 200 || !strings.Contains(body, `"status":"ready"`) {
			t.Errorf("after migrating: %d %s", res.StatusCode, body)
		}
	})
}

// getURL GETs u with the header names and values given in pairs and
// returns the response with its body read.
func getURL(t *testing.T, u string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// A client behind the trusted proxy cannot escape the per-address limit
// by sending its own X-Forwarded-For: the proxy appends the real address,
// and that rightmost entry is the one counted.
func TestSpoofedForwardedForKeepsTheAddressLimit(t *testing.T) {
	f := newDossierFixture(t)
	for i := range 8 {
		f.post(t, "/tra-cuu-ho-so", url.Values{"code": {fmt.Sprintf("HS-%d", 300+i)}, "factor": {"5678"}},
			"X-Forwarded-For", fmt.Sprintf("203.0.113.%d, 10.4.0.1", i))
	}
	res, _ := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-400"}, "factor": {"5678"}}, "X-Forwarded-For", "203.0.113.99, 10.4.0.1")
	if res.StatusCode != 429 {
		t.Errorf("ninth lookup with a new spoofed entry: %d, want 429", res.StatusCode)
	}
	// Another real address is not limited.
	if res, _ := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-401"}, "factor": {"5678"}}, "X-Forwarded-For", "10.4.0.1, 10.4.0.2"); res.StatusCode == 429 {
		t.Error("the spoofed address 10.4.0.1 on the left was counted for 10.4.0.2")
	}
}
