package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

const eventsPath = "/api/v1/centre/events"

// centreFixture is a server with the centre API, two centres and a
// client for each; centre A maps TN, DXL, CKQ and DTKQ.
type centreFixture struct {
	*fixture
	api          *openAPI
	credA, credB centreapi.Credentials
}

func newCentreFixture(t *testing.T) *centreFixture {
	t.Helper()
	db := storetest.New(t)
	seedUnits(t, db)
	ctx := context.Background()
	city, _ := db.FindUnitByCode(ctx, "01")
	for _, code := range []string{"hcc-a", "hcc-b"} {
		u := &unit.Unit{Code: code, Kind: unit.Centre, ParentID: city.ID, NameVI: "Trung tâm " + code, Active: true}
		if err := db.CreateUnit(ctx, u, &audit.Entry{Action: "unit.create"}); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := keyring.New([]byte(strings.Repeat("k", 32)))
	svc, err := centreapi.NewService(centreapi.Deps{Store: db, Units: unit.NewService(db), Calendars: cal, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	admin := access.WithActor(ctx, account.SystemActor("test"))
	f := &centreFixture{api: loadOpenAPI(t)}
	_, f.credA, _ = svc.CreateClient(admin, "hcc-a", "A")
	_, f.credB, err = svc.CreateClient(admin, "hcc-b", "B")
	if err != nil {
		t.Fatal(err)
	}
	for code, st := range map[string]dossier.Status{"TN": dossier.Received, "DXL": dossier.InProcessing, "CKQ": dossier.ResultReady, "DTKQ": dossier.Returned} {
		if err := svc.SetStatusMapping(admin, "hcc-a", code, st); err != nil {
			t.Fatal(err)
		}
	}
	s, err := web.New(web.Deps{Config: config.Default(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db,
		Units: unit.NewService(db), Calendar: cal, Accounts: account.NewService(db, account.Config{}), Audit: db,
		Search: newIndex(t, db), Version: "test", Centre: svc})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	f.fixture = &fixture{t: t, db: db, cal: cal, srv: ts}
	return f
}

// send posts body signed with cred at t (zero: now) and returns the
// status and body; a nil cred sends no signature.
func (f *centreFixture) send(t *testing.T, cred *centreapi.Credentials, at time.Time, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if at.IsZero() {
		at = time.Now()
	}
	if cred != nil {
		req.Header.Set("Authorization", centreapi.Authorization(*cred, "POST", eventsPath, at, []byte(body)))
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// check sends body and checks the status, the substrings and the schema.
func (f *centreFixture) check(t *testing.T, cred *centreapi.Credentials, at time.Time, body string, status int, want ...string) string {
	t.Helper()
	got, out := f.send(t, cred, at, body)
	if got != status {
		t.Fatalf("status %d, want %d\n%s", got, status, trim(out))
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("body lacks %q\n%s", w, trim(out))
		}
	}
	f.api.validate(t, "POST", eventsPath, status, out)
	return out
}

func batch(items ...string) string { return `{"items":[` + strings.Join(items, ",") + `]}` }

func dossierItem(eventID, code string) string {
	return fmt.Sprintf(`{"type":"dossier","event_id":%q,"receipt_code":%q,"procedure_code":"1.002425","channel":"online",
		"applicant_name":"Nguyễn Văn An","phone":"0912345678","received_at":"2025-04-29T10:00:00+07:00",
		"appointment_at":"2025-05-06T17:00:00+07:00","status":"TN"}`, eventID, code)
}

func statusItem(eventID, code, status, at string) string {
	return fmt.Sprintf(`{"type":"status","event_id":%q,"receipt_code":%q,"status":%q,"at":%q}`, eventID, code, status, at)
}

func TestCentreEventsAPI(t *testing.T) {
	f := newCentreFixture(t)
	a, b := &f.credA, &f.credB
	first := batch(dossierItem("e1", "HS-1"), statusItem("e2", "HS-1", "DXL", "2025-05-02T08:00:00+07:00"))
	f.check(t, a, time.Time{}, first, 200, `"ok":2`, `"result":"ok","receipt_code":"HS-1"`)
	f.check(t, a, time.Time{}, first, 200, `"duplicate":2`, `"ok":0`)

	// Out of order: the return arrives before the result.
	f.check(t, a, time.Time{}, batch(statusItem("e4", "HS-1", "DTKQ", "2025-05-08T09:00:00+07:00")), 200, `"ok":1`)
	f.check(t, a, time.Time{}, batch(statusItem("e3", "HS-1", "CKQ", "2025-05-07T10:00:00+07:00")), 200, `"ok":1`)
	d, err := f.db.FindDossierByReceipt(context.Background(), "HS-1")
	if err != nil || d.Status != dossier.Returned || len(d.History) != 4 || d.History[2].EventID != "e3" {
		t.Fatalf("after out-of-order events: %v %+v", err, d)
	}

	// Per-item errors: an unmapped code, a wrong JSON type, another
	// centre's dossier; the valid item in between is committed.
	out := f.check(t, a, time.Time{}, batch(
		statusItem("e5", "HS-1", "NOPE", "2025-05-09T09:00:00+07:00"),
		`{"type":"status","event_id":"e6","receipt_code":"HS-1","at":12}`,
		dossierItem("e7", "HS-2"),
	), 200, `"code":"unmapped_status"`, `Mã trạng thái \"NOPE\" chưa được ánh xạ`, `"code":"invalid"`, `field \"at\" must be string`, `"ok":1,"duplicate":0,"error":2`)
	var res struct {
		Results []struct{ Result string }
	}
	json.Unmarshal([]byte(out), &res)
	if len(res.Results) != 3 || res.Results[2].Result != "ok" {
		t.Errorf("results %+v", res.Results)
	}
	f.check(t, a, time.Time{}, batch(statusItem("e8", "HS-404", "DXL", "2025-05-02T08:00:00+07:00")), 200,
		`"code":"unknown_dossier"`, "Chưa có hồ sơ")
	f.check(t, b, time.Time{}, batch(statusItem("b1", "HS-1", "X", "2025-05-09T09:00:00+07:00")), 200, `"code":"unmapped_status"`)
	bDossier := strings.Replace(dossierItem("b2", "HS-2"), `"status":"TN"`, `"status_text":"x"`, 1)
	f.check(t, b, time.Time{}, batch(bDossier), 200, `"code":"forbidden"`, `thuộc bộ phận một cửa khác`)
}

func TestCentreEventsRefusals(t *testing.T) {
	f := newCentreFixture(t)
	a := &f.credA
	one := batch(dossierItem("e1", "HS-1"))
	f.check(t, nil, time.Time{}, one, 401, `"code":"unauthorized"`)
	wrong := centreapi.Credentials{KeyID: a.KeyID, Secret: f.credB.Secret}
	f.check(t, &wrong, time.Time{}, one, 401, "chữ ký sai")
	f.check(t, a, time.Now().Add(-10*time.Minute), one, 401, "lệch quá 5 phút")
	f.check(t, a, time.Now().Add(10*time.Minute), one, 401, "lệch quá 5 phút")

	// A replay: the same signed request twice.
	req := func() *http.Request {
		r, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(one))
		return r
	}
	h := centreapi.Authorization(*a, "POST", eventsPath, time.Now(), []byte(one))
	r1, r2 := req(), req()
	r1.Header.Set("Authorization", h)
	r2.Header.Set("Authorization", h)
	if st, body := do(t, r1); st != 200 {
		t.Fatalf("first: %d %s", st, body)
	}
	st, body := do(t, r2)
	if st != 401 || !strings.Contains(body, "nonce") {
		t.Errorf("replay: %d %s", st, body)
	}
	f.api.validate(t, "POST", eventsPath, st, body)

	f.check(t, a, time.Time{}, `{"items":[{"type":"status",}]}`, 400, `"code":"malformed"`, "byte")
	f.check(t, a, time.Time{}, `{"itms":[]}`, 400, `"code":"malformed"`, "unknown field")
	f.check(t, a, time.Time{}, `{"items":[]}`, 422, "từ 1 đến 1000 mục")
	many := make([]string, centreapi.MaxBatch+1)
	for i := range many {
		many[i] = statusItem(fmt.Sprint("m", i), "HS-1", "DXL", "2025-05-02T08:00:00+07:00")
	}
	f.check(t, a, time.Time{}, batch(many...), 422)
	huge := `{"items":[` + dossierItem("big", "HS-9") + `],"pad":"` + strings.Repeat("x", 8<<20) + `"}`
	f.check(t, a, time.Time{}, huge, 413, `"code":"too_large"`)
	if got, _ := f.send(t, a, time.Time{}, one); got != 200 {
		t.Errorf("after the refusals a good request answers %d", got)
	}
}
