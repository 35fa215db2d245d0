package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
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
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

// dossierFixture is a server with the centre API on the hooked store
// (statistics and notifications), the lookup with small limits (4 failed
// attempts per code, 8 per address) and the statistics.
type dossierFixture struct {
	*fixture
	api  *openAPI
	cred centreapi.Credentials
	ops  *opsServices
}

// testProcedures stands in for the procedure catalogue: birth
// registration in 3 working days, certification in 1.
type testProcedures struct{}

func (testProcedures) LookupProcedure(_ context.Context, code string, _ dossier.Channel) (dossier.ProcedureInfo, error) {
	switch code {
	case "1.001193":
		return dossier.ProcedureInfo{Code: code, Name: "Thủ tục đăng ký khai sinh", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}}, nil
	case "2.000815":
		return dossier.ProcedureInfo{Code: code, Name: "Chứng thực bản sao từ bản chính", TimeLimit: dossier.TimeLimit{Value: 1, Unit: dossier.WorkingDays}}, nil
	}
	return dossier.ProcedureInfo{}, errs.E("test", errs.NotFound)
}

func newDossierFixture(t *testing.T) *dossierFixture {
	t.Helper()
	db := storetest.New(t)
	seedUnits(t, db)
	ctx := context.Background()
	city, _ := db.FindUnitByCode(ctx, "01")
	if err := db.CreateUnit(ctx, &unit.Unit{Code: "hcc-a", Kind: unit.Centre, ParentID: city.ID, NameVI: "Trung tâm phục vụ hành chính công A",
		NameEN: "Public Service Centre A", Active: true}, &audit.Entry{Action: "unit.create"}); err != nil {
		t.Fatal(err)
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := keyring.New([]byte(strings.Repeat("k", 32)))
	ops := newOpsServices(t, db)
	cat, _ := i18n.Load()
	hooks := dossier.ChangeHooks{dossier.NewStatsKeeper(db, cal), dossier.NewStatusNotifier(db, keys, ops.notify, cat, "https://cong.example", nil)}
	units := unit.NewService(db)
	svc, err := centreapi.NewService(centreapi.Deps{Store: db.CentreStore(hooks), Units: units, Calendars: cal, Keys: keys, Procedures: testProcedures{}})
	if err != nil {
		t.Fatal(err)
	}
	admin := access.WithActor(ctx, account.SystemActor("test"))
	f := &dossierFixture{api: loadOpenAPI(t), ops: ops}
	if _, f.cred, err = svc.CreateClient(admin, "hcc-a", "A"); err != nil {
		t.Fatal(err)
	}
	for code, st := range map[string]dossier.Status{"TN": dossier.Received, "DXL": dossier.InProcessing, "BS": dossier.SupplementRequested,
		"CKQ": dossier.ResultReady, "DTKQ": dossier.Returned} {
		if err := svc.SetStatusMapping(admin, "hcc-a", code, st); err != nil {
			t.Fatal(err)
		}
	}
	lookup, err := dossier.NewLookupService(dossier.LookupDeps{Store: db, Rates: db, Keys: keys, Calendars: cal, Units: units,
		Config: dossier.LookupConfig{PerCode: 4, PerIP: 8}, Send: ops.notify, BaseURL: "https://cong.example"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.TrustProxy = true // the tests vary X-Forwarded-For to act from several addresses
	s, err := web.New(web.Deps{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db,
		Units: units, Calendar: cal, Accounts: account.NewService(db, account.Config{}), Audit: db, Search: newIndex(t, db),
		Version: "test", Centre: svc, Notify: ops.notify, Lookup: lookup, Stats: dossier.NewStatsService(db, units, cal)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	f.fixture = &fixture{t: t, db: db, cal: cal, srv: ts}
	return f
}

// ingest sends items signed by the centre and requires each to be ok.
func (f *dossierFixture) ingest(t *testing.T, items ...string) {
	t.Helper()
	body := batch(items...)
	req, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", centreapi.Authorization(f.cred, "POST", eventsPath, time.Now(), []byte(body)))
	status, out := do(t, req)
	if status != 200 || !strings.Contains(out, fmt.Sprintf(`"ok":%d`, len(items))) {
		t.Fatalf("ingest: %d %s", status, trim(out))
	}
}

// newDossier is a dossier item received at recv under procedure proc,
// with a public note, an internal note and a centre status naming an
// officer: only the public note may ever reach a citizen.
func newDossier(id, code, proc, recv string) string {
	return fmt.Sprintf(`{"type":"dossier","event_id":%q,"receipt_code":%q,"procedure_code":%q,"channel":"online",
		"applicant_name":"Nguyễn Văn An","phone":"0912345678","email":"an.nguyen@example.com","received_at":%q,"status":"TN",
		"status_text":"Cán bộ Trần Thị Bình tiếp nhận","public_note":"Đã tiếp nhận hồ sơ.","internal_note":"Ghi chú nội bộ: thiếu chữ ký"}`,
		id, code, proc, recv)
}

func status(id, code, st, at, note string) string {
	return fmt.Sprintf(`{"type":"status","event_id":%q,"receipt_code":%q,"status":%q,"at":%q,"public_note":%q,
		"status_text":"Chuyên viên Lê Văn Cường thụ lý","internal_note":"Nội bộ: chờ lãnh đạo ký"}`, id, code, st, at, note)
}

// post sends a form and returns the response and its body.
func (f *dossierFixture) post(t *testing.T, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
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

var tokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

func TestDossierLookup(t *testing.T) {
	f := newDossierFixture(t)
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"),
		status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", "Chuyển phòng Tư pháp giải quyết."))

	res, body := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {"5678"}})
	if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("lookup: %d %q\n%s", res.StatusCode, res.Header.Get("Cache-Control"), trim(body))
	}
	for _, want := range []string{"Nguyễn V** A**", "Thủ tục đăng ký khai sinh", "Đang giải quyết", "Chuyển phòng Tư pháp giải quyết.",
		"Đã tiếp nhận hồ sơ.", "17:00 06/05/2025", "bỏ qua 30/04", "hạn trả 06/05/2025",
		"quá hạn", `name="token"`, "Trung tâm phục vụ hành chính công A"} {
		if !strings.Contains(body, want) {
			t.Errorf("result lacks %q", want)
		}
	}
	for _, leak := range []string{"Nguyễn Văn An", "0912345678", "5678", "an.nguyen", "Trần Thị Bình", "Lê Văn Cường", "Nội bộ", "nội bộ", "thiếu chữ ký"} {
		if strings.Contains(body, leak) {
			t.Errorf("result shows %q", leak)
		}
	}
	// English, with the explanation in English.
	if _, body := f.post(t, "/en/dossier-status", url.Values{"code": {"HS-1"}, "factor": {"56-78"}}); !strings.Contains(body, "Being processed") ||
		!strings.Contains(body, "due 06/05/2025") {
		t.Errorf("English result:\n%s", trim(body))
	}

	// A wrong factor and a wrong code get the same answer.
	r1, b1 := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {"1111"}}, "X-Forwarded-For", "10.0.0.1")
	r2, b2 := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-9"}, "factor": {"5678"}}, "X-Forwarded-For", "10.0.0.1")
	if r1.StatusCode != r2.StatusCode || r1.StatusCode != 404 || strings.ReplaceAll(b1, "HS-1", "HS-X") != strings.ReplaceAll(b2, "HS-9", "HS-X") {
		t.Errorf("wrong factor %d and wrong code %d differ", r1.StatusCode, r2.StatusCode)
	}
	if !strings.Contains(b1, "Không tìm thấy hồ sơ với mã hồ sơ và số kiểm tra này") || r1.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("wrong factor answer:\n%s", trim(b1))
	}
	// A malformed factor is a form error, not an attempt.
	if res, body := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {"12"}}); res.StatusCode != 422 ||
		!strings.Contains(body, `aria-describedby="f-factor-hint f-factor-err"`) {
		t.Errorf("malformed factor: %d\n%s", res.StatusCode, trim(body))
	}
}

func TestDossierLookupRateLimit(t *testing.T) {
	f := newDossierFixture(t)
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	// Enumerating factors of one code from many addresses: the code's
	// counter stops it after 4 failures, even for the right factor.
	for i := range 4 {
		res, _ := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {fmt.Sprintf("%04d", i)}}, "X-Forwarded-For", fmt.Sprintf("10.1.0.%d", i))
		if res.StatusCode != 404 {
			t.Fatalf("attempt %d: %d", i, res.StatusCode)
		}
	}
	res, body := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {"5678"}}, "X-Forwarded-For", "10.1.0.9")
	if res.StatusCode != 429 || !strings.Contains(body, "quá nhiều lần tra cứu") || res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("Retry-After") == "" {
		t.Errorf("code limit: %d %v\n%s", res.StatusCode, res.Header, trim(body))
	}
	if _, body := f.post(t, "/en/dossier-status", url.Values{"code": {"HS-1"}, "factor": {"5678"}}, "X-Forwarded-For", "10.1.0.9"); !strings.Contains(body, "Too many unsuccessful lookups") {
		t.Errorf("English 429:\n%s", trim(body))
	}
	// Enumerating codes from one address: the address's counter (8).
	for i := range 8 {
		f.post(t, "/tra-cuu-ho-so", url.Values{"code": {fmt.Sprintf("HS-%d", 100+i)}, "factor": {"5678"}}, "X-Forwarded-For", "10.2.0.1")
	}
	if res, _ := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-200"}, "factor": {"5678"}}, "X-Forwarded-For", "10.2.0.1"); res.StatusCode != 429 {
		t.Errorf("address limit: %d", res.StatusCode)
	}
	// Open311 shares the limits.
	if res, _ := f.get(t, "/open311/v2/requests/HS-1.json?factor=5678", "X-Forwarded-For", "10.1.0.9"); res.StatusCode != 429 {
		t.Errorf("Open311 under the code limit: %d", res.StatusCode)
	}
}

func (f *dossierFixture) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	return getURL(t, f.srv.URL+path, header...)
}

func TestDossierSubscribeAndRate(t *testing.T) {
	f := newDossierFixture(t)
	ctx := context.Background()
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, body := f.post(t, "/tra-cuu-ho-so", url.Values{"code": {"HS-1"}, "factor": {"5678"}})
	m := tokenRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no token:\n%s", trim(body))
	}
	token := m[1]
	if strings.Contains(body, `id="h-rate"`) {
		t.Error("rating offered before the result")
	}
	res, body := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}})
	if res.StatusCode != 200 || !strings.Contains(body, "ci*******@e****.com") || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("subscribe: %d\n%s", res.StatusCode, trim(body))
	}
	// Asking again before confirming sends the confirmation again; it is
	// not an error (see TestSubscriptionDoubleOptIn).
	if res, _ := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}}); res.StatusCode != 200 {
		t.Errorf("second subscription before confirming: %d", res.StatusCode)
	}
	if res, _ := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"sms"}, "address": {"0912345678"}}); res.StatusCode != 422 {
		t.Errorf("SMS without a gateway: %d", res.StatusCode)
	}
	forged := strings.Replace(token, token[len(token)-4:], "0000", 1)
	if res, body := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {forged}, "channel": {"email"}, "address": {"x@example.com"}}); res.StatusCode != 401 ||
		!strings.Contains(body, "hết hạn") {
		t.Errorf("forged token: %d\n%s", res.StatusCode, trim(body))
	}

	// The subscription waits for its confirmation (double opt-in, see
	// TestSubscriptionDoubleOptIn): a status change sends it nothing yet.
	f.ingest(t, status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", "Chuyển phòng Tư pháp."))
	admin := access.WithActor(ctx, account.SystemActor("test"))
	key := dossier.StatusTemplate
	list, _, err := f.ops.notify.FindNotifications(admin, notify.Filter{TemplateKey: &key})
	if err != nil || len(list) != 0 {
		t.Fatalf("status messages to an unconfirmed subscription: %d %v: %+v", len(list), err, list)
	}

	// Rating: refused before the return, accepted once after it.
	if res, body := f.post(t, "/tra-cuu-ho-so/danh-gia", url.Values{"token": {token}, "score": {"5"}}); res.StatusCode != 422 || !strings.Contains(body, "sau khi đã nhận kết quả") {
		t.Errorf("rating too early: %d\n%s", res.StatusCode, trim(body))
	}
	f.ingest(t, status("e4", "HS-1", "CKQ", "2025-05-05T10:00:00+07:00", ""), status("e5", "HS-1", "DTKQ", "2025-05-05T15:00:00+07:00", ""))
	if res, body := f.post(t, "/tra-cuu-ho-so/danh-gia", url.Values{"token": {token}, "score": {"9"}}); res.StatusCode != 422 ||
		!strings.Contains(body, `aria-describedby="f-score-err"`) {
		t.Errorf("bad score: %d\n%s", res.StatusCode, trim(body))
	}
	res, body = f.post(t, "/tra-cuu-ho-so/danh-gia", url.Values{"token": {token}, "score": {"4"}, "comment": {"Nhanh gọn."}})
	if res.StatusCode != 200 || !strings.Contains(body, "Cảm ơn ông/bà đã đánh giá") {
		t.Fatalf("rating: %d\n%s", res.StatusCode, trim(body))
	}
	if res, body := f.post(t, "/tra-cuu-ho-so/danh-gia", url.Values{"token": {token}, "score": {"1"}}); res.StatusCode != 409 || !strings.Contains(body, "đã được đánh giá") {
		t.Errorf("second rating: %d\n%s", res.StatusCode, trim(body))
	}
	_, body = f.get(t, "/api/v1/statistics?from=2025-04&to=2025-05")
	f.api.validate(t, "GET", "/api/v1/statistics", 200, body)
	if !strings.Contains(body, `"ratings":1`) || !strings.Contains(body, `"average_satisfaction":4`) {
		t.Errorf("rating not in the statistics: %s", trim(body))
	}
}

func TestOpen311Request(t *testing.T) {
	f := newDossierFixture(t)
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"),
		status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", "Chuyển phòng Tư pháp."))
	const tmpl = "/open311/v2/requests/{service_request_id}.json"
	for _, sc := range []struct {
		path    string
		status  int
		want    []string
		notWant []string
	}{
		{"/open311/v2/requests/HS-1.json?factor=5678", 200, []string{`"service_request_id":"HS-1"`, `"status":"open"`,
			`"status_notes":"Chuyển phòng Tư pháp."`, `"service_code":"1.001193"`, `"expected_datetime":"2025-05-06T17:00:00+07:00"`,
			`"requested_datetime":"2025-04-29T09:00:00+07:00"`, `"agency_responsible":"Trung tâm phục vụ hành chính công A"`},
			[]string{"Nguyễn", "0912345678", "example.com", "Lê Văn Cường", "Nội bộ", "description", "address"}},
		{"/open311/v2/requests/HS-1.json", 400, []string{"factor"}, nil},
		{"/open311/v2/requests/HS-1.json?factor=1234", 404, []string{`"code":404`}, nil},
		{"/open311/v2/requests/HS-2.json?factor=5678", 404, []string{`"code":404`}, nil},
	} {
		res, body := f.get(t, sc.path)
		if res.StatusCode != sc.status || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q\n%s", sc.path, res.StatusCode, res.Header.Get("Cache-Control"), trim(body))
			continue
		}
		f.api.validate(t, "GET", tmpl, sc.status, body)
		for _, w := range sc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s\n%s", sc.path, w, trim(body))
			}
		}
		for _, w := range sc.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s shows %s", sc.path, w)
			}
		}
	}
	_, wrongFactor := f.get(t, "/open311/v2/requests/HS-1.json?factor=1234")
	_, wrongCode := f.get(t, "/open311/v2/requests/HS-2.json?factor=5678")
	if wrongFactor != wrongCode {
		t.Errorf("wrong factor %q and wrong code %q differ", wrongFactor, wrongCode)
	}
	if res, body := f.get(t, "/open311/v2/requests/HS-1.xml?factor=5678"); res.StatusCode != 200 || !strings.Contains(body, "<service_requests><request><service_request_id>HS-1<") {
		t.Errorf("XML: %d %s", res.StatusCode, trim(body))
	}
}

// TestDossierStatistics checks on-time and late results counted in
// working days against hand-computed appointments (3 working days):
//
//   - A: received Thu 6/3/2025 10:00 → due Tue 11/3 17:00 (weekend
//     skipped); result Mon 10/3: on time (in calendar days it would be late).
//   - B: same receipt; result Wed 12/3 09:00: late.
//   - C: received Tue 29/4 09:00 → due Tue 6/5 17:00 (30/4 and 1/5 are
//     holidays, the weekend too); result Tue 6/5 16:00: on time.
//   - D: same receipt; result Wed 7/5 08:30: late.
//   - E: certification (1 working day) received Thu 13/3 09:00 → due Fri
//     14/3 17:00; result Sat 15/3 10:00: on time (no working time passed).
//   - F: received Thu 20/3 09:00, never finished: overdue now.
//   - G: received Fri 21/3 09:00, awaiting a supplement: in progress, not overdue.
func TestDossierStatistics(t *testing.T) {
	f := newDossierFixture(t)
	result := func(id, code, at string) string { return status(id, code, "CKQ", at, "") }
	f.ingest(t,
		newDossier("a1", "HS-A", "1.001193", "2025-03-06T10:00:00+07:00"), result("a2", "HS-A", "2025-03-10T15:00:00+07:00"),
		newDossier("b1", "HS-B", "1.001193", "2025-03-06T10:00:00+07:00"), result("b2", "HS-B", "2025-03-12T09:00:00+07:00"),
		newDossier("c1", "HS-C", "1.001193", "2025-04-29T09:00:00+07:00"), result("c2", "HS-C", "2025-05-06T16:00:00+07:00"),
		newDossier("d1", "HS-D", "1.001193", "2025-04-29T09:00:00+07:00"), result("d2", "HS-D", "2025-05-07T08:30:00+07:00"),
		newDossier("e1", "HS-E", "2.000815", "2025-03-13T09:00:00+07:00"), result("e2", "HS-E", "2025-03-15T10:00:00+07:00"),
		newDossier("f1", "HS-F", "1.001193", "2025-03-20T09:00:00+07:00"),
		newDossier("g1", "HS-G", "1.001193", "2025-03-21T09:00:00+07:00"), status("g2", "HS-G", "BS", "2025-03-21T10:00:00+07:00", "Bổ sung giấy tờ."),
	)
	res, body := f.get(t, "/api/v1/statistics?from=2025-03&to=2025-05")
	if res.StatusCode != 200 {
		t.Fatalf("statistics: %d %s", res.StatusCode, trim(body))
	}
	f.api.validate(t, "GET", "/api/v1/statistics", 200, body)
	for _, want := range []string{
		`"month":"2025-03","received":5,"received_online":5,"online_share":1,"in_progress":2,"overdue":1,"refused_withdrawn_cancelled":0,"finished_on_time":2,"finished_late":1`,
		`"month":"2025-04","received":2,"received_online":2,"online_share":1,"in_progress":0,"overdue":0,"refused_withdrawn_cancelled":0,"finished_on_time":0,"finished_late":0,"on_time_rate":null`,
		`"month":"2025-05","received":0,"received_online":0,"online_share":null,"in_progress":0,"overdue":0,"refused_withdrawn_cancelled":0,"finished_on_time":1,"finished_late":1,"on_time_rate":0.5`,
		`"total":{"received":7,"received_online":7,"online_share":1,"in_progress":2,"overdue":1,"refused_withdrawn_cancelled":0,"finished_on_time":3,"finished_late":2,"on_time_rate":0.6`,
		`"code":"hcc-a"`, `"code":"1.001193","name":"Thủ tục đăng ký khai sinh","received":6`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("statistics lack %s\n%s", want, trim(body))
		}
	}
	for _, sc := range []scenario{
		{name: "unit filter", path: "/api/v1/statistics?unit=01&from=2025-03&to=2025-03", status: 200, want: []string{`"received":5`}},
		{name: "other unit", path: "/api/v1/statistics?unit=so-tu-phap&from=2025-03&to=2025-03", status: 200, want: []string{`"total":{"received":0`}},
		{name: "procedure filter", path: "/api/v1/statistics?procedure=2.000815&from=2025-03&to=2025-05", status: 200, want: []string{`"total":{"received":1,`}},
		{name: "bad month", path: "/api/v1/statistics?from=2025-13", status: 422, want: []string{`"from"`}},
		{name: "backwards", path: "/api/v1/statistics?from=2025-05&to=2025-03", status: 422, want: []string{`"to"`}},
		{name: "unknown unit", path: "/api/v1/statistics?unit=khong-co", status: 422, want: []string{`"unit"`}},
		{name: "page", path: "/thong-ke?from=2025-03&to=2025-05", status: 200, want: []string{"<svg", `role="img"`, "<caption", "Tỷ lệ đúng hạn",
			"03/2025", "60,0 %", `href="/thong-ke/csv?from=2025-03&amp;to=2025-05"`, `class="chart-late"`}, notWant: []string{"style=", "<script>", "<style"}},
		{name: "page en", path: "/en/statistics?from=2025-03&to=2025-05", status: 200, want: []string{"On-time rate", "60.0%", "Public Service Centre A"}},
		{name: "page bad filter", path: "/thong-ke?from=xx", status: 422, want: []string{"Tháng phải có dạng", `aria-describedby="f-from-hint f-from-err"`}},
		{name: "csv", path: "/thong-ke/csv?from=2025-03&to=2025-05", status: 200, want: []string{"month,unit_code,unit_name,procedure_code",
			"2025-03,hcc-a,Trung tâm phục vụ hành chính công A,1.001193,Thủ tục đăng ký khai sinh,4,4,2,1,0,1,1,0.5000,1.0000,0,",
			"2025-03,hcc-a,Trung tâm phục vụ hành chính công A,2.000815,Chứng thực bản sao từ bản chính,1,1,0,0,0,1,0,1.0000"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			_, body := f.run(t, sc)
			if strings.HasPrefix(sc.path, "/api/") {
				f.api.validate(t, "GET", "/api/v1/statistics", sc.status, body)
			}
		})
	}
	if _, body := f.get(t, "/thong-ke"); len(body) > 150<<10 {
		t.Errorf("statistics page is %d bytes", len(body))
	}
}
