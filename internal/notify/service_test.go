package notify_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/mail"
	"github.com/cong-vn/cong/internal/mail/mailtest"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/notifysql"
	"github.com/cong-vn/cong/internal/notifytmpl"
	"github.com/cong-vn/cong/internal/sms"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/webhook"
)

const citizen = "nguyenvana@gmail.com"

var received = map[string]any{
	"Name": "Nguyễn Văn A", "Code": "H26-0001", "Procedure": "Cấp giấy phép xây dựng",
	"DueDate": "10/02/2025", "TrackURL": "https://cong.example/tra-cuu/H26-0001",
}

// env is a database, a running queue and a notification service.
type env struct {
	db    *sqlstore.DB
	store *notifysql.Store
	svc   *notify.Service
	logs  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEnv(t *testing.T, ch notify.Channels, cfg notify.Config) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := jobqueue.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobqueue.New(db, jobqueue.Options{PollInterval: 50 * time.Millisecond, Backoff: func(int) time.Duration { return 20 * time.Millisecond }})
	if err != nil {
		t.Fatal(err)
	}
	set, err := notifytmpl.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := keyring.New([]byte(strings.Repeat("n", 32)))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, store: notifysql.New(db, keys), logs: &syncBuffer{}}
	log := slog.New(slog.NewTextHandler(e.logs, nil))
	e.svc = notify.NewService(e.store, q, set, ch, cfg, log)
	if err := jobqueue.Handle(q, e.svc.Deliver, jobqueue.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		q.Stop(stop)
	})
	return e
}

func (e *env) send(t *testing.T, m notify.Message) int64 {
	t.Helper()
	var id int64
	err := e.db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
		var err error
		id, err = e.svc.Send(context.Background(), tx, m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// waitStatus waits until the notification reaches status.
func (e *env) waitStatus(t *testing.T, id int64, status notify.Status) *notify.Notification {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		n, err := e.store.FindNotificationByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if n.Status == status {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("notification %d is %s (%q), want %s", id, n.Status, n.LastError, status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func admin() context.Context {
	return access.WithActor(context.Background(), &access.Actor{UserID: 1, Name: "admin", Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1}}})
}

func mailSender(t *testing.T, srv *mailtest.Server) *mail.Sender {
	t.Helper()
	s, err := mail.New(srv.URL(), "Cổng giao tiếp điện tử <no-reply@cong.example>", mail.Options{TLSConfig: srv.ClientTLS(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEmailThroughSMTP(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{User: "cong", Pass: "pw"})
	e := newEnv(t, notify.Channels{Email: mailSender(t, srv)}, notify.Config{})
	id := e.send(t, notify.Message{Channel: notify.Email, To: citizen, Lang: "vi", TemplateKey: "dossier.received", Data: received})
	n := e.waitStatus(t, id, notify.Sent)
	if n.Attempts != 1 || n.SentAt.IsZero() || n.RecipientMasked != "ng*******@g****.com" {
		t.Errorf("record %+v", n)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != citizen {
		t.Fatalf("server got %+v", msgs)
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Hồ sơ H26-0001 đã được tiếp nhận" || !strings.Contains(p.Text, "Kính gửi Nguyễn Văn A") || !strings.Contains(p.HTML, `lang="vi"`) {
		t.Errorf("message %+v", p)
	}
	if strings.Contains(e.logs.String(), citizen) || !strings.Contains(e.logs.String(), "ng*******@g****.com") {
		t.Errorf("logs show the address in clear or not at all:\n%s", e.logs)
	}
}

func TestRolledBackSendSendsNothing(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	e := newEnv(t, notify.Channels{Email: mailSender(t, srv)}, notify.Config{})
	err := e.db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
		if _, err := e.svc.Send(context.Background(), tx, notify.Message{Channel: notify.Email, To: citizen, TemplateKey: "notify.test"}); err != nil {
			return err
		}
		return errs.E(errs.Conflict)
	})
	if !errs.Is(err, errs.Conflict) {
		t.Fatal(err)
	}
	e.send(t, notify.Message{Channel: notify.Email, To: "other@example.vn", TemplateKey: "notify.test"})
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if msgs := srv.Messages(); len(msgs) != 1 || msgs[0].To[0] != "other@example.vn" {
		t.Fatalf("sent %+v", msgs)
	}
	_, total, _ := e.svc.FindNotifications(admin(), notify.Filter{})
	if total != 1 {
		t.Fatalf("%d notifications recorded", total)
	}
}

func TestPermanentRejectionFailsAtOnceMasked(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Reject: func(string) int { return 550 }})
	e := newEnv(t, notify.Channels{Email: mailSender(t, srv)}, notify.Config{})
	id := e.send(t, notify.Message{Channel: notify.Email, To: citizen, TemplateKey: "notify.test", Lang: "en"})
	n := e.waitStatus(t, id, notify.Failed)
	if n.Attempts != 1 || strings.Contains(n.LastError, citizen) || !strings.Contains(n.LastError, "ng*******@g****.com") {
		t.Errorf("record %+v", n)
	}
}

func TestOutboxWithoutSMTP(t *testing.T) {
	e := newEnv(t, notify.Channels{}, notify.Config{})
	unit := insertUnit(t, e.db)
	id := e.send(t, notify.Message{Channel: notify.Email, To: citizen, Lang: "en", TemplateKey: "dossier.received", Data: received, UnitID: unit})
	smsID := e.send(t, notify.Message{Channel: notify.SMS, To: "0912345678", TemplateKey: "dossier.received", Data: received, UnitID: unit})
	e.waitStatus(t, id, notify.Outbox)
	e.waitStatus(t, smsID, notify.Outbox)

	// At rest, the recipient, subject and bodies are sealed; only the
	// masked recipient is readable.
	var rcpt, masked, subject, text, html string
	if err := e.db.QueryRow(context.Background(), `SELECT recipient, recipient_masked, subject, body_text, body_html
		FROM notifications WHERE id = ?`, id).Scan(&rcpt, &masked, &subject, &text, &html); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]string{"recipient": rcpt, "subject": subject, "body_text": text, "body_html": html} {
		if !strings.HasPrefix(v, "v1:") || strings.Contains(v, citizen) || strings.Contains(v, "H26-0001") {
			t.Errorf("%s stored as %.60q, want it sealed", name, v)
		}
	}
	if masked != "ng*******@g****.com" {
		t.Errorf("recipient_masked stored as %q", masked)
	}

	outbox := notify.Outbox
	list, total, err := e.svc.FindNotifications(admin(), notify.Filter{Status: &outbox})
	if err != nil || total != 2 {
		t.Fatalf("admin list %d, %v", total, err)
	}
	byID := map[int64]*notify.Notification{list[0].ID: list[0], list[1].ID: list[1]}
	if got := byID[id]; got.Recipient != "" || got.RecipientMasked != "ng*******@g****.com" || got.Subject != "Application H26-0001 received" || !strings.Contains(got.HTML, "Follow your application") {
		t.Errorf("admin sees %+v", got)
	}
	if got := byID[smsID]; got.RecipientMasked != "091****678" || !strings.HasPrefix(got.Text, "Hồ sơ H26-0001") {
		t.Errorf("admin sees sms %+v", got)
	}

	staff := access.WithActor(context.Background(), &access.Actor{UserID: 2, Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: unit, UnitPath: "/" + itoa(unit) + "/", Subtree: true}}})
	list, total, err = e.svc.FindNotifications(staff, notify.Filter{})
	if err != nil || total != 2 || list[0].Text != "" || list[0].HTML != "" || list[0].Recipient != "" || list[0].RecipientMasked == "" {
		t.Errorf("unit admin sees %d %+v %v", total, list, err)
	}
	if _, err := e.svc.FindNotificationByID(staff, id); err != nil {
		t.Errorf("unit admin by id: %v", err)
	}
	other := access.WithActor(context.Background(), &access.Actor{UserID: 3, Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: 999, UnitPath: "/999/", Subtree: true}}})
	if _, total, _ := e.svc.FindNotifications(other, notify.Filter{}); total != 0 {
		t.Errorf("another unit's admin sees %d", total)
	}
	if _, err := e.svc.FindNotificationByID(other, id); !errs.Is(err, errs.NotFound) {
		t.Errorf("another unit's admin by id: %v", err)
	}
	editor := access.WithActor(context.Background(), &access.Actor{UserID: 4, Grants: []access.Grant{{Role: access.Editor, UnitID: unit}}})
	if _, _, err := e.svc.FindNotifications(editor, notify.Filter{}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("editor: %v", err)
	}
	if _, _, err := e.svc.FindNotifications(context.Background(), notify.Filter{}); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("anonymous: %v", err)
	}
}

func TestSMSThroughGateway(t *testing.T) {
	var got atomic.Value
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.Query())
		io.WriteString(w, "OK")
	}))
	defer gw.Close()
	g, err := sms.New(sms.Options{URL: gw.URL + "/send?to={to}&text={text}"})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, notify.Channels{SMS: g}, notify.Config{})
	id := e.send(t, notify.Message{Channel: notify.SMS, To: "0912345678", Lang: "vi", TemplateKey: "dossier.result_ready", Data: received})
	e.waitStatus(t, id, notify.Sent)
	q := got.Load().(interface{ Get(string) string })
	if q.Get("to") != "0912345678" || !strings.HasPrefix(q.Get("text"), "Hồ sơ H26-0001 đã có kết quả") {
		t.Errorf("gateway got to=%q text=%q", q.Get("to"), q.Get("text"))
	}
	if strings.Contains(e.logs.String(), "0912345678") {
		t.Errorf("logs show the number:\n%s", e.logs)
	}
}

// hook is a webhook receiver that fails its first failures requests.
type hook struct {
	secret   string
	failures int32
	calls    atomic.Int32
	bad      atomic.Int32 // requests whose signature did not verify
	bodies   chan []byte
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	if err := webhook.Verify(h.secret, r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), b, time.Now(), time.Minute); err != nil {
		h.bad.Add(1)
	}
	if h.calls.Add(1) <= h.failures {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	h.bodies <- b
}

func createEndpoint(t *testing.T, e *env, name, url string) *notify.WebhookEndpoint {
	t.Helper()
	ep := &notify.WebhookEndpoint{Name: name, URL: url}
	if err := e.svc.CreateWebhookEndpoint(admin(), ep); err != nil {
		t.Fatal(err)
	}
	if len(ep.Secret) != 64 {
		t.Fatalf("secret %q", ep.Secret)
	}
	// The HMAC secret is sealed at rest, and read back whole.
	var stored string
	if err := e.db.QueryRow(context.Background(), "SELECT secret FROM webhook_endpoints WHERE name = ?", name).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "v1:") || strings.Contains(stored, ep.Secret) {
		t.Fatalf("webhook secret stored as %q, want it sealed", stored)
	}
	if got := endpoint(t, e, name); got.Secret != ep.Secret {
		t.Fatalf("the secret read back differs")
	}
	return ep
}

func endpoint(t *testing.T, e *env, name string) *notify.WebhookEndpoint {
	t.Helper()
	ep, err := e.store.FindWebhookEndpointByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func TestWebhookSignedRetriedAndCounted(t *testing.T) {
	h := &hook{failures: 2, bodies: make(chan []byte, 1)}
	srv := httptest.NewServer(h)
	defer srv.Close()
	e := newEnv(t, notify.Channels{Webhook: webhook.New(time.Second)}, notify.Config{})
	h.secret = createEndpoint(t, e, "one-stop", srv.URL).Secret

	id := e.send(t, notify.Message{Channel: notify.Webhook, To: "one-stop", TemplateKey: "dossier.received", Data: map[string]any{"code": "H26-0001"}})
	var failuresSeen int32
	for ep := endpoint(t, e, "one-stop"); h.calls.Load() < 3; ep = endpoint(t, e, "one-stop") {
		failuresSeen = max(failuresSeen, int32(ep.ConsecutiveFailures))
		time.Sleep(5 * time.Millisecond)
	}
	n := e.waitStatus(t, id, notify.Sent)
	body := <-h.bodies
	if h.bad.Load() != 0 || !strings.Contains(string(body), `"event":"dossier.received"`) || !strings.Contains(string(body), `"data":{"code":"H26-0001"}`) {
		t.Errorf("bad signatures %d, body %s", h.bad.Load(), body)
	}
	ep := endpoint(t, e, "one-stop")
	if n.Attempts != 3 || failuresSeen < 1 || ep.ConsecutiveFailures != 0 || ep.LastError == "" || ep.LastSuccessAt.IsZero() {
		t.Errorf("attempts %d, failures seen %d, endpoint %+v", n.Attempts, failuresSeen, ep)
	}
}

func TestWebhookEndpointDisabledAfterFailures(t *testing.T) {
	h := &hook{failures: 1 << 30, bodies: make(chan []byte, 1)}
	srv := httptest.NewServer(h)
	defer srv.Close()
	e := newEnv(t, notify.Channels{Webhook: webhook.New(time.Second)}, notify.Config{WebhookDisableAfter: 2, MaxAttempts: 5})
	createEndpoint(t, e, "down", srv.URL)
	id := e.send(t, notify.Message{Channel: notify.Webhook, To: "down", TemplateKey: "dossier.received", Data: map[string]any{}})
	n := e.waitStatus(t, id, notify.Failed)
	ep := endpoint(t, e, "down")
	if h.calls.Load() != 2 || n.Attempts != 3 || ep.Active || ep.ConsecutiveFailures != 2 || ep.DisabledAt.IsZero() || !strings.Contains(ep.LastError, "500") {
		t.Errorf("calls %d, attempts %d, endpoint %+v", h.calls.Load(), n.Attempts, ep)
	}
	list, err := e.svc.FindWebhookEndpoints(admin())
	if err != nil || len(list) != 1 || list[0].Secret != "" {
		t.Fatalf("listing %+v %v", list, err)
	}
	if err := e.svc.SetWebhookActive(admin(), ep.ID, true); err != nil {
		t.Fatal(err)
	}
	if ep := endpoint(t, e, "down"); !ep.Active || ep.ConsecutiveFailures != 0 {
		t.Errorf("re-enabled %+v", ep)
	}
}

func TestSendValidates(t *testing.T) {
	e := newEnv(t, notify.Channels{}, notify.Config{})
	tests := map[string]notify.Message{
		"bad channel":      {Channel: "fax", To: citizen, TemplateKey: "notify.test"},
		"bad email":        {Channel: notify.Email, To: "not an address", TemplateKey: "notify.test"},
		"bad phone":        {Channel: notify.SMS, To: "call me", TemplateKey: "notify.test"},
		"unknown template": {Channel: notify.Email, To: citizen, TemplateKey: "no.such"},
		"missing data":     {Channel: notify.Email, To: citizen, TemplateKey: "dossier.received"},
		"unknown endpoint": {Channel: notify.Webhook, To: "nobody", TemplateKey: "x"},
	}
	for name, m := range tests {
		err := e.db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
			_, err := e.svc.Send(context.Background(), tx, m)
			return err
		})
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestEndpointAdminOnly(t *testing.T) {
	e := newEnv(t, notify.Channels{}, notify.Config{})
	staff := access.WithActor(context.Background(), &access.Actor{UserID: 2, Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: 1}}})
	if err := e.svc.CreateWebhookEndpoint(staff, &notify.WebhookEndpoint{Name: "x", URL: "https://x"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("unit admin: %v", err)
	}
	if err := e.svc.CreateWebhookEndpoint(admin(), &notify.WebhookEndpoint{Name: "Bad Name", URL: "ftp://x"}); len(errs.FieldsOf(err)) != 2 {
		t.Errorf("validation: %v", err)
	}
	createEndpoint(t, e, "dup", "https://x.example/hook")
	if err := e.svc.CreateWebhookEndpoint(admin(), &notify.WebhookEndpoint{Name: "dup", URL: "https://y"}); !errs.Is(err, errs.Conflict) {
		t.Errorf("duplicate: %v", err)
	}
}

func insertUnit(t *testing.T, db *sqlstore.DB) int64 {
	t.Helper()
	var id int64
	now := time.Now().UTC()
	err := db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
		if err := tx.QueryRow(context.Background(), `INSERT INTO units (code, kind, name_vi, created_at, updated_at)
			VALUES ('hoan-kiem', 'ward', 'Phường Hoàn Kiếm', ?, ?) RETURNING id`, now, now).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(context.Background(), "UPDATE units SET path = ? WHERE id = ?", "/"+itoa(id)+"/", id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Rows an earlier version stored in clear are sealed by SealClear, read
// back unchanged, and sealed only once.
func TestSealClearSealsLegacyRows(t *testing.T) {
	e := newEnv(t, notify.Channels{}, notify.Config{})
	ctx := context.Background()
	legacy := notifysql.New(e.db, nil) // an earlier version: no sealing
	n := &notify.Notification{Channel: notify.SMS, Recipient: "0912345678", RecipientMasked: "091****678",
		Lang: "vi", TemplateKey: "dossier.received", Text: "Hồ sơ H26-0001 đã được tiếp nhận",
		Status: notify.Outbox, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := e.db.InTx(ctx, func(tx *sqlstore.Tx) error { return legacy.CreateNotification(ctx, tx, n) }); err != nil {
		t.Fatal(err)
	}
	ep := &notify.WebhookEndpoint{Name: "legacy", URL: "https://x.example/hook", Secret: strings.Repeat("s", 64),
		Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := legacy.CreateWebhookEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}

	msgs, eps, err := e.store.SealClear(ctx)
	if err != nil || msgs != 1 || eps != 1 {
		t.Fatalf("SealClear = %d, %d, %v; want 1, 1", msgs, eps, err)
	}
	var rcpt, subject, text, html, secret string
	if err := e.db.QueryRow(ctx, `SELECT recipient, subject, body_text, body_html FROM notifications WHERE id = ?`, n.ID).
		Scan(&rcpt, &subject, &text, &html); err != nil {
		t.Fatal(err)
	}
	if err := e.db.QueryRow(ctx, `SELECT secret FROM webhook_endpoints WHERE id = ?`, ep.ID).Scan(&secret); err != nil {
		t.Fatal(err)
	}
	if !keyring.IsSealed(rcpt) || !keyring.IsSealed(text) || !keyring.IsSealed(secret) || subject != "" || html != "" {
		t.Errorf("stored after sealing: %.20q %.20q %.20q %q %q", rcpt, text, secret, subject, html)
	}
	got, err := e.store.FindNotificationByID(ctx, n.ID)
	if err != nil || got.Recipient != n.Recipient || got.Text != n.Text {
		t.Errorf("read back %+v, %v", got, err)
	}
	gotEP, err := e.store.FindWebhookEndpointByName(ctx, "legacy")
	if err != nil || gotEP.Secret != ep.Secret {
		t.Errorf("secret read back %q, %v", gotEP.Secret, err)
	}
	if msgs, eps, err := e.store.SealClear(ctx); err != nil || msgs != 0 || eps != 0 {
		t.Errorf("second SealClear = %d, %d, %v; want 0, 0", msgs, eps, err)
	}
}
