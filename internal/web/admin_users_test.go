package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var tempPasswordRE = regexp.MustCompile(`id="temp-password">([^<]+)<`)

func TestAdminUsers(t *testing.T) {
	f := newStaffFixture(t)
	sessions := map[string]*staff{
		"admin": f.adminSession(t), "editor": f.session(t, "editor"),
		"deptadmin": f.session(t, "deptadmin"), "wardadmin": f.session(t, "wardadmin"),
	}
	id := func(code string) string { return strconv.FormatInt(f.units[code], 10) }
	f.checkAll(t, sessions, []adminCase{
		{name: "admin lists every account with roles per unit", actor: "admin", path: "/quan-tri/tai-khoan", status: 200,
			want: []string{"<caption>", `href="/quan-tri/tai-khoan/wardclerk"`, "Biên tập viên – Sở Tư pháp", "Quản trị đơn vị – Phường Hoàn Kiếm", "Quản trị cổng – Ủy ban nhân dân thành phố Hà Nội"}},
		{name: "unit admin lists its unit's staff only", actor: "wardadmin", path: "/quan-tri/tai-khoan", status: 200,
			want: []string{`href="/quan-tri/tai-khoan/wardclerk"`, `href="/quan-tri/tai-khoan/wardadmin"`}, notWant: []string{"deptclerk", `href="/quan-tri/tai-khoan/admin"`}},
		{name: "filter by name", actor: "admin", path: "/quan-tri/tai-khoan?q=clerk", status: 200,
			want: []string{"wardclerk", "deptclerk", "2 tài khoản"}, notWant: []string{`href="/quan-tri/tai-khoan/editor"`}},
		{name: "filter by unit", actor: "admin", path: "/quan-tri/tai-khoan?unit=" + id("00070"), status: 200,
			want: []string{"wardclerk", "wardadmin"}, notWant: []string{"deptclerk"}},
		{name: "editor manages nobody", actor: "editor", path: "/quan-tri/tai-khoan", status: 200,
			want: []string{"0 tài khoản"}, notWant: []string{`href="/quan-tri/tai-khoan/moi"`}},

		// Another unit's account is NotFound, not Forbidden.
		{name: "other unit's user is 404", actor: "wardadmin", path: "/quan-tri/tai-khoan/deptclerk", status: 404, notWant: []string{"Cán bộ deptclerk"}},
		{name: "portal admin is 404 to a unit admin", actor: "wardadmin", path: "/quan-tri/tai-khoan/admin", status: 404},
		{name: "missing user is 404 too", actor: "wardadmin", path: "/quan-tri/tai-khoan/khong-co", status: 404},
		{name: "other unit's user cannot be disabled", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/deptclerk/khoa", status: 404},
		{name: "own unit's user", actor: "wardadmin", path: "/quan-tri/tai-khoan/wardclerk", status: 200,
			want: []string{"Cán bộ wardclerk", `name="version"`, `name="grants.0.role"`, `action="/quan-tri/tai-khoan/wardclerk/khoa"`, "Chưa đăng nhập"}},
		{name: "editor sees no one else", actor: "editor", path: "/quan-tri/tai-khoan/deptclerk", status: 404},
		{name: "editor may not create accounts", actor: "editor", path: "/quan-tri/tai-khoan/moi", status: 403},

		// Giving a role on another unit is forbidden.
		{name: "grant on another unit", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/vai-tro", status: 403,
			form: url.Values{"grant_rows": {"2"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}, "grants.1.role": {"editor"}, "grants.1.unit": {id("so-tu-phap")}}},
		{name: "grant row half filled", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/vai-tro", status: 422,
			form: url.Values{"grant_rows": {"3"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}, "grants.2.role": {"approver"}},
			want: []string{`id="f-grants.1.unit-err">Vui lòng chọn một giá trị`, `<option value="approver" selected>`}},
		{name: "more grant rows", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/vai-tro", status: 200,
			form: url.Values{"grant_rows": {"3"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}, "action": {"more"}},
			want: []string{`name="grants.3.role"`, `name="grant_rows" value="5"`}, notWant: []string{"Đã lưu."}},
		{name: "grants saved", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/vai-tro", status: 303,
			form:     url.Values{"grant_rows": {"3"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}, "grants.1.role": {"approver"}, "grants.1.unit": {id("00070")}},
			location: "/quan-tri/tai-khoan/wardclerk?saved=1"},
		{name: "grants shown", actor: "wardadmin", path: "/quan-tri/tai-khoan/wardclerk?saved=1", status: 200,
			want: []string{"Đã lưu.", `<option value="approver" selected>`, `name="grants.3.role"`}, notWant: []string{`name="grants.4.role"`}},
		// A subtree grant needs a subtree grant of the actor.
		{name: "subtree grant beyond the actor's", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/vai-tro", status: 403,
			form: url.Values{"grant_rows": {"1"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}, "grants.0.subtree": {"1"}}},

		// Disabling oneself is refused with a reason on the page.
		{name: "disable self", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardadmin/khoa", status: 409,
			want: []string{"Bạn không thể tự khóa tài khoản của mình."}},
		{name: "disable", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/khoa", status: 303},
		{name: "disabled shown", actor: "wardadmin", path: "/quan-tri/tai-khoan?status=disabled", status: 200, want: []string{"wardclerk", "Đã khóa"}},
		{name: "enable", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/wardclerk/mo-khoa", status: 303},
		{name: "create form", actor: "wardadmin", path: "/quan-tri/tai-khoan/moi", status: 200,
			want: []string{`name="username"`, `autocomplete="new-password"`, `name="grants.1.unit"`, `<option value="` + id("00070") + `"`}, notWant: []string{`value="portal_admin"`, `<option value="` + id("so-tu-phap") + `"`}},
		{name: "create needs a grant", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/moi", status: 422,
			form: url.Values{"username": {"khonggrant"}, "name": {"Không vai trò"}, "grant_rows": {"2"}}, want: []string{"Cần ít nhất một vai trò", `id="grants-err"`}},
		{name: "create with a weak password", actor: "wardadmin", method: "POST", path: "/quan-tri/tai-khoan/moi", status: 422,
			form: url.Values{"username": {"yeu"}, "name": {"Mật khẩu yếu"}, "password": {"ngan"}, "grant_rows": {"1"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("00070")}},
			want: []string{`id="f-password-err">Mật khẩu cần ít nhất 12 ký tự.`}},
	})

	t.Run("profile with optimistic locking", func(t *testing.T) {
		s := sessions["wardadmin"]
		v := versionOf(t, s.get(t, "/quan-tri/tai-khoan/wardclerk").body)
		if r := s.post(t, "/quan-tri/tai-khoan/wardclerk", url.Values{"version": {v}, "name": {"Nguyễn Thị Thư"}, "email": {"thu@hanoi.gov.vn"}}); r.status != 303 {
			t.Fatalf("save: %d\n%s", r.status, mainOf(r.body))
		}
		stale := s.post(t, "/quan-tri/tai-khoan/wardclerk", url.Values{"version": {v}, "name": {"Tên khác"}, "email": {""}})
		if stale.status != 409 || !strings.Contains(stale.body, "Dữ liệu đã được người khác thay đổi") || !strings.Contains(stale.body, `value="Tên khác"`) {
			t.Errorf("stale save: %d\n%s", stale.status, mainOf(stale.body))
		}
		v = versionOf(t, s.get(t, "/quan-tri/tai-khoan/wardclerk").body)
		bad := s.post(t, "/quan-tri/tai-khoan/wardclerk", url.Values{"version": {v}, "name": {""}, "email": {"sai"}})
		if bad.status != 422 || !strings.Contains(bad.body, `id="f-name-err"`) || !strings.Contains(bad.body, `id="f-email-err"`) {
			t.Errorf("invalid save: %d\n%s", bad.status, mainOf(bad.body))
		}
		if list := s.get(t, "/quan-tri/tai-khoan?q=nguyen+thi+thu"); !strings.Contains(list.body, "wardclerk") {
			t.Errorf("renamed user not found without diacritics:\n%s", mainOf(list.body))
		}
	})

	t.Run("create with a generated password, first login must change it", func(t *testing.T) {
		s := sessions["wardadmin"]
		res := s.post(t, "/quan-tri/tai-khoan/moi", url.Values{"username": {"Moi.Nhan-Vien"}, "name": {"Nhân viên mới"}, "email": {"moi@hanoi.gov.vn"},
			"grant_rows": {"2"}, "grants.1.role": {"answerer"}, "grants.1.unit": {id("00070")}})
		m := tempPasswordRE.FindStringSubmatch(res.body)
		if res.status != 200 || m == nil || !strings.Contains(res.body, "Người trả lời") {
			t.Fatalf("create: %d\n%s", res.status, trim(res.body))
		}
		if again := s.get(t, "/quan-tri/tai-khoan/moi.nhan-vien"); strings.Contains(again.body, m[1]) {
			t.Error("the temporary password is shown again")
		}
		login := f.login(t, "moi.nhan-vien", m[1])
		if login.status != 303 || login.location != "/quan-tri/doi-mat-khau" {
			t.Errorf("first login: %d → %q", login.status, login.location)
		}
		if r := f.do(t, "GET", "/quan-tri/don-vi", login.cookie, nil, nil); r.status != 303 || r.location != "/quan-tri/doi-mat-khau" {
			t.Errorf("before changing the password: %d → %q", r.status, r.location)
		}
	})

	t.Run("create with a typed password", func(t *testing.T) {
		res := sessions["admin"].post(t, "/quan-tri/tai-khoan/moi", url.Values{"username": {"quantri2"}, "name": {"Quản trị hai"}, "password": {"mot-mat-khau-do-admin-dat"},
			"grant_rows": {"1"}, "grants.0.role": {"portal_admin"}, "grants.0.unit": {id("01")}, "grants.0.subtree": {"1"}})
		if res.status != 303 || res.location != "/quan-tri/tai-khoan/quantri2?saved=1" {
			t.Fatalf("create: %d → %q\n%s", res.status, res.location, trim(res.body))
		}
		page := sessions["admin"].get(t, "/quan-tri/tai-khoan/quantri2?saved=1")
		if !strings.Contains(page.body, `id="f-grants.0.subtree" name="grants.0.subtree" type="checkbox" value="1" checked`) ||
			!strings.Contains(page.body, "Phải đổi ở lần đăng nhập tới") {
			t.Errorf("new account's page:\n%s", mainOf(page.body))
		}
	})

	t.Run("reset password ends sessions and shows the password once", func(t *testing.T) {
		clerk := f.session(t, "deptclerk")
		res := sessions["deptadmin"].post(t, "/quan-tri/tai-khoan/deptclerk/mat-khau", nil)
		m := tempPasswordRE.FindStringSubmatch(res.body)
		if res.status != 200 || m == nil || !strings.Contains(res.body, "Đã đặt lại mật khẩu") {
			t.Fatalf("reset: %d\n%s", res.status, trim(res.body))
		}
		if r := clerk.get(t, "/quan-tri/"); r.status != 303 {
			t.Errorf("session after reset: %d", r.status)
		}
		if r := f.login(t, "deptclerk", m[1]); r.location != "/quan-tri/doi-mat-khau" {
			t.Errorf("login with the temporary password: %d → %q", r.status, r.location)
		}
		if r := sessions["deptadmin"].post(t, "/quan-tri/tai-khoan/deptadmin/mat-khau", nil); r.status != 403 {
			t.Errorf("resetting one's own password: %d", r.status)
		}
	})

	var other *staff // the second portal admin's browser
	t.Run("disable TOTP for a lost phone", func(t *testing.T) {
		a := sessions["admin"]
		page := a.get(t, "/quan-tri/tai-khoan/admin")
		if !strings.Contains(page.body, `action="/quan-tri/tai-khoan/admin/tat-xac-thuc"`) || !strings.Contains(page.body, "Đã bật xác thực hai lớp") {
			t.Fatalf("admin's own page lacks the TOTP action:\n%s", trim(page.body))
		}
		// A portal admin must keep TOTP on its own account.
		if r := a.post(t, "/quan-tri/tai-khoan/admin/tat-xac-thuc", nil); r.status != 409 || !strings.Contains(r.body, "Quản trị cổng phải bật xác thực hai lớp.") {
			t.Errorf("own TOTP off: %d\n%s", r.status, trim(r.body))
		}
		// Another portal admin may turn it off; the admin then enrols again.
		other = f.adminSessionOf(t, "quantri2", "mot-mat-khau-do-admin-dat")
		if r := other.post(t, "/quan-tri/tai-khoan/admin/tat-xac-thuc", nil); r.status != 303 {
			t.Fatalf("TOTP off by another admin: %d\n%s", r.status, trim(r.body))
		}
		if r := a.get(t, "/quan-tri/"); r.status != 303 {
			t.Errorf("admin's session after its TOTP was turned off: %d", r.status)
		}
		if r := f.login(t, "admin", staffPassword); r.location != "/quan-tri/bat-xac-thuc" {
			t.Errorf("admin's next login: → %q", r.location)
		}
	})

	t.Run("the last portal admin keeps the role", func(t *testing.T) {
		if other == nil {
			t.Skip("needs the previous subtest")
		}
		if r := other.post(t, "/quan-tri/tai-khoan/admin/khoa", nil); r.status != 303 {
			t.Fatalf("disable admin: %d\n%s", r.status, trim(r.body))
		}
		r := other.post(t, "/quan-tri/tai-khoan/quantri2/vai-tro", url.Values{"grant_rows": {"1"}, "grants.0.role": {"editor"}, "grants.0.unit": {id("01")}})
		if r.status != 409 || !strings.Contains(r.body, "quản trị cổng cuối cùng") {
			t.Errorf("removing the last portal admin: %d\n%s", r.status, trim(r.body))
		}
	})

	// "admin" was disabled above; the second portal admin reads the log.
	sessions["quantri2"] = other
	today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
	f.checkAll(t, sessions, []adminCase{
		// A unit admin sees the log of its unit only, without logins.
		{name: "audit of account changes", actor: "deptadmin", path: "/quan-tri/nhat-ky?kind=user", status: 200,
			want: []string{"<code>user.reset_password</code>", "user: deptclerk"}, notWant: []string{"wardclerk", "<code>auth.login</code>"}},
		{name: "audit scoped to the ward", actor: "wardadmin", path: "/quan-tri/nhat-ky", status: 200,
			want: []string{"<caption>", "user: wardclerk", "<code>user.grants</code>"}, notWant: []string{"deptclerk", "<code>auth.login</code>"}},
		{name: "audit is not for editors", actor: "editor", path: "/quan-tri/nhat-ky", status: 403},
		{name: "audit by actor", actor: "quantri2", path: "/quan-tri/nhat-ky?actor=deptadmin", status: 200,
			want: []string{"user: deptclerk", "<code>auth.login</code>"}, notWant: []string{"user: wardclerk"}},
		{name: "audit by unknown actor", actor: "quantri2", path: "/quan-tri/nhat-ky?actor=khong-co", status: 200, want: []string{"Không có tài khoản nào"}},
		{name: "audit by object", actor: "quantri2", path: "/quan-tri/nhat-ky?kind=user&object=wardclerk&action=user.dis", status: 200,
			want: []string{"<code>user.disable</code>", "1 mục"}},
		{name: "audit of today", actor: "quantri2", path: "/quan-tri/nhat-ky?from=" + today + "&to=" + today, status: 200, want: []string{"<code>auth.login</code>"}},
		{name: "audit of another day", actor: "quantri2", path: "/quan-tri/nhat-ky?from=2000-01-01&to=2000-01-02", status: 200, want: []string{"0 mục"}},
		{name: "audit bad date", actor: "quantri2", path: "/quan-tri/nhat-ky?from=2025-13-01", status: 422,
			want: []string{`id="f-from-err">Ngày phải có dạng`, `value="2025-13-01"`}},
	})
}

// adminSessionOf logs in a portal admin other than "admin" for the first
// time: it enrols TOTP, then changes the password its new account must
// change.
func (f *staffFixture) adminSessionOf(t *testing.T, username, password string) *staff {
	t.Helper()
	res := f.login(t, username, password)
	s := &staff{f: f, cookie: res.cookie}
	if res.location != "/quan-tri/bat-xac-thuc" {
		t.Fatalf("%s login: %d → %q", username, res.status, res.location)
	}
	if s.enrol(t); s.lastStep != "/quan-tri/doi-mat-khau" {
		t.Fatalf("%s: after enrolment → %q, want the password change its new account needs", username, s.lastStep)
	}
	s.refreshCSRFFrom(t, "/quan-tri/doi-mat-khau")
	next := s.post(t, "/quan-tri/doi-mat-khau", url.Values{"current": {password}, "new": {password + "-moi"}})
	if next.status != 303 || next.cookie == "" {
		t.Fatalf("%s: password change: %d\n%s", username, next.status, mainOf(next.body))
	}
	s.cookie = next.cookie
	s.refreshCSRF(t)
	return s
}
