package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/notifysql"
	"github.com/cong-vn/cong/internal/notifytmpl"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
)

// The operations pages of the staff area: background jobs, the outbox of
// notifications, webhook endpoints and the calendar overrides. All are for
// portal administrators; the services decide, and the pages answer with
// their errors.

// opsServices are a fixture's job queue and notification service. The
// queue has the notification handler but is not started, so tests that do
// not need workers pay nothing for them; a test that does registers its
// own handlers, then calls start.
type opsServices struct {
	queue  *jobqueue.Queue
	jobs   *job.Service
	notify *notify.Service
}

func newOpsServices(t testing.TB, db *sqlstore.DB) *opsServices {
	t.Helper()
	ctx := context.Background()
	if _, err := jobqueue.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobqueue.New(db, jobqueue.Options{PollInterval: 50 * time.Millisecond, Backoff: func(int) time.Duration { return 20 * time.Millisecond }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := q.Stop(stop); err != nil {
			t.Errorf("stop the queue: %v", err)
		}
	})
	set, err := notifytmpl.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// No email or SMS adapter: messages stay in the outbox, as under
	// "make run" without SMTP.
	n := notify.NewService(notifysql.New(db, nil), q, set, notify.Channels{}, notify.Config{}, nil)
	if err := jobqueue.Handle(q, n.Deliver, jobqueue.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	return &opsServices{queue: q, jobs: job.NewService(q, db), notify: n}
}

// start starts the workers; handlers cannot be added afterwards.
func (o *opsServices) start(t *testing.T) {
	t.Helper()
	if err := o.queue.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// adminCtx is a portal administrator's context, for reading state in tests.
func adminCtx() context.Context {
	return access.WithActor(context.Background(), &access.Actor{UserID: 1, Name: "test", Grants: []access.Grant{{Role: access.PortalAdmin}}})
}

// waitFor polls cond until it holds or 15 seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// Every operations page sends anonymous visitors to the login page,
// refuses staff who are not portal administrators with the service's
// Forbidden, and refuses a POST without the CSRF token.
func TestAdminOpsAccess(t *testing.T) {
	f := newStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t), "editor": f.session(t, "editor"), "deptadmin": f.session(t, "deptadmin")}
	var cases []adminCase
	this := strconv.Itoa(time.Now().In(time.FixedZone("ICT", 7*3600)).Year())
	for _, p := range []struct{ path, h1 string }{
		{"/quan-tri/cong-viec", "<h1>Công việc nền</h1>"},
		{"/quan-tri/thu-gui", "<h1>Thư gửi và hộp thư đi</h1>"},
		{"/quan-tri/webhook", "<h1>Điểm nhận webhook</h1>"},
		{"/quan-tri/lich-nghi", "<h1>Điều chỉnh lịch nghỉ năm " + this + "</h1>"},
	} {
		cases = append(cases,
			adminCase{name: "anonymous " + p.path, path: p.path, status: 303, location: "/quan-tri/dang-nhap?next=" + url.QueryEscape(p.path)},
			adminCase{name: "editor " + p.path, actor: "editor", path: p.path, status: 403, want: []string{"Bạn không có quyền"}},
			adminCase{name: "admin " + p.path, actor: "admin", path: p.path, status: 200, want: []string{p.h1}},
		)
	}
	for _, p := range []string{"/quan-tri/cong-viec/1/thu-lai", "/quan-tri/cong-viec/1/huy", "/quan-tri/webhook", "/quan-tri/webhook/1/tat",
		"/quan-tri/webhook/1/bat", "/quan-tri/lich-nghi", "/quan-tri/lich-nghi/1/go"} {
		cases = append(cases,
			adminCase{name: "anonymous POST " + p, method: "POST", path: p, status: 303, location: "/quan-tri/dang-nhap"},
			adminCase{name: "editor POST " + p, actor: "editor", method: "POST", path: p, status: 403},
		)
	}
	cases = append(cases,
		// Unit admins may read their units' notifications (without content),
		// but nothing else here.
		adminCase{name: "unit admin outbox", actor: "deptadmin", path: "/quan-tri/thu-gui", status: 200, want: []string{"0 thông báo"}},
		adminCase{name: "unit admin jobs", actor: "deptadmin", path: "/quan-tri/cong-viec", status: 403},
		adminCase{name: "unit admin calendar", actor: "deptadmin", path: "/quan-tri/lich-nghi", status: 403},
		adminCase{name: "unit admin webhooks", actor: "deptadmin", path: "/quan-tri/webhook", status: 403},
		// The menu shows the pages to portal administrators only.
		adminCase{name: "admin menu", actor: "admin", path: "/quan-tri/", status: 200, want: []string{
			`href="/quan-tri/cong-viec">Công việc nền</a>`, `href="/quan-tri/thu-gui">Thư gửi</a>`,
			`href="/quan-tri/webhook">Webhook</a>`, `href="/quan-tri/lich-nghi">Lịch nghỉ</a>`}},
		adminCase{name: "editor menu", actor: "editor", path: "/quan-tri/", status: 200,
			notWant: []string{`href="/quan-tri/cong-viec"`, `href="/quan-tri/thu-gui"`, `href="/quan-tri/webhook"`, `href="/quan-tri/lich-nghi"`}},
		adminCase{name: "unknown job", actor: "admin", method: "POST", path: "/quan-tri/cong-viec/999999/thu-lai", status: 404, want: []string{"Không tìm thấy công việc."}},
		adminCase{name: "bad job id", actor: "admin", method: "POST", path: "/quan-tri/cong-viec/abc/huy", status: 404},
		adminCase{name: "unknown notification", actor: "admin", path: "/quan-tri/thu-gui/999999", status: 404, want: []string{"Không tìm thấy thông báo."}},
		adminCase{name: "unknown endpoint", actor: "admin", method: "POST", path: "/quan-tri/webhook/999999/tat", status: 404, want: []string{"Không tìm thấy điểm nhận webhook."}},
		adminCase{name: "unknown override", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi/999999/go", status: 404, want: []string{"Không tìm thấy điều chỉnh lịch này."}},
	)
	f.checkAll(t, sessions, cases)

	// Without the CSRF token every POST is refused before it reaches a
	// service, even for a portal administrator.
	admin := sessions["admin"]
	for _, p := range []string{"/quan-tri/cong-viec/1/thu-lai", "/quan-tri/cong-viec/1/huy", "/quan-tri/webhook", "/quan-tri/webhook/1/tat", "/quan-tri/lich-nghi", "/quan-tri/lich-nghi/1/go"} {
		res := f.do(t, "POST", p, admin.cookie, url.Values{"name": {"x"}}, nil)
		if res.status != http.StatusForbidden || !strings.Contains(res.body, "không đến từ trang của cổng") {
			t.Errorf("POST %s without CSRF: %d\n%s", p, res.status, mainOf(res.body))
		}
	}

	// A server built without the services (a deployment or test that does
	// not need them) answers their pages 404; the session is in the
	// database, so the admin's cookie works on it too.
	bare, err := web.New(web.Deps{Config: config.Default(), DB: f.db, Units: unit.NewService(f.db), Accounts: f.accounts, Audit: f.db, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bare.Handler())
	defer srv.Close()
	for _, p := range []string{"/quan-tri/cong-viec", "/quan-tri/thu-gui", "/quan-tri/thu-gui/1", "/quan-tri/webhook", "/quan-tri/lich-nghi"} {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Cookie", sessionCookie+"="+admin.cookie)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "Chức năng này chưa được bật trên máy chủ.") {
			t.Errorf("GET %s without the service: %d\n%s", p, res.StatusCode, mainOf(string(b)))
		}
	}
}

// failArgs is a job that always fails, to fill the dead-letter state.
type failArgs struct {
	N int `json:"n"`
}

func (failArgs) Kind() string { return "test.web_fail" }

var retryFormRE = regexp.MustCompile(`action="/quan-tri/cong-viec/(\d+)/thu-lai"`)

func TestAdminJobs(t *testing.T) {
	f := newStaffFixture(t)
	var runs atomic.Int32
	fail := func(ctx context.Context, a failArgs) error {
		runs.Add(1)
		at, _ := job.AttemptFrom(ctx)
		return fmt.Errorf("máy chủ từ chối <b>lần %d</b>", at.Number)
	}
	if err := jobqueue.Handle(f.ops.queue, fail, jobqueue.KindOptions{MaxAttempts: 1}); err != nil {
		t.Fatal(err)
	}
	f.ops.start(t)
	ctx := context.Background()
	enqueue := func(args job.Args, o *job.Opts) {
		t.Helper()
		if err := f.db.InTx(ctx, func(tx *sqlstore.Tx) error { return f.ops.queue.EnqueueTx(ctx, tx, args, o) }); err != nil {
			t.Fatal(err)
		}
	}
	enqueue(failArgs{N: 1}, nil)
	discarded := job.Discarded
	waitFor(t, "the failing job to be discarded", func() bool {
		list, err := f.ops.jobs.FindJobs(adminCtx(), job.Filter{State: &discarded})
		return err == nil && len(list) == 1
	})
	enqueue(failArgs{N: 2}, &job.Opts{ScheduledAt: time.Now().Add(time.Hour)})
	sessions := map[string]*staff{"admin": f.adminSession(t)}
	dead := f.check(t, sessions, adminCase{name: "dead jobs", actor: "admin", path: "/quan-tri/cong-viec?state=discarded", status: 200, want: []string{
		"<h1>Công việc nền</h1>", `aria-current="page">Thất bại hẳn <span class="count">1</span>`, "Đã hẹn giờ <span class=\"count\">1</span>",
		"<code>test.web_fail</code>", `{&#34;n&#34;:1}`, "1 / 1", "Lần 1, <time", "máy chủ từ chối &lt;b&gt;lần 1&lt;/b&gt;",
		`<option value="discarded" selected>`, "Chạy lại<span class=\"vh\">", `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="jobs-caption">`, `<caption id="jobs-caption">`,
	}, notWant: []string{"<b>lần 1</b>", "test.web_fail</code><br><code class=\"args\">{&#34;n&#34;:2}"}})
	m := retryFormRE.FindStringSubmatch(dead.body)
	if m == nil {
		t.Fatalf("no retry button\n%s", mainOf(dead.body))
	}
	id := m[1]
	f.checkAll(t, sessions, []adminCase{
		{name: "retry", actor: "admin", method: "POST", path: "/quan-tri/cong-viec/" + id + "/thu-lai", form: url.Values{"state": {"discarded"}, "kind": {"test.web_fail"}},
			status: 303, location: "/quan-tri/cong-viec?kind=test.web_fail&retried=" + id + "&state=discarded"},
		{name: "retry flash", actor: "admin", path: "/quan-tri/cong-viec?retried=" + id, status: 200,
			want: []string{`<p class="flash" role="status">Công việc #` + id + ` đã được đưa lại vào hàng đợi để chạy ngay.</p>`}},
	})
	waitFor(t, "the retried run", func() bool { return runs.Load() == 2 })
	waitFor(t, "the retried job to be discarded again", func() bool {
		list, err := f.ops.jobs.FindJobs(adminCtx(), job.Filter{State: &discarded})
		return err == nil && len(list) == 1 && len(list[0].Errors) == 2
	})
	f.check(t, sessions, adminCase{name: "both attempts' errors", actor: "admin", path: "/quan-tri/cong-viec?state=discarded&kind=test.web_fail", status: 200,
		want: []string{"2 / 2", "lần 1&lt;/b&gt;", "lần 2&lt;/b&gt;", `value="test.web_fail"`}})

	// The scheduled job can be cancelled, then shows among the cancelled.
	scheduled := f.check(t, sessions, adminCase{name: "scheduled", actor: "admin", path: "/quan-tri/cong-viec?state=scheduled", status: 200,
		want: []string{"Hủy<span class=\"vh\">", `{&#34;n&#34;:2}`}, notWant: []string{"/thu-lai"}})
	m = regexp.MustCompile(`action="/quan-tri/cong-viec/(\d+)/huy"`).FindStringSubmatch(scheduled.body)
	if m == nil {
		t.Fatal("no cancel button")
	}
	f.checkAll(t, sessions, []adminCase{
		{name: "cancel", actor: "admin", method: "POST", path: "/quan-tri/cong-viec/" + m[1] + "/huy", status: 303, location: "/quan-tri/cong-viec?cancelled=" + m[1]},
		{name: "cancelled", actor: "admin", path: "/quan-tri/cong-viec?state=cancelled&cancelled=" + m[1], status: 200,
			want: []string{"Đã yêu cầu hủy công việc #" + m[1] + ".", `{&#34;n&#34;:2}`, "/quan-tri/cong-viec/" + m[1] + "/thu-lai"}},
		{name: "kind filter", actor: "admin", path: "/quan-tri/cong-viec?kind=notify.deliver", status: 200, want: []string{"Không có công việc nào."}},
		{name: "unknown state ignored", actor: "admin", path: "/quan-tri/cong-viec?state=%3Cscript%3E", status: 200,
			want: []string{`aria-current="page">Tất cả <span class="count">2</span>`}, notWant: []string{"<script>"}},
	})
	// The retry and the cancel are in the audit log.
	f.check(t, sessions, adminCase{name: "audit", actor: "admin", path: "/quan-tri/nhat-ky?action=job.", status: 200,
		want: []string{"job.retry", "job.cancel"}})
}

// citizen is a recipient whose address must never show in clear.
const citizen = "nguyenvana@gmail.com"

// send sends a notification through the service, as a domain service does.
func (f *staffFixture) send(t *testing.T, m notify.Message) int64 {
	t.Helper()
	var id int64
	err := f.db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
		var err error
		id, err = f.ops.notify.Send(context.Background(), tx, m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAdminOutbox(t *testing.T) {
	f := newStaffFixture(t)
	f.ops.start(t)
	data := map[string]any{"Name": "Nguyễn Văn A", "Code": "H26-0001", "Procedure": "Cấp giấy phép xây dựng",
		"DueDate": "10/02/2025", "TrackURL": "https://cong.example/tra-cuu/H26-0001"}
	portal := f.send(t, notify.Message{Channel: notify.Email, To: citizen, Lang: "vi", TemplateKey: "dossier.received", Data: data})
	dept := f.send(t, notify.Message{Channel: notify.SMS, To: "0912345678", Lang: "vi", TemplateKey: "dossier.received", Data: data, UnitID: f.units["so-tu-phap"]})
	for _, id := range []int64{portal, dept} {
		waitFor(t, "the notification to reach the outbox", func() bool {
			n, err := f.ops.notify.FindNotificationByID(adminCtx(), id)
			return err == nil && n.Status == notify.Outbox
		})
	}
	completed := job.Completed
	waitFor(t, "the delivery jobs to complete", func() bool {
		list, err := f.ops.jobs.FindJobs(adminCtx(), job.Filter{State: &completed})
		return err == nil && len(list) == 2
	})
	p, d := strconv.FormatInt(portal, 10), strconv.FormatInt(dept, 10)
	sessions := map[string]*staff{"admin": f.adminSession(t), "deptadmin": f.session(t, "deptadmin")}
	f.checkAll(t, sessions, []adminCase{
		{name: "list", actor: "admin", path: "/quan-tri/thu-gui", status: 200, want: []string{
			"2 thông báo", "<caption>", `<th scope="row"><a href="/quan-tri/thu-gui/` + p + `">#` + p + `</a></th>`,
			"<code>ng*******@g****.com</code>", "<code>091****678</code>", "Trong hộp thư đi (chưa gửi)", "<code>dossier.received</code>",
			"Thư điện tử", "Tin nhắn SMS",
		}, notWant: []string{citizen, "0912345678", "Kính gửi"}},
		{name: "filter by channel", actor: "admin", path: "/quan-tri/thu-gui?channel=sms", status: 200,
			want: []string{"1 thông báo", "091****678", `<option value="sms" selected>`}, notWant: []string{"ng*******@g****.com"}},
		{name: "filter by status", actor: "admin", path: "/quan-tri/thu-gui?status=sent", status: 200, want: []string{"0 thông báo"}},
		{name: "bad filter ignored", actor: "admin", path: "/quan-tri/thu-gui?status=%3Cx%3E&channel=fax", status: 200, want: []string{"2 thông báo"}},
		// The portal administrator reads the message: subject, text and the
		// HTML body as escaped source, never as markup of the page.
		{name: "message", actor: "admin", path: "/quan-tri/thu-gui/" + p, status: 200, want: []string{
			"<h1>Thông báo #" + p + "</h1>", "ng*******@g****.com", "Hồ sơ H26-0001 đã được tiếp nhận", "Kính gửi Nguyễn Văn A,",
			"Mã hồ sơ: H26-0001", "<summary>Mã HTML của thư</summary>", "&lt;table style=", "Trong hộp thư đi (chưa gửi)",
		}, notWant: []string{citizen, `<table style="border-collapse`, "Chỉ quản trị cổng"}},
		{name: "sms message", actor: "admin", path: "/quan-tri/thu-gui/" + d, status: 200,
			want: []string{"091****678", "hẹn trả kết quả 10/02/2025"}, notWant: []string{"0912345678", "<summary>"}},
		// A unit administrator sees the record of its unit's notifications,
		// not their content, and not the portal's own.
		{name: "unit admin list", actor: "deptadmin", path: "/quan-tri/thu-gui", status: 200,
			want: []string{"1 thông báo", "091****678"}, notWant: []string{"ng*******@g****.com", "0912345678"}},
		{name: "unit admin message", actor: "deptadmin", path: "/quan-tri/thu-gui/" + d, status: 200,
			want: []string{"091****678", "Chỉ quản trị cổng được xem nội dung thông báo."}, notWant: []string{"hẹn trả kết quả", "0912345678"}},
		{name: "unit admin other message", actor: "deptadmin", path: "/quan-tri/thu-gui/" + p, status: 404},
		// The deliveries were jobs, and completed.
		{name: "delivery jobs", actor: "admin", path: "/quan-tri/cong-viec?state=completed", status: 200,
			want: []string{"<code>notify.deliver</code>", "Đã xong <span class=\"count\">2</span>"}, notWant: []string{citizen}},
	})
}

var webhookSecretRE = regexp.MustCompile(`id="webhook-secret">([0-9a-f]{64})<`)

func TestAdminWebhooks(t *testing.T) {
	f := newStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t)}
	hook := url.Values{"name": {"mot-cua"}, "url": {"https://mot-cua.example.vn/hook"}}
	f.check(t, sessions, adminCase{name: "empty", actor: "admin", path: "/quan-tri/webhook", status: 200,
		want: []string{"Chưa có điểm nhận webhook nào.", `<label for="f-name">`, `aria-describedby="f-url-hint`}})
	created := f.check(t, sessions, adminCase{name: "create", actor: "admin", method: "POST", path: "/quan-tri/webhook", form: hook, status: 200,
		want: []string{"Đã thêm điểm nhận mot-cua.", "Hãy sao chép khóa này ngay", "<code>mot-cua</code>", "Đang bật"}})
	m := webhookSecretRE.FindStringSubmatch(created.body)
	if m == nil {
		t.Fatalf("no secret shown\n%s", mainOf(created.body))
	}
	list := f.check(t, sessions, adminCase{name: "list", actor: "admin", path: "/quan-tri/webhook", status: 200,
		want:    []string{"<code>mot-cua</code>", `<code class="url">https://mot-cua.example.vn/hook</code>`, "Đang bật", "Chưa có", "<caption>"},
		notWant: []string{m[1], "webhook-secret"}})
	id := regexp.MustCompile(`action="/quan-tri/webhook/(\d+)/tat"`).FindStringSubmatch(list.body)
	if id == nil {
		t.Fatal("no disable button")
	}
	f.checkAll(t, sessions, []adminCase{
		{name: "duplicate name", actor: "admin", method: "POST", path: "/quan-tri/webhook", form: hook, status: 409,
			want:    []string{`id="f-name-err">Tên này đã được một điểm nhận khác dùng.`, `aria-describedby="f-name-hint f-name-err"`, `value="https://mot-cua.example.vn/hook"`},
			notWant: []string{"webhook-secret"}},
		{name: "invalid", actor: "admin", method: "POST", path: "/quan-tri/webhook", form: url.Values{"name": {"Tên Sai"}, "url": {"ftp://x"}}, status: 422,
			want: []string{`id="form-errors"`, `id="f-name-err">Tên chỉ được gồm`, `id="f-url-err">Địa chỉ phải là URL`, `aria-invalid="true"`, `value="Tên Sai"`}},
		{name: "disable", actor: "admin", method: "POST", path: "/quan-tri/webhook/" + id[1] + "/tat", status: 303, location: "/quan-tri/webhook?saved=1"},
		{name: "disabled", actor: "admin", path: "/quan-tri/webhook?saved=1", status: 200,
			want: []string{"Đã lưu.", "Đã tắt", `action="/quan-tri/webhook/` + id[1] + `/bat"`, "Bật lại<span class=\"vh\"> mot-cua</span>"}},
		{name: "enable", actor: "admin", method: "POST", path: "/quan-tri/webhook/" + id[1] + "/bat", status: 303, location: "/quan-tri/webhook?saved=1"},
		{name: "enabled", actor: "admin", path: "/quan-tri/webhook", status: 200, want: []string{"Đang bật", `action="/quan-tri/webhook/` + id[1] + `/tat"`}},
	})
}

var removeFormRE = regexp.MustCompile(`action="/quan-tri/lich-nghi/(\d+)/go"`)

func TestAdminCalendarOverrides(t *testing.T) {
	f := newStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t)}
	dayOff := url.Values{"date": {"2031-03-14"}, "kind": {"day_off"}, "name_vi": {"Nghỉ thử nghiệm của Cổng"},
		"name_en": {"Portal trial day off"}, "note": {"Thông báo 1/TB-THU"}, "year": {"2031"}}
	f.checkAll(t, sessions, []adminCase{
		{name: "empty year", actor: "admin", path: "/quan-tri/lich-nghi?year=2031", status: 200, want: []string{
			"<h1>Điều chỉnh lịch nghỉ năm 2031</h1>", "Năm 2031 chưa có điều chỉnh nào.", `href="/lich-nghi/2031"`,
			`href="/quan-tri/lich-nghi?year=2030"`, `href="/quan-tri/lich-nghi?year=2032"`,
			`<label for="f-date">`, `aria-describedby="f-date-hint`, `<option value="day_off">Nghỉ thêm theo thông báo</option>`,
		}},
		{name: "public page before", path: "/lich-nghi/2031", status: 200, notWant: []string{"Nghỉ thử nghiệm của Cổng"}},
		{name: "add", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi", form: dayOff, status: 303, location: "/quan-tri/lich-nghi?saved=1&year=2031"},
		{name: "public page shows it", path: "/lich-nghi/2031", status: 200,
			want: []string{`<time datetime="2031-03-14">14/03/2031</time>`, "Nghỉ thử nghiệm của Cổng"}},
		{name: "public page en", path: "/en/holidays/2031", status: 200, want: []string{"Portal trial day off"}},
		{name: "duplicate", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi", form: dayOff, status: 409,
			want: []string{"Ngày này đã có một điều chỉnh cùng loại.", `value="Nghỉ thử nghiệm của Cổng"`}},
		{name: "invalid", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi", form: url.Values{"date": {"14/03/2031"}, "kind": {""}, "year": {"2031"}}, status: 422,
			want: []string{`id="form-errors"`, `aria-describedby="f-date-hint f-date-err"`, `id="f-date-err">Ngày phải có dạng`,
				`aria-invalid="true" aria-describedby="f-kind-err"`, `id="f-kind-err">Vui lòng chọn`, `value="14/03/2031"`,
				"<h1>Điều chỉnh lịch nghỉ năm 2031</h1>"}},
		{name: "holiday needs a name", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi", form: url.Values{"date": {"2031-03-17"}, "kind": {"holiday"}}, status: 422,
			want: []string{`id="f-name_vi-err">Vui lòng nhập thông tin này.`, `<option value="holiday" selected>`}},
		{name: "year out of range", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi", form: url.Values{"date": {"1999-05-03"}, "kind": {"day_off"}, "year": {"2031"}}, status: 422,
			want: []string{`id="f-date-err">Năm phải trong khoảng từ 2000 đến 2100.`}},
		{name: "bad year", actor: "admin", path: "/quan-tri/lich-nghi?year=1999", status: 404, want: []string{"Chỉ có lịch của các năm từ 2000 đến 2100."}},
		{name: "not a year", actor: "admin", path: "/quan-tri/lich-nghi?year=abc", status: 404},
	})
	page := f.check(t, sessions, adminCase{name: "added", actor: "admin", path: "/quan-tri/lich-nghi?saved=1&year=2031", status: 200, want: []string{
		"Đã thêm điều chỉnh lịch.", `<th scope="row"><time datetime="2031-03-14">14/03/2031</time> <span class="muted">Thứ Sáu</span></th>`,
		"<td>Nghỉ thêm theo thông báo</td>", `<span lang="en">Portal trial day off</span>`, "Thông báo 1/TB-THU", "<td>admin, <time",
		"Chưa có điều chỉnh nào của năm này bị gỡ.",
	}})
	m := removeFormRE.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatal("no remove button")
	}
	f.checkAll(t, sessions, []adminCase{
		{name: "remove", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi/" + m[1] + "/go", form: url.Values{"year": {"2031"}},
			status: 303, location: "/quan-tri/lich-nghi?removed=1&year=2031"},
		{name: "history", actor: "admin", path: "/quan-tri/lich-nghi?removed=1&year=2031", status: 200, want: []string{
			"Đã gỡ điều chỉnh.", "Năm 2031 chưa có điều chỉnh nào.", "Lịch sử: các điều chỉnh đã gỡ",
			"Nghỉ thử nghiệm của Cổng", "<td>admin, <time", `<caption id="history-caption">Các điều chỉnh lịch năm 2031 đã gỡ`,
		}, notWant: []string{"/go\""}},
		{name: "public page after removal", path: "/lich-nghi/2031", status: 200, notWant: []string{"Nghỉ thử nghiệm của Cổng"}},
		{name: "remove twice", actor: "admin", method: "POST", path: "/quan-tri/lich-nghi/" + m[1] + "/go", status: 409, want: []string{"Điều chỉnh lịch này đã được gỡ."}},
	})
}
