package web_test

import (
	"context"
	"fmt"
	"html"
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
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

// citizenFixture is the dossier fixture wired as "cong serve" wires it:
// the centre API's store runs the statistics, the status messages and
// the apology slips' messages in every ingest, and the lookup sends the
// subscriptions' confirmations. A second centre (hcc-b) never connects.
type citizenFixture struct {
	*dossierFixture
	lookup *dossier.LookupService
}

func newCitizenFixture(t *testing.T, lc dossier.LookupConfig) *citizenFixture {
	t.Helper()
	db := storetest.New(t)
	seedUnits(t, db)
	ctx := context.Background()
	city, _ := db.FindUnitByCode(ctx, "01")
	for _, u := range []*unit.Unit{
		{Code: "hcc-a", Kind: unit.Centre, ParentID: city.ID, NameVI: "Trung tâm phục vụ hành chính công A", NameEN: "Public Service Centre A", Active: true},
		{Code: "hcc-b", Kind: unit.Centre, ParentID: city.ID, NameVI: "Trung tâm phục vụ hành chính công B", Active: true},
	} {
		if err := db.CreateUnit(ctx, u, &audit.Entry{Action: "unit.create"}); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := keyring.New([]byte(strings.Repeat("k", 32)))
	ops := newOpsServices(t, db)
	cat, _ := i18n.Load()
	units := unit.NewService(db)
	const base = "https://cong.example"
	hooks := dossier.ChangeHooks{dossier.NewStatsKeeper(db, cal), dossier.NewStatusNotifier(db, keys, ops.notify, cat, base, nil),
		dossier.NewSlipNotifier(db, keys, ops.notify, units, base, nil)}
	svc, err := centreapi.NewService(centreapi.Deps{Store: db.CentreStore(hooks), Units: units, Calendars: cal, Keys: keys, Procedures: testProcedures{}})
	if err != nil {
		t.Fatal(err)
	}
	admin := access.WithActor(ctx, account.SystemActor("test"))
	f := &dossierFixture{api: loadOpenAPI(t), ops: ops}
	if _, f.cred, err = svc.CreateClient(admin, "hcc-a", "A"); err != nil {
		t.Fatal(err)
	}
	for code, st := range map[string]dossier.Status{"TN": dossier.Received, "DXL": dossier.InProcessing, "BS": dossier.SupplementRequested, "CKQ": dossier.ResultReady, "DTKQ": dossier.Returned} {
		if err := svc.SetStatusMapping(admin, "hcc-a", code, st); err != nil {
			t.Fatal(err)
		}
	}
	lc.PerCode, lc.PerIP = max(lc.PerCode, 4), max(lc.PerIP, 8)
	lookup, err := dossier.NewLookupService(dossier.LookupDeps{Store: db, Rates: db, Keys: keys, Calendars: cal, Units: units,
		Config: lc, Send: ops.notify, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.TrustProxy = true
	s, err := web.New(web.Deps{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db,
		Units: units, Calendar: cal, Accounts: account.NewService(db, account.Config{}), Audit: db, Search: newIndex(t, db),
		Version: "test", Centre: svc, Notify: ops.notify, Lookup: lookup, Stats: dossier.NewStatsService(db, units, cal)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	f.fixture = &fixture{t: t, db: db, cal: cal, srv: ts}
	return &citizenFixture{dossierFixture: f, lookup: lookup}
}

// send posts a batch signed by the centre and returns the answer.
func (f *citizenFixture) send(t *testing.T, items ...string) (int, string) {
	t.Helper()
	body := batch(items...)
	req, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", centreapi.Authorization(f.cred, "POST", eventsPath, time.Now(), []byte(body)))
	return do(t, req)
}

// messages returns the notifications queued with template key, oldest
// first.
func (f *citizenFixture) messages(t *testing.T, key string) []*notify.Notification {
	t.Helper()
	admin := access.WithActor(context.Background(), account.SystemActor("test"))
	list, _, err := f.ops.notify.FindNotifications(admin, notify.Filter{TemplateKey: &key})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

// lookupToken looks code up and returns the status page and its token.
func (f *citizenFixture) lookupToken(t *testing.T, path, code, factor string) (string, string) {
	t.Helper()
	res, body := f.post(t, path, url.Values{"code": {code}, "factor": {factor}})
	m := tokenRE.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil {
		t.Fatalf("lookup %s: %d\n%s", code, res.StatusCode, trim(body))
	}
	return body, html.UnescapeString(m[1])
}

// moved is a status item giving a new appointment after the old one
// (06/05/2025 17:00 for a dossier received 29/04 09:00) passed.
func moved(id, code string) string {
	return `{"type":"status","event_id":"` + id + `","receipt_code":"` + code + `","at":"2025-05-08T10:00:00+07:00",` +
		`"appointment_at":"2025-05-12T17:00:00+07:00","public_note":"Chờ ý kiến thẩm định của Sở Tư pháp.","internal_note":"Nội bộ: quên hồ sơ"}`
}

// newDossierWith is newDossier with the contact fields given (JSON
// members, or "" for none: the factor is then given).
func newDossierWith(id, code, contact string) string {
	if contact == "" {
		contact = `"lookup_factor":"5678"`
	}
	return fmt.Sprintf(`{"type":"dossier","event_id":%q,"receipt_code":%q,"procedure_code":"1.001193","channel":"online",
		"applicant_name":"Nguyễn Văn An",%s,"received_at":"2025-04-29T09:00:00+07:00","status":"TN"}`, id, code, contact)
}

func TestApologySlipMessage(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	ctx := context.Background()
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"),
		newDossierWith("p1", "HS-P", `"phone":"0987654321"`), newDossierWith("n1", "HS-N", ""))
	// The slip is recorded and its message queued in the same ingest; the
	// centre re-sending the event (a duplicate) sends nothing more.
	f.ingest(t, moved("e2", "HS-1"), moved("p2", "HS-P"), moved("n2", "HS-N"))
	for range 2 {
		if status, out := f.send(t, moved("e2", "HS-1"), moved("p2", "HS-P"), moved("n2", "HS-N")); status != 200 || !strings.Contains(out, `"duplicate":3`) {
			t.Fatalf("re-send: %d %s", status, trim(out))
		}
	}
	list := f.messages(t, dossier.SlipTemplate)
	if len(list) != 2 {
		t.Fatalf("%d slip messages, want 2 (email and SMS): %+v", len(list), list)
	}
	email, sms := list[0], list[1]
	if email.Channel != notify.Email || email.RecipientMasked != "an*******@e****.com" || sms.Channel != notify.SMS || sms.RecipientMasked != "098****321" {
		t.Errorf("recipients: %s %s, %s %s", email.Channel, email.RecipientMasked, sms.Channel, sms.RecipientMasked)
	}
	for _, want := range []string{"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "HS-1", "Thủ tục đăng ký khai sinh", "17:00 06/05/2025",
		"17:00 12/05/2025", "Chờ ý kiến thẩm định của Sở Tư pháp.", "Trung tâm phục vụ hành chính công A", "https://cong.example/tra-cuu-ho-so"} {
		if !strings.Contains(email.Text, want) {
			t.Errorf("slip message lacks %q:\n%s", want, email.Text)
		}
	}
	if strings.Contains(email.Text, "Nội bộ") || strings.Contains(email.Text, "Nguyễn Văn An") {
		t.Errorf("slip message leaks:\n%s", email.Text)
	}
	// The slips: sent (with the message) when a contact exists, unsent
	// without one (the staff print it).
	sent := map[string]*dossier.ApologySlip{}
	slips, err := f.db.FindApologySlips(ctx, dossier.SlipFilter{})
	if err != nil || len(slips) != 3 {
		t.Fatalf("slips %d %v", len(slips), err)
	}
	for _, s := range slips {
		sent[s.ReceiptCode] = s
	}
	if s := sent["HS-1"]; s.SentAt.IsZero() || s.NotificationID != email.ID {
		t.Errorf("HS-1 slip: sent %v as %d, want %d", s.SentAt, s.NotificationID, email.ID)
	}
	if s := sent["HS-N"]; !s.SentAt.IsZero() || s.NotificationID != 0 {
		t.Errorf("slip without contact marked sent: %+v", s)
	}
	if unsent, _ := f.db.FindApologySlips(ctx, dossier.SlipFilter{Unsent: true}); len(unsent) != 1 || unsent[0].ReceiptCode != "HS-N" {
		t.Errorf("unsent slips: %+v", unsent)
	}
	// A later change of the dossier does not send the slip again.
	f.ingest(t, status("e3", "HS-1", "DXL", "2025-05-09T10:00:00+07:00", ""))
	if n := len(f.messages(t, dossier.SlipTemplate)); n != 2 {
		t.Errorf("%d slip messages after a later change", n)
	}
}

func TestApologySlipPrintable(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"), newDossier("x1", "HS-2", "1.001193", "2025-04-29T09:00:00+07:00"))
	f.ingest(t, moved("e2", "HS-1"), moved("x2", "HS-2"))
	page, token := f.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678")
	// The print button posts the token: it never appears in a URL.
	link := regexp.MustCompile(`<form method="post" action="(/tra-cuu-ho-so/phieu-xin-loi/([0-9]+))" class="inline"><input type="hidden" name="token" value="([^"]+)">`).FindStringSubmatch(page)
	if link == nil || !strings.Contains(page, "Phiếu xin lỗi và hẹn lại ngày trả kết quả") || strings.Contains(page, "?token=") {
		t.Fatalf("status page lists no slip, or puts the token in a URL:\n%s", trim(page))
	}
	path, number := link[1], link[2]
	if html.UnescapeString(link[3]) != token {
		t.Errorf("the print button posts %q, want the lookup's token", link[3])
	}
	post := func(tok string) (method, body string, header map[string]string) {
		return "POST", url.Values{"token": {tok}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	}
	_, other := f.lookupToken(t, "/tra-cuu-ho-so", "HS-2", "5678")
	forged := token[:len(token)-4] + "0000"
	private := []string{"Nguyễn Văn An", "0912345678", "an.nguyen", "Nội bộ", "Trần Thị Bình", "Lê Văn Cường"}
	cases := []scenario{
		{name: "printable", path: path, status: 200, want: []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", `<p class="unit">Trung tâm phục vụ hành chính công A</p>`, "Ủy ban nhân dân thành phố Hà Nội",
			"Nguyễn V** A**", "HS-1", "Thủ tục đăng ký khai sinh", "17 giờ 00, ngày 06 tháng 05 năm 2025", "17 giờ 00, ngày 12 tháng 05 năm 2025",
			"Chờ ý kiến thẩm định của Sở Tư pháp.", `<p class="slip-date">Hà Nội, ngày 08 tháng 05 năm 2025</p>`, "slip.", `class="slip-view"`},
			notWant: append(private, "style=", "<script")},
		{name: "english", path: "/en/dossier-status/apology-slip/" + number, status: 200,
			want:    []string{"APOLOGY AND NEW APPOINTMENT FOR THE RESULT", `lang="vi">PHIẾU XIN LỖI`, "Public Service Centre A", "17:00, 6 May 2025", "12 May 2025"},
			notWant: private},
		{name: "no token", path: "/tra-cuu-ho-so/phieu-xin-loi/" + number, status: 401, want: []string{"hết hạn"}, notWant: private},
		{name: "forged token", path: "/tra-cuu-ho-so/phieu-xin-loi/" + number, status: 401, notWant: private},
		{name: "another dossier's token", path: "/tra-cuu-ho-so/phieu-xin-loi/" + number, status: 404, notWant: private},
		{name: "no such slip", path: "/tra-cuu-ho-so/phieu-xin-loi/999999", status: 404},
	}
	tokens := map[string]string{"printable": token, "english": token, "forged token": forged, "another dossier's token": other, "no such slip": token}
	for i := range cases {
		if tok, ok := tokens[cases[i].name]; ok {
			cases[i].method, cases[i].body, cases[i].header = post(tok)
		}
	}
	// A token in the query, as an earlier version linked it, opens nothing.
	cases = append(cases, scenario{name: "token in the query", path: path + "?token=" + url.QueryEscape(token), status: 401, notWant: private})
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			res, _ := f.run(t, sc)
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q", res.Header.Get("Cache-Control"))
			}
		})
	}
	// An expired token no longer opens it.
	f.lookup.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	m, b, hd := post(token)
	f.run(t, scenario{method: m, path: path, body: b, header: hd, status: 401})
}

// confirmLink returns the path of the confirmation link in the newest
// confirmation email.
func (f *citizenFixture) confirmLink(t *testing.T) string {
	t.Helper()
	list := f.messages(t, dossier.ConfirmLinkTemplate)
	if len(list) == 0 {
		t.Fatal("no confirmation email")
	}
	m := regexp.MustCompile(`https://cong\.example(/\S*xac-nhan\?t=\S+|/en/\S*confirm\?t=\S+)`).FindStringSubmatch(list[len(list)-1].Text)
	if m == nil {
		t.Fatalf("no link in:\n%s", list[len(list)-1].Text)
	}
	return m[1]
}

func TestSubscriptionDoubleOptIn(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, token := f.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678")
	res, body := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}})
	if res.StatusCode != 200 || !strings.Contains(body, "Đã gửi thư xác nhận đến ci*******@e****.com") || !strings.Contains(body, "chờ xác nhận qua thư") {
		t.Fatalf("subscribe: %d\n%s", res.StatusCode, trim(body))
	}
	link := f.confirmLink(t)
	conf := f.messages(t, dossier.ConfirmLinkTemplate)[0]
	if conf.RecipientMasked != "ci*******@e****.com" || !strings.Contains(conf.Text, "huy-theo-doi?t=") {
		t.Errorf("confirmation message: %s\n%s", conf.RecipientMasked, conf.Text)
	}

	// Unconfirmed: no status message.
	f.ingest(t, status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", "Chuyển phòng Tư pháp."))
	if n := len(f.messages(t, dossier.StatusTemplate)); n != 0 {
		t.Fatalf("%d status messages before confirmation", n)
	}
	// Opening the link confirms nothing; the button does.
	f.run(t, scenario{path: link, status: 200, want: []string{"HS-1", "ci*******@e****.com", `<button type="submit">Xác nhận</button>`, `name="t"`}})
	f.ingest(t, status("e3", "HS-1", "BS", "2025-04-30T09:00:00+07:00", ""))
	if n := len(f.messages(t, dossier.StatusTemplate)); n != 0 {
		t.Fatalf("%d status messages after only opening the link", n)
	}
	tok := strings.TrimPrefix(link[strings.Index(link, "?"):], "?t=")
	f.run(t, scenario{method: "POST", path: "/tra-cuu-ho-so/xac-nhan", body: "t=" + url.QueryEscape(tok),
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, status: 200, want: []string{"Đã xác nhận", "HS-1"}})
	// Confirmed: one message per status change, with the unsubscribe link.
	f.ingest(t, status("e4", "HS-1", "DXL", "2025-05-02T09:00:00+07:00", "Đã bổ sung."))
	list := f.messages(t, dossier.StatusTemplate)
	if len(list) != 1 || list[0].RecipientMasked != "ci*******@e****.com" || !strings.Contains(list[0].Text, "Đang giải quyết") {
		t.Fatalf("status messages after confirmation: %+v", list)
	}
	m := regexp.MustCompile(`https://cong\.example(/tra-cuu-ho-so/huy-theo-doi\?t=\S+)`).FindStringSubmatch(list[0].Text)
	if m == nil || !strings.Contains(list[0].HTML, "huy-theo-doi?t=") {
		t.Fatalf("no unsubscribe link:\n%s", list[0].Text)
	}
	// The page shows the subscription confirmed; a second request for the
	// same address is refused.
	if page, _ := f.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678"); !strings.Contains(page, "ci*******@e****.com – đã xác nhận") {
		t.Errorf("status page does not show the confirmed subscription:\n%s", trim(page))
	}
	if res, _ := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}}); res.StatusCode != 409 {
		t.Errorf("second subscription of a confirmed address: %d", res.StatusCode)
	}
	// Unsubscribing needs no login; the GET only asks.
	unsub := m[1]
	f.run(t, scenario{path: unsub, status: 200, want: []string{"Hủy nhận thông báo", "HS-1"}})
	utok := strings.TrimPrefix(unsub[strings.Index(unsub, "?"):], "?t=")
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	f.run(t, scenario{method: "POST", path: "/tra-cuu-ho-so/huy-theo-doi", body: "t=" + url.QueryEscape(utok), header: form, status: 200,
		want: []string{"Đã hủy", "ci*******@e****.com"}})
	f.ingest(t, status("e5", "HS-1", "CKQ", "2025-05-05T10:00:00+07:00", ""))
	if n := len(f.messages(t, dossier.StatusTemplate)); n != 1 {
		t.Errorf("%d status messages after unsubscribing, want still 1", n)
	}
	f.run(t, scenario{method: "POST", path: "/tra-cuu-ho-so/huy-theo-doi", body: "t=" + url.QueryEscape(utok), header: form, status: 401,
		want: []string{"đã được hủy trước đó"}})
	forgedUnsub := utok[:len(utok)-3] + "abc"
	f.run(t, scenario{path: "/en/dossier-status/unsubscribe?t=" + url.QueryEscape(forgedUnsub), status: 401, want: []string{"not valid"}})
}

func TestSubscriptionConfirmLinkRefused(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, token := f.lookupToken(t, "/en/dossier-status", "HS-1", "5678")
	if res, body := f.post(t, "/en/dossier-status/subscribe", url.Values{"token": {token}, "channel": {"email"}, "address": {"citizen@example.com"}}); res.StatusCode != 200 ||
		!strings.Contains(body, "A confirmation email was sent") {
		t.Fatalf("subscribe: %d\n%s", res.StatusCode, trim(body))
	}
	link := f.confirmLink(t)
	if !strings.HasPrefix(link, "/en/dossier-status/confirm?t=") {
		t.Fatalf("English subscription's link %s", link)
	}
	parts := strings.Split(strings.TrimPrefix(link, "/en/dossier-status/confirm?t="), ".")
	forgedSecret := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))
	laterExpiry := parts[0] + ".9999999999." + parts[2]
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for _, sc := range []scenario{
		{name: "forged secret", path: "/en/dossier-status/confirm?t=" + forgedSecret, status: 401, want: []string{"This confirmation link is not valid"}, notWant: []string{`name="t"`}},
		{name: "forged expiry", path: "/tra-cuu-ho-so/xac-nhan?t=" + laterExpiry, status: 401, want: []string{"Liên kết xác nhận không hợp lệ"}},
		{name: "garbage", path: "/tra-cuu-ho-so/xac-nhan?t=abc", status: 401, want: []string{"không hợp lệ"}},
		{name: "forged POST", method: "POST", path: "/tra-cuu-ho-so/xac-nhan", body: "t=" + url.QueryEscape(forgedSecret), header: form, status: 401},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
	// Two days later the link has expired, in both languages.
	f.lookup.SetClock(func() time.Time { return time.Now().Add(49 * time.Hour) })
	f.run(t, scenario{path: link, status: 401, want: []string{"This confirmation link has expired"}, notWant: []string{`name="t"`}})
	f.run(t, scenario{method: "POST", path: "/tra-cuu-ho-so/xac-nhan", body: "t=" + url.QueryEscape(strings.TrimPrefix(link, "/en/dossier-status/confirm?t=")),
		header: form, status: 401, want: []string{"Liên kết xác nhận đã hết hạn"}})
	f.lookup.SetClock(time.Now)
	f.ingest(t, status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", ""))
	if n := len(f.messages(t, dossier.StatusTemplate)); n != 0 {
		t.Errorf("%d status messages to an unconfirmed subscription", n)
	}
}

func TestSubscriptionBySMSCode(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{SMS: true})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, token := f.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678")
	res, body := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"sms"}, "address": {"0912 345 678"}})
	if res.StatusCode != 200 || !strings.Contains(body, "Đã gửi mã xác nhận") || !strings.Contains(body, `id="f-sms_code"`) ||
		!strings.Contains(body, `autocomplete="one-time-code"`) {
		t.Fatalf("subscribe by SMS: %d\n%s", res.StatusCode, trim(body))
	}
	list := f.messages(t, dossier.ConfirmCodeTemplate)
	if len(list) != 1 || list[0].Channel != notify.SMS {
		t.Fatalf("code messages: %+v", list)
	}
	code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(list[0].Text)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for _, sc := range []struct {
		code, want string
		status     int
	}{
		{"12", "đúng 6 chữ số", 422},
		{wrong, "Mã xác nhận không đúng", 422},
	} {
		res, body := f.post(t, "/tra-cuu-ho-so/xac-nhan-ma", url.Values{"token": {token}, "sms_code": {sc.code}})
		if res.StatusCode != sc.status || !strings.Contains(body, sc.want) || !strings.Contains(body, `aria-describedby="f-sms_code-hint f-sms_code-err"`) {
			t.Errorf("code %q: %d\n%s", sc.code, res.StatusCode, trim(body))
		}
	}
	f.ingest(t, status("e2", "HS-1", "DXL", "2025-04-29T14:00:00+07:00", ""))
	if n := len(f.messages(t, dossier.StatusTemplate)); n != 0 {
		t.Fatalf("%d status messages before the code", n)
	}
	res, body = f.post(t, "/tra-cuu-ho-so/xac-nhan-ma", url.Values{"token": {token}, "sms_code": {code}})
	if res.StatusCode != 200 || !strings.Contains(body, "Đã xác nhận") || strings.Contains(body, `id="f-sms_code"`) {
		t.Fatalf("right code: %d\n%s", res.StatusCode, trim(body))
	}
	f.ingest(t, status("e3", "HS-1", "CKQ", "2025-05-05T10:00:00+07:00", ""))
	sent := f.messages(t, dossier.StatusTemplate)
	if len(sent) != 1 || sent[0].Channel != notify.SMS || !strings.Contains(sent[0].Text, "huy-theo-doi?t=") {
		t.Fatalf("status messages: %+v", sent)
	}
}

func TestSubscriptionRateLimit(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{SubscribePerDossier: 2, SMS: true})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, token := f.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678")
	for i := range 2 {
		if res, _ := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {fmt.Sprintf("c%d@example.com", i)}}); res.StatusCode != 200 {
			t.Fatalf("subscription %d: %d", i, res.StatusCode)
		}
	}
	res, body := f.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"email"}, "address": {"c3@example.com"}})
	if res.StatusCode != 429 || !strings.Contains(body, "quá nhiều yêu cầu đăng ký") || res.Header.Get("Retry-After") == "" {
		t.Errorf("third subscription: %d\n%s", res.StatusCode, trim(body))
	}
	if n := len(f.messages(t, dossier.ConfirmLinkTemplate)); n != 2 {
		t.Errorf("%d confirmation messages, want 2", n)
	}
	// Wrong SMS codes are limited like lookups (4 per dossier here).
	f2 := newCitizenFixture(t, dossier.LookupConfig{SMS: true})
	f2.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	_, token = f2.lookupToken(t, "/tra-cuu-ho-so", "HS-1", "5678")
	f2.post(t, "/tra-cuu-ho-so/theo-doi", url.Values{"token": {token}, "channel": {"sms"}, "address": {"0912345678"}})
	code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(f2.messages(t, dossier.ConfirmCodeTemplate)[0].Text)
	wrong := fmt.Sprintf("%06d", (mustAtoi(code)+1)%1000000)
	for range 4 {
		f2.post(t, "/tra-cuu-ho-so/xac-nhan-ma", url.Values{"token": {token}, "sms_code": {wrong}})
	}
	if res, _ := f2.post(t, "/tra-cuu-ho-so/xac-nhan-ma", url.Values{"token": {token}, "sms_code": {code}}); res.StatusCode != 429 {
		t.Errorf("code after 4 wrong ones: %d", res.StatusCode)
	}
}

func mustAtoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestConnectivityPage(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	f.ingest(t, newDossier("e1", "HS-1", "1.001193", "2025-04-29T09:00:00+07:00"))
	today := time.Now().In(calendar.Zone()).Format("02/01/2006")
	for _, sc := range []scenario{
		{name: "vi", path: "/thong-ke/ket-noi", status: 200, want: []string{"Trung tâm kết nối: 1 trên 2", "<caption>", `<th scope="col">Đang kết nối</th>`,
			"Trung tâm phục vụ hành chính công A</th><td>Có</td><td><time", today, "Trung tâm phục vụ hành chính công B</th><td>Không</td><td>Chưa có</td>"},
			notWant: []string{"%", "Tỷ lệ lỗi", "style=", "key_id", "/en/statistics/ket-noi"}},
		{name: "en", path: "/en/statistics/connectivity", status: 200, want: []string{"Connected centres: 1 of 2", `href="/thong-ke/ket-noi"`, `lang="vi">Trung tâm phục vụ hành chính công B</th><td>No</td><td>Never</td>`}},
		{name: "statistics links it", path: "/thong-ke", status: 200, want: []string{`href="/thong-ke/ket-noi"`}},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

func TestDossierSitemap(t *testing.T) {
	f := newCitizenFixture(t, dossier.LookupConfig{})
	f.run(t, scenario{path: "/sitemap.xml", status: 200, want: []string{"/thong-ke</loc>", "/en/statistics</loc>", "/thong-ke/ket-noi</loc>",
		"/en/statistics/connectivity</loc>", "/tra-cuu-ho-so</loc>", "/en/dossier-status</loc>",
		`hreflang="en" href="http://` + strings.TrimPrefix(f.srv.URL, "http://") + `/en/statistics/connectivity"`}})
}
