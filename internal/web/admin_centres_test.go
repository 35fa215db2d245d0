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
	"strconv"
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
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

// The staff side of the centres' integration and of dossiers: centre
// pages with their API clients and status mapping, overdue lists, dossier
// pages and apology slips.

// centreStaffNow is the staff dossier service's clock: Monday 12/5/2025,
// 15:00 in Vietnam.
var centreStaffNow = time.Date(2025, 5, 12, 15, 0, 0, 0, calendar.Zone())

// centreStaffFixture is the staff fixture with three centres under the
// city (hcc-a and hcc-b with a client each and dossiers, hcc-c without
// either), the centre integration, and the staff's dossier service on
// centreStaffNow. Staff beyond those of staffFixture's users:
//
//	admin      portal admin
//	hccadmin   unit admin of hcc-a
//	hccclerk   centre operator of hcc-a
//	bclerk     centre operator of hcc-b
//	wardadmin  unit admin of Phường Hoàn Kiếm (no centre)
type centreStaffFixture struct {
	*staffFixture
	centre       *centreapi.Service
	credA, credB centreapi.Credentials
}

func newCentreStaffFixture(t *testing.T) *centreStaffFixture {
	t.Helper()
	db := storetest.New(t)
	seedUnits(t, db)
	ctx := context.Background()
	city, _ := db.FindUnitByCode(ctx, "01")
	units := map[string]int64{"01": city.ID}
	for code, name := range map[string]string{"hcc-a": "Trung tâm phục vụ hành chính công A", "hcc-b": "Trung tâm phục vụ hành chính công B", "hcc-c": "Trung tâm phục vụ hành chính công C"} {
		u := &unit.Unit{Code: code, Kind: unit.Centre, ParentID: city.ID, NameVI: name, Active: true}
		if err := db.CreateUnit(ctx, u, &audit.Entry{Action: "unit.create"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range []string{"so-tu-phap", "00070", "quan-hoan-kiem", "hcc-a", "hcc-b", "hcc-c"} {
		u, err := db.FindUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		units[code] = u.ID
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := keyring.New([]byte(strings.Repeat("k", 32)))
	svc, err := centreapi.NewService(centreapi.Deps{Store: db, Units: unit.NewService(db), Calendars: cal, Keys: keys, Procedures: staffProcedures{}})
	if err != nil {
		t.Fatal(err)
	}
	staffDossiers := dossier.NewService(db, cal)
	staffDossiers.SetClock(func() time.Time { return centreStaffNow })
	accounts := account.NewService(db, account.Config{})
	s, err := web.New(web.Deps{Config: config.Default(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db,
		Units: unit.NewService(db), Calendar: cal, Accounts: accounts, Audit: db, Version: "test",
		Centre: svc, Dossiers: staffDossiers})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	f := &centreStaffFixture{centre: svc, staffFixture: &staffFixture{
		fixture: &fixture{t: t, db: db, cal: cal, srv: ts}, accounts: accounts, units: units}}
	f.createUser(t, "admin", access.PortalAdmin, "01")
	f.createUser(t, "hccadmin", access.UnitAdmin, "hcc-a")
	f.createUser(t, "hccclerk", access.CentreOperator, "hcc-a")
	f.createUser(t, "bclerk", access.CentreOperator, "hcc-b")
	f.createUser(t, "wardadmin", access.UnitAdmin, "00070")
	f.seedCentres(t)
	return f
}

// seedCentres gives hcc-a and hcc-b a client and a mapping, and sends
// their dossiers:
//
//	HS-QH-1  hcc-a, due Tue 6/5 17:00: 4 working days overdue on 12/5 15:00
//	HS-QH-2  hcc-a, due Fri 9/5 17:00: 1 working day overdue
//	HS-XL-3  hcc-a, due 25/4, moved on 28/4 to 20/5: an apology slip
//	HS/2025/6  hcc-a, due 30/6: a code with slashes, not overdue
//	HS-TT-7  hcc-a, due as computed from the procedure's 3 working days
//	HS-B-1   hcc-b, due 6/5: overdue, seen only by hcc-b's staff
func (f *centreStaffFixture) seedCentres(t *testing.T) {
	t.Helper()
	admin := access.WithActor(context.Background(), account.SystemActor("test"))
	var err error
	if _, f.credA, err = f.centre.CreateClient(admin, "hcc-a", "Một cửa A"); err != nil {
		t.Fatal(err)
	}
	if _, f.credB, err = f.centre.CreateClient(admin, "hcc-b", "Một cửa B"); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"hcc-a", "hcc-b"} {
		for c, st := range map[string]dossier.Status{"TN": dossier.Received, "DXL": dossier.InProcessing} {
			if err := f.centre.SetStatusMapping(admin, code, c, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.send(t, f.credA, 200,
		staffDossierItem("a1", "HS-QH-1", "2025-04-29T10:00:00+07:00", "2025-05-06T17:00:00+07:00"),
		`{"type":"status","event_id":"a2","receipt_code":"HS-QH-1","status":"DXL","at":"2025-05-02T08:00:00+07:00",
			"status_text":"Chuyên viên Lê Văn Cường thụ lý","internal_note":"Nội bộ: chờ lãnh đạo ký","public_note":"Đang thẩm định."}`,
		staffDossierItem("a3", "HS-QH-2", "2025-05-05T09:00:00+07:00", "2025-05-09T17:00:00+07:00"),
		staffDossierItem("a4", "HS-XL-3", "2025-04-21T09:00:00+07:00", "2025-04-25T17:00:00+07:00"),
		`{"type":"status","event_id":"a5","receipt_code":"HS-XL-3","status":"DXL","at":"2025-04-28T09:00:00+07:00",
			"appointment_at":"2025-05-20T17:00:00+07:00","public_note":"Chờ ý kiến thẩm định của Sở Tư pháp"}`,
		staffDossierItem("a6", "HS/2025/6", "2025-05-12T09:00:00+07:00", "2025-06-30T17:00:00+07:00"),
		strings.Replace(staffDossierItem("a7", "HS-TT-7", "2025-05-12T09:00:00+07:00", ""), `"appointment_at":"",`, "", 1))
	f.send(t, f.credB, 200, staffDossierItem("b1", "HS-B-1", "2025-04-29T10:00:00+07:00", "2025-05-06T17:00:00+07:00"))
}

// staffDossierItem is a dossier received at recv with the appointment
// appt, handled by Sở Tư pháp.
func staffDossierItem(id, code, recv, appt string) string {
	return fmt.Sprintf(`{"type":"dossier","event_id":%q,"receipt_code":%q,"procedure_code":"1.001193",
		"procedure_name":"Thủ tục đăng ký khai sinh","channel":"in_person","applicant_name":"Nguyễn Văn An","phone":"0912345678",
		"received_at":%q,"appointment_at":%q,"status":"TN","status_text":"Cán bộ Trần Thị Bình tiếp nhận",
		"internal_note":"Ghi chú nội bộ: thiếu chữ ký","handling_units":["so-tu-phap"]}`, id, code, recv, appt)
}

// staffProcedures stands in for the catalogue: birth registration is
// settled in 3 working days.
type staffProcedures struct{}

func (staffProcedures) LookupProcedure(_ context.Context, code string, _ dossier.Channel) (dossier.ProcedureInfo, error) {
	if code != "1.001193" {
		return dossier.ProcedureInfo{}, errs.E("test", errs.NotFound)
	}
	return dossier.ProcedureInfo{Code: code, Name: "Thủ tục đăng ký khai sinh", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}}, nil
}

// send posts a batch of items signed with cred and checks the status;
// for 200 every item must be accepted.
func (f *centreStaffFixture) send(t *testing.T, cred centreapi.Credentials, status int, items ...string) {
	t.Helper()
	body := batch(items...)
	req, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", centreapi.Authorization(cred, "POST", eventsPath, time.Now(), []byte(body)))
	got, out := do(t, req)
	if got != status || (status == 200 && !strings.Contains(out, fmt.Sprintf(`"ok":%d`, len(items)))) {
		t.Fatalf("send with %s: %d, want %d\n%s", cred.KeyID, got, status, trim(out))
	}
}

// ping sends a harmless batch (a re-sent event) with cred and returns the
// status: 200 while the secret is accepted, 401 once it is not.
func (f *centreStaffFixture) ping(t *testing.T, cred centreapi.Credentials) int {
	t.Helper()
	body := batch(staffDossierItem("a1", "HS-QH-1", "2025-04-29T10:00:00+07:00", "2025-05-06T17:00:00+07:00"))
	req, _ := http.NewRequest("POST", f.srv.URL+eventsPath, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", centreapi.Authorization(cred, "POST", eventsPath, time.Now(), []byte(body)))
	got, _ := do(t, req)
	return got
}

var (
	clientSecretRE = regexp.MustCompile(`id="client-secret">([A-Za-z0-9_-]{43})<`)
	clientKeyRE    = regexp.MustCompile(`id="client-key-id">(ck_[a-z2-7]{20})<`)
)

// secretOf reads the credentials a page shows once.
func secretOf(t *testing.T, body string) centreapi.Credentials {
	t.Helper()
	k, s := clientKeyRE.FindStringSubmatch(body), clientSecretRE.FindStringSubmatch(body)
	if k == nil || s == nil {
		t.Fatalf("no credentials shown\n%s", mainOf(body))
	}
	return centreapi.Credentials{KeyID: k[1], Secret: s[1]}
}

// headerOf sends a staff POST and returns the answer's headers.
func (s *staff) postHeader(t *testing.T, path string, form url.Values) http.Header {
	t.Helper()
	form.Set("csrf", s.csrf)
	req, _ := http.NewRequest("POST", s.f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", sessionCookie+"="+s.cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.Header
}

func TestAdminCentreClients(t *testing.T) {
	f := newCentreStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t)}
	admin := sessions["admin"]
	const page = "/quan-tri/trung-tam/hcc-a"
	f.checkAll(t, sessions, []adminCase{
		{name: "list", actor: "admin", path: "/quan-tri/trung-tam", status: 200, want: []string{
			"<h1>Bộ phận một cửa và kết nối</h1>", "Đang kết nối: 2 trên 3 bộ phận một cửa.",
			`<a href="/quan-tri/trung-tam/hcc-a">Trung tâm phục vụ hành chính công A</a>`, "<code>" + f.credA.KeyID + "</code> Một cửa A",
			`<a href="/quan-tri/trung-tam/hcc-c">Trung tâm phục vụ hành chính công C</a>`, "Chưa có khóa truy cập nào.",
			"<caption>", `href="/quan-tri/trung-tam">Trung tâm một cửa</a>`,
		}},
		{name: "page", actor: "admin", path: page, status: 200, want: []string{
			"<h1>Kết nối của Trung tâm phục vụ hành chính công A</h1>", "Ủy ban nhân dân thành phố Hà Nội",
			"<code>" + f.credA.KeyID + "</code>", "<td>Một cửa A</td>", "Đang dùng", `action="/quan-tri/trung-tam/hcc-a/khoa/` + f.credA.KeyID + `/doi-khoa"`,
			`<label for="f-name">`, "Lưu lượng 7 ngày gần nhất", "<td>7</td>", // the seven items of the seed, today
			"<th scope=\"row\"><code>DXL</code></th>", `<option value="in_processing" selected>Đang giải quyết</option>`,
			`href="/quan-tri/nhat-ky?kind=centre_client"`,
		}, notWant: []string{"client-secret", f.credA.Secret}},
		{name: "hcc-c never connected", actor: "admin", path: "/quan-tri/trung-tam/hcc-c", status: 200,
			want: []string{`<strong class="error-text">Không</strong>`, "Chưa có khóa truy cập nào.", "Chưa có ánh xạ nào."}},
		{name: "unknown centre", actor: "admin", path: "/quan-tri/trung-tam/khong-co", status: 404, want: []string{"Không tìm thấy bộ phận một cửa."}},
		{name: "a unit that is not a centre", actor: "admin", path: "/quan-tri/trung-tam/so-tu-phap", status: 404},
		{name: "name too long", actor: "admin", method: "POST", path: page + "/khoa", form: url.Values{"name": {strings.Repeat("x", 101)}}, status: 422,
			want: []string{`id="f-name-err"`, `aria-invalid="true"`, `id="form-errors"`}, notWant: []string{"client-secret"}},
		{name: "another centre's key", actor: "admin", method: "POST", path: page + "/khoa/" + f.credB.KeyID + "/vo-hieu", status: 404,
			want: []string{"Không tìm thấy khóa truy cập."}},
	})

	// Create: the secret is on the answer, once, and works.
	created := f.check(t, sessions, adminCase{name: "create", actor: "admin", method: "POST", path: page + "/khoa",
		form: url.Values{"name": {"Phần mềm thử nghiệm"}}, status: 200, want: []string{
			"Đã tạo khóa truy cập ck_", "cổng chỉ hiển thị khóa này một lần", "<td>Phần mềm thử nghiệm</td>"}})
	cred := secretOf(t, created.body)
	if got := f.ping(t, cred); got != 200 {
		t.Fatalf("the new client's secret: %d", got)
	}
	f.check(t, sessions, adminCase{name: "not shown again", actor: "admin", path: page, status: 200,
		want:    []string{"<code>" + cred.KeyID + "</code>", "Giữ khóa cũ thêm 1 giờ để chuyển tiếp"}, // the default grace
		notWant: []string{cred.Secret, "client-secret"}})
	if h := admin.postHeader(t, page+"/khoa", url.Values{"name": {"Thêm một khóa"}}); !strings.Contains(h.Get("Cache-Control"), "no-store") {
		t.Errorf("the page with a secret is sent with Cache-Control %q", h.Get("Cache-Control"))
	}

	// Rotate keeping the old secret for the grace period: both work.
	rot := f.check(t, sessions, adminCase{name: "rotate with grace", actor: "admin", method: "POST", path: page + "/khoa/" + cred.KeyID + "/doi-khoa",
		form: url.Values{"mode": {"grace"}}, status: 200, want: []string{
			"Đã cấp khóa bí mật mới cho " + cred.KeyID, "Khóa bí mật cũ vẫn được chấp nhận đến", "Khóa cũ còn hiệu lực đến"}})
	second := secretOf(t, rot.body)
	if second.KeyID != cred.KeyID || second.Secret == cred.Secret {
		t.Fatalf("rotation gave %+v after %+v", second, cred)
	}
	if a, b := f.ping(t, cred), f.ping(t, second); a != 200 || b != 200 {
		t.Errorf("during the grace period: old %d, new %d; want both accepted", a, b)
	}

	// Rotate at once: only the newest works.
	rot = f.check(t, sessions, adminCase{name: "rotate at once", actor: "admin", method: "POST", path: page + "/khoa/" + cred.KeyID + "/doi-khoa",
		form: url.Values{"mode": {"immediate"}}, status: 200, want: []string{"Khóa bí mật cũ đã hết hiệu lực ngay."},
		notWant: []string{"Khóa cũ còn hiệu lực đến"}})
	third := secretOf(t, rot.body)
	if a, b, c := f.ping(t, cred), f.ping(t, second), f.ping(t, third); a != 401 || b != 401 || c != 200 {
		t.Errorf("after an immediate rotation: first %d, second %d, third %d; want 401, 401, 200", a, b, c)
	}

	// Disable: refused from now on, and no more buttons.
	f.checkAll(t, sessions, []adminCase{
		{name: "disable", actor: "admin", method: "POST", path: page + "/khoa/" + cred.KeyID + "/vo-hieu", status: 303, location: page + "?done=disabled#clients"},
		{name: "disabled", actor: "admin", path: page + "?done=disabled", status: 200,
			want:    []string{"Đã vô hiệu hóa khóa truy cập.", "Đã vô hiệu hóa</td>"},
			notWant: []string{`action="/quan-tri/trung-tam/hcc-a/khoa/` + cred.KeyID + `/doi-khoa"`}},
		{name: "rotate a disabled client", actor: "admin", method: "POST", path: page + "/khoa/" + cred.KeyID + "/doi-khoa", form: url.Values{"mode": {"grace"}},
			status: 422, want: []string{`id="form-errors"`, "Khóa truy cập này đã bị vô hiệu hóa."}, notWant: []string{"client-secret"}},
	})
	if got := f.ping(t, third); got != 401 {
		t.Errorf("a disabled client's request: %d, want 401", got)
	}

	// Every change is in the audit log, by the staff member who made it.
	f.check(t, sessions, adminCase{name: "audit", actor: "admin", path: "/quan-tri/nhat-ky?kind=centre_client", status: 200, want: []string{
		"<code>centre.client_create</code>", "<code>centre.client_rotate</code>", "<code>centre.client_disable</code>", cred.KeyID, "<td>admin</td>"}})
}

func TestAdminCentreMappings(t *testing.T) {
	f := newCentreStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t), "hccadmin": f.session(t, "hccadmin"),
		"hccclerk": f.session(t, "hccclerk"), "wardadmin": f.session(t, "wardadmin")}
	const page = "/quan-tri/trung-tam/hcc-a"
	bs := url.Values{"code": {"BS"}, "status": {"supplement_requested"}}
	f.checkAll(t, sessions, []adminCase{
		{name: "add", actor: "admin", method: "POST", path: page + "/anh-xa", form: bs, status: 303, location: page + "?done=mapped#mappings"},
		{name: "added", actor: "admin", path: page + "?done=mapped", status: 200, want: []string{
			"Đã lưu ánh xạ trạng thái.", `<th scope="row"><code>BS</code></th>`, `<option value="supplement_requested" selected>Yêu cầu bổ sung hồ sơ</option>`}},
		{name: "invalid", actor: "admin", method: "POST", path: page + "/anh-xa", form: url.Values{"code": {"có dấu cách"}, "status": {""}}, status: 422, want: []string{
			`id="f-code-err">Mã trạng thái gồm 1–64`, `id="f-status-err">Vui lòng chọn`, `value="có dấu cách"`, `id="form-errors"`}},
		{name: "unknown status", actor: "admin", method: "POST", path: page + "/anh-xa", form: url.Values{"code": {"X"}, "status": {"done"}}, status: 422,
			want: []string{`id="f-status-err"`}},
		// The unit administrator of the centre manages its mapping, but not
		// its clients.
		{name: "centre admin changes", actor: "hccadmin", method: "POST", path: page + "/anh-xa", form: url.Values{"code": {"BS"}, "status": {"in_processing"}},
			status: 303, location: page + "?done=mapped"},
		{name: "centre admin page", actor: "hccadmin", path: page, status: 200,
			want:    []string{`<th scope="row"><code>BS</code></th>`, "Ánh xạ trạng thái"},
			notWant: []string{f.credA.KeyID, `action="/quan-tri/trung-tam/hcc-a/khoa"`, "Khóa truy cập API"}},
		{name: "centre admin list", actor: "hccadmin", path: "/quan-tri/trung-tam", status: 200,
			want: []string{"Trung tâm phục vụ hành chính công A", "Đang kết nối: 1 trên 1"}, notWant: []string{"hcc-b", f.credA.KeyID}},
		{name: "centre admin creates no client", actor: "hccadmin", method: "POST", path: page + "/khoa", form: url.Values{"name": {"x"}}, status: 404},
		{name: "centre admin rotates no client", actor: "hccadmin", method: "POST", path: page + "/khoa/" + f.credA.KeyID + "/doi-khoa", status: 404},
		{name: "centre admin of another centre", actor: "hccadmin", path: "/quan-tri/trung-tam/hcc-b", status: 404},
		// Staff of other units, and the centre's operators, learn nothing.
		{name: "other unit page", actor: "wardadmin", path: page, status: 404, want: []string{"Không tìm thấy bộ phận một cửa."}, notWant: []string{"<code>BS</code>"}},
		{name: "other unit list", actor: "wardadmin", path: "/quan-tri/trung-tam", status: 404},
		{name: "other unit maps", actor: "wardadmin", method: "POST", path: page + "/anh-xa", form: url.Values{"code": {"Z"}, "status": {"received"}}, status: 404},
		{name: "other unit deletes", actor: "wardadmin", method: "POST", path: page + "/anh-xa/xoa", form: url.Values{"code": {"BS"}}, status: 404},
		{name: "other unit disables", actor: "wardadmin", method: "POST", path: page + "/khoa/" + f.credA.KeyID + "/vo-hieu", status: 404},
		{name: "operator page", actor: "hccclerk", path: page, status: 404},
		{name: "anonymous", path: page, status: 303, location: "/quan-tri/dang-nhap?next="},
		{name: "anonymous POST", method: "POST", path: page + "/anh-xa", form: bs, status: 303, location: "/quan-tri/dang-nhap"},
		{name: "menu of others", actor: "hccadmin", path: "/quan-tri/", status: 200, notWant: []string{`href="/quan-tri/trung-tam"`}},
		// Delete.
		{name: "delete", actor: "admin", method: "POST", path: page + "/anh-xa/xoa", form: url.Values{"code": {"BS"}}, status: 303, location: page + "?done=unmapped#mappings"},
		{name: "deleted", actor: "admin", path: page + "?done=unmapped", status: 200, want: []string{"Đã xóa ánh xạ trạng thái."}, notWant: []string{"<code>BS</code>"}},
		{name: "delete twice", actor: "admin", method: "POST", path: page + "/anh-xa/xoa", form: url.Values{"code": {"BS"}}, status: 404,
			want: []string{"Mã trạng thái này chưa được ánh xạ."}},
		{name: "audit", actor: "admin", path: "/quan-tri/nhat-ky?kind=centre_status_mapping", status: 200, want: []string{
			"<code>centre.mapping_set</code>", "<code>centre.mapping_delete</code>", "<td>hccadmin</td>"}},
	})
	// A code mapped on the page is what the centre's items are read with.
	f.check(t, sessions, adminCase{name: "map a new code", actor: "admin", method: "POST", path: page + "/anh-xa",
		form: url.Values{"code": {"CHUYEN:SO"}, "status": {"transferred"}}, status: 303})
	f.send(t, f.credA, 200, `{"type":"status","event_id":"a9","receipt_code":"HS-QH-2","status":"CHUYEN:SO","at":"2025-05-06T08:00:00+07:00"}`)

	// Without the CSRF token every POST is refused.
	admin := sessions["admin"]
	for _, p := range []string{page + "/khoa", page + "/khoa/" + f.credA.KeyID + "/doi-khoa", page + "/khoa/" + f.credA.KeyID + "/vo-hieu", page + "/anh-xa", page + "/anh-xa/xoa"} {
		res := f.do(t, "POST", p, admin.cookie, url.Values{"code": {"TN"}, "status": {"received"}}, nil)
		if res.status != http.StatusForbidden {
			t.Errorf("POST %s without CSRF: %d", p, res.status)
		}
	}
	if got := f.ping(t, f.credA); got != 200 {
		t.Errorf("the seeded client after the refused POSTs: %d", got)
	}
}

// A server built without the services answers their pages 404.
func TestAdminCentreAndDossierPagesNeedTheirServices(t *testing.T) {
	f := newCentreStaffFixture(t)
	admin := f.adminSession(t)
	bare, err := web.New(web.Deps{Config: config.Default(), DB: f.db, Units: unit.NewService(f.db), Accounts: f.accounts, Audit: f.db, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bare.Handler())
	defer srv.Close()
	for _, p := range []string{"/quan-tri/trung-tam", "/quan-tri/trung-tam/hcc-a", "/quan-tri/ho-so/qua-han", "/quan-tri/ho-so?code=HS-QH-1",
		"/quan-tri/ho-so/HS-QH-1", "/quan-tri/ho-so/HS-XL-3/phieu-xin-loi/1"} {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Cookie", sessionCookie+"="+admin.cookie)
		status, body := do(t, req)
		if status != http.StatusNotFound || !strings.Contains(body, "Chức năng này chưa được bật trên máy chủ.") {
			t.Errorf("GET %s without the service: %d\n%s", p, status, mainOf(body))
		}
	}
}

// idOf returns the ID of unit code as a string.
func (f *centreStaffFixture) idOf(code string) string { return strconv.FormatInt(f.units[code], 10) }
