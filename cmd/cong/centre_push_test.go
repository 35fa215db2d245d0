package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

// pushFixture is the real server (web.New with the centre API) on a fresh
// database behind a proxy that can fail requests, a centre "hcc-a" with a
// client whose credentials are in keyFile, and codes TN and DXL mapped.
type pushFixture struct {
	db      *sqlstore.DB
	url     string
	keyFile string
	// failNext makes the proxy answer 503 without passing the request on;
	// loseNext passes it on, then answers 502, as if the answer were lost.
	failNext, loseNext atomic.Int32
	requests           atomic.Int32
}

func newPushFixture(t *testing.T) *pushFixture {
	t.Helper()
	f := &pushFixture{db: storetest.New(t)}
	ctx := context.Background()
	centre := &unit.Unit{Code: "hcc-a", Kind: unit.Centre, NameVI: "Trung tâm A", Active: true}
	if err := f.db.CreateUnit(ctx, centre, &audit.Entry{Action: "unit.create"}); err != nil {
		t.Fatal(err)
	}
	cal, _ := workcal.NewService(f.db, calendar.Options{})
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	svc, err := newCentreService(cfg, f.db, cal, nil)
	if err != nil {
		t.Fatal(err)
	}
	admin := access.WithActor(ctx, account.SystemActor("test"))
	_, cred, err := svc.CreateClient(admin, "hcc-a", "")
	if err != nil {
		t.Fatal(err)
	}
	for code, st := range map[string]dossier.Status{"TN": dossier.Received, "DXL": dossier.InProcessing} {
		if err := svc.SetStatusMapping(admin, "hcc-a", code, st); err != nil {
			t.Fatal(err)
		}
	}
	f.keyFile = filepath.Join(t.TempDir(), "key.json")
	b, _ := json.Marshal(cred)
	os.WriteFile(f.keyFile, b, 0o600)
	srv, err := web.New(web.Deps{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: f.db,
		Units: unit.NewService(f.db), Calendar: cal, Accounts: account.NewService(f.db, account.Config{}), Audit: f.db,
		Version: "test", Centre: svc})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(f.proxy(srv.Handler()))
	t.Cleanup(ts.Close)
	f.url = ts.URL
	return f
}

// proxy passes requests to h, failing or losing them when asked.
func (f *pushFixture) proxy(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		if f.failNext.Add(-1) >= 0 {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if f.loseNext.Add(-1) >= 0 {
			h.ServeHTTP(httptest.NewRecorder(), r)
			http.Error(w, "bad gateway", http.StatusBadGateway)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// push runs "cong centre push" with args and returns its output.
func (f *pushFixture) push(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	env := &cmdEnv{stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
	all := append([]string{"centre", "push", "--url", f.url, "--key-file", f.keyFile, "--backoff", "5ms"}, args...)
	err := run(context.Background(), env, all)
	return out.String(), err
}

func (f *pushFixture) count(t *testing.T, q string) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// jsonLines returns n dossiers, each an upsert and a status event.
func jsonLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"type":"dossier","event_id":"d%d","receipt_code":"HS-%d","procedure_code":"1.002425","channel":"post",`+
			`"applicant_name":"Trần Thị B","phone":"0987654321","received_at":"2025-04-29T10:00:00+07:00",`+
			`"appointment_at":"2025-05-06T17:00:00+07:00","status":"TN"}`+"\n", i, i)
		fmt.Fprintf(&b, `{"type":"status","event_id":"s%d","receipt_code":"HS-%d","status":"DXL","at":"2025-05-02T08:00:00+07:00"}`+"\n\n", i, i)
	}
	return b.String()
}

func TestCentrePushRetriesWithoutDuplicates(t *testing.T) {
	f := newPushFixture(t)
	file := writeFile(t, "export.jsonl", jsonLines(25))
	f.failNext.Store(2) // the first batch fails twice before it gets through
	f.loseNext.Store(0)
	out, err := f.push(t, "--batch", "20", file)
	if err != nil {
		t.Fatalf("push: %v\n%s", err, out)
	}
	if !strings.Contains(out, "sent 50 items: ok 50, duplicate 0, error 0") {
		t.Errorf("output:\n%s", out)
	}
	// The answer to a committed batch is lost: the retry reports duplicates.
	f.loseNext.Store(1)
	out, err = f.push(t, "--batch", "50", file)
	if err != nil || !strings.Contains(out, "sent 50 items: ok 0, duplicate 50, error 0") {
		t.Errorf("re-push: %v\n%s", err, out)
	}
	if n := f.count(t, "SELECT COUNT(*) FROM dossier_events"); n != 50 {
		t.Errorf("%d events stored, want 50", n)
	}
	if n := f.count(t, "SELECT COUNT(*) FROM dossiers WHERE status = 'in_processing'"); n != 25 {
		t.Errorf("%d dossiers in processing, want 25", n)
	}
}

func TestCentrePushCSV(t *testing.T) {
	f := newPushFixture(t)
	csv := "\ufefftype,event_id,receipt_code,procedure_code,channel,applicant_name,phone,received_at,appointment_at,status,at,public_note\n" +
		"dossier,c1,HS-C1,1.002425,in_person,Lê Văn C,0911222333,2025-04-29T10:00:00+07:00,2025-05-06T17:00:00+07:00,TN,,\n" +
		`status,c2,HS-C1,,,,,,,DXL,2025-05-02T08:00:00+07:00,"Đang thẩm định, chờ ý kiến"` + "\n" +
		"status,c3,HS-C1,,,,,,,ZZZ,2025-05-03T08:00:00+07:00,\n"
	out, err := f.push(t, writeFile(t, "export.csv", csv))
	if err == nil || !strings.Contains(err.Error(), "1 items were refused") {
		t.Errorf("push: %v", err)
	}
	for _, want := range []string{"sent 3 items: ok 2, duplicate 0, error 1", "line 4 (event c3): unmapped_status"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	d, err := f.db.FindDossierByReceipt(context.Background(), "HS-C1")
	if err != nil || d.Status != dossier.InProcessing || d.History[1].PublicNote != "Đang thẩm định, chờ ý kiến" {
		t.Errorf("dossier: %v %+v", err, d)
	}
}

func TestCentrePushStopsOnPermanentErrors(t *testing.T) {
	f := newPushFixture(t)
	file := writeFile(t, "export.jsonl", jsonLines(2))
	bad := writeFile(t, "key.json", `{"key_id":"ck_aaaaaaaaaaaaaaaaaaaa","secret":"nope"}`)
	f.keyFile = bad
	before := f.requests.Load()
	_, err := f.push(t, file)
	if err == nil || !strings.Contains(err.Error(), "HTTP 401") {
		t.Errorf("bad key: %v", err)
	}
	if n := f.requests.Load() - before; n != 1 {
		t.Errorf("a 401 was retried: %d requests", n)
	}
	if _, err := f.push(t, writeFile(t, "broken.jsonl", "{\"type\":\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("broken file: %v", err)
	}
	if _, err := f.push(t, writeFile(t, "x.csv", "type,colour\n")); err == nil || !strings.Contains(err.Error(), "unknown column") {
		t.Errorf("bad csv: %v", err)
	}
}
