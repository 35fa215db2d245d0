package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Login, the second factor, CSRF and logout.

func TestAdminNeedsLogin(t *testing.T) {
	f := newStaffFixture(t)
	var cases []adminCase
	for _, p := range []string{"/quan-tri/", "/quan-tri/don-vi", "/quan-tri/don-vi/moi", "/quan-tri/don-vi/so-tu-phap",
		"/quan-tri/tai-khoan", "/quan-tri/tai-khoan/moi", "/quan-tri/tai-khoan/editor", "/quan-tri/nhat-ky",
		"/quan-tri/doi-mat-khau", "/quan-tri/xac-thuc", "/quan-tri/bat-xac-thuc"} {
		cases = append(cases, adminCase{name: "GET " + p, path: p, status: 303, location: "/quan-tri/dang-nhap"})
	}
	for _, p := range []string{"/quan-tri/don-vi/moi", "/quan-tri/don-vi/so-tu-phap", "/quan-tri/tai-khoan/moi",
		"/quan-tri/tai-khoan/editor", "/quan-tri/tai-khoan/editor/vai-tro", "/quan-tri/tai-khoan/editor/khoa",
		"/quan-tri/tai-khoan/editor/mat-khau", "/quan-tri/tai-khoan/editor/tat-xac-thuc"} {
		cases = append(cases, adminCase{name: "POST " + p, method: "POST", path: p, status: 303, location: "/quan-tri/dang-nhap"})
	}
	cases = append(cases,
		adminCase{name: "next kept", path: "/quan-tri/don-vi?q=x", status: 303, location: "/quan-tri/dang-nhap?next=%2Fquan-tri%2Fdon-vi%3Fq%3Dx"},
		adminCase{name: "login page", path: "/quan-tri/dang-nhap", status: 200, want: []string{`name="username"`, `autocomplete="current-password"`, `<meta name="robots" content="noindex">`}},
	)
	f.checkAll(t, nil, cases)
}

func TestAdminLogin(t *testing.T) {
	f := newStaffFixture(t)
	t.Run("wrong password", func(t *testing.T) {
		res := f.login(t, "editor", "khong-phai-mat-khau")
		if res.status != 401 || !strings.Contains(res.body, "Tên đăng nhập hoặc mật khẩu không đúng.") || res.cookie != "" {
			t.Errorf("wrong password: %d cookie=%q\n%s", res.status, res.cookie, trim(res.body))
		}
		if !strings.Contains(res.body, `value="editor"`) {
			t.Error("the username typed is not kept")
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		if res := f.login(t, "khong-co-ai", staffPassword); res.status != 401 || !strings.Contains(res.body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
			t.Errorf("unknown user: %d", res.status)
		}
	})
	t.Run("rate limited", func(t *testing.T) {
		var last response
		for range 6 {
			last = f.login(t, "deptclerk", "sai-mat-khau-nhieu-lan")
		}
		if last.status != 429 || !strings.Contains(last.body, "Đăng nhập sai quá nhiều lần") {
			t.Errorf("6th wrong password: %d\n%s", last.status, trim(last.body))
		}
		// The right password is refused too while the pair is over its limit.
		if res := f.login(t, "deptclerk", staffPassword); res.status != 429 {
			t.Errorf("right password over the limit: %d", res.status)
		}
	})
	t.Run("device cookie", func(t *testing.T) {
		// A login gives the browser a device token; the next login with it
		// gets a fresh one. A failed login sets none.
		first := f.login(t, "wardclerk", staffPassword)
		if first.status != 303 || first.device == "" {
			t.Fatalf("login: %d, device cookie %q", first.status, first.device)
		}
		next := f.do(t, "POST", "/quan-tri/dang-nhap", "", url.Values{"username": {"wardclerk"}, "password": {staffPassword}},
			map[string]string{"Cookie": "__Host-cong_dev=" + first.device})
		if next.status != 303 || next.device == "" || next.device == first.device {
			t.Errorf("login with the device cookie: %d, device cookie %q", next.status, next.device)
		}
		if res := f.login(t, "wardclerk", "khong-phai-mat-khau"); res.device != "" {
			t.Errorf("a failed login set the device cookie %q", res.device)
		}
	})
	t.Run("editor without TOTP", func(t *testing.T) {
		s := f.session(t, "editor")
		f.check(t, map[string]*staff{"editor": s}, adminCase{actor: "editor", path: "/quan-tri/", status: 200,
			want: []string{"Xin chào, Cán bộ editor.", "Biên tập viên – Sở Tư pháp", `action="/quan-tri/dang-xuat"`}})
	})
	t.Run("next after login", func(t *testing.T) {
		res := f.do(t, "POST", "/quan-tri/dang-nhap", "", url.Values{"username": {"editor"}, "password": {staffPassword}, "next": {"/quan-tri/don-vi"}}, nil)
		if res.status != 303 || res.location != "/quan-tri/don-vi" {
			t.Errorf("next: %d → %q", res.status, res.location)
		}
		res = f.do(t, "POST", "/quan-tri/dang-nhap", "", url.Values{"username": {"editor"}, "password": {staffPassword}, "next": {"//evil.example/"}}, nil)
		if res.location != "/quan-tri/" {
			t.Errorf("open redirect: → %q", res.location)
		}
	})
}

func TestAdminTOTP(t *testing.T) {
	f := newStaffFixture(t)
	res := f.login(t, "admin", staffPassword)
	if res.status != 303 || res.location != "/quan-tri/bat-xac-thuc" {
		t.Fatalf("portal admin without TOTP: %d → %q", res.status, res.location)
	}
	s := &staff{f: f, cookie: res.cookie}
	sessions := map[string]*staff{"pending": s}
	f.checkAll(t, sessions, []adminCase{
		{name: "dashboard waits for enrolment", actor: "pending", path: "/quan-tri/", status: 303, location: "/quan-tri/bat-xac-thuc"},
		{name: "units wait for enrolment", actor: "pending", path: "/quan-tri/don-vi", status: 303, location: "/quan-tri/bat-xac-thuc"},
		{name: "code page is not this step", actor: "pending", path: "/quan-tri/xac-thuc", status: 303, location: "/quan-tri/bat-xac-thuc"},
	})
	page := s.get(t, "/quan-tri/bat-xac-thuc")
	s.csrf = csrfOf(t, page.body)
	wrong := s.post(t, "/quan-tri/bat-xac-thuc", url.Values{"code": {"000000"}})
	if wrong.status != 401 || !strings.Contains(wrong.body, "Mã xác thực không đúng") {
		t.Errorf("wrong enrolment code: %d\n%s", wrong.status, trim(wrong.body))
	}
	secret := s.enrol(t)
	if s.lastStep != "/quan-tri/" {
		t.Fatalf("after enrolment → %q", s.lastStep)
	}
	s.refreshCSRF(t)
	f.check(t, sessions, adminCase{name: "dashboard after enrolment", actor: "pending", path: "/quan-tri/", status: 200, want: []string{"Quản trị cổng"}})

	// The next login asks for a code; the enrolment's step is used up, so
	// the code of the next step (within the accepted skew) passes.
	res = f.login(t, "admin", staffPassword)
	if res.status != 303 || res.location != "/quan-tri/xac-thuc" {
		t.Fatalf("enrolled admin: %d → %q", res.status, res.location)
	}
	s2 := &staff{f: f, cookie: res.cookie}
	s2.refreshCSRFFrom(t, "/quan-tri/xac-thuc")
	if r := s2.post(t, "/quan-tri/xac-thuc", url.Values{"code": {"123456"}}); r.status != 401 {
		t.Errorf("wrong code: %d", r.status)
	}
	s2.answerTOTP(t, "/quan-tri/xac-thuc", secret, time.Now().Add(30*time.Second))
	if r := s2.get(t, "/quan-tri/"); s2.lastStep != "/quan-tri/" || r.status != 200 {
		t.Errorf("dashboard after TOTP: %d", r.status)
	}
}

func TestAdminCSRF(t *testing.T) {
	f := newStaffFixture(t)
	s := f.session(t, "deptadmin")
	edit := s.get(t, "/quan-tri/don-vi/so-tu-phap")
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(edit.body)
	if edit.status != 200 || version == nil {
		t.Fatalf("edit form: %d", edit.status)
	}
	form := unitForm("Sở Tư pháp", version[1], f.units["01"])
	for _, c := range []struct {
		name   string
		form   url.Values
		header map[string]string
	}{
		{"no token", form, nil},
		{"wrong token", withCSRF(form, "x"+s.csrf), nil},
		{"cross-site", withCSRF(form, s.csrf), map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"other origin", withCSRF(form, s.csrf), map[string]string{"Origin": "https://evil.example"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := f.do(t, "POST", "/quan-tri/don-vi/so-tu-phap", s.cookie, c.form, c.header)
			if res.status != 403 || !strings.Contains(res.body, "không đến từ trang của cổng") {
				t.Errorf("%s: %d\n%s", c.name, res.status, trim(res.body))
			}
		})
	}
	t.Run("logout needs the token", func(t *testing.T) {
		if res := f.do(t, "POST", "/quan-tri/dang-xuat", s.cookie, url.Values{}, nil); res.status != 403 {
			t.Errorf("logout without token: %d", res.status)
		}
		if res := s.get(t, "/quan-tri/"); res.status != 200 {
			t.Errorf("session ended by a forged logout: %d", res.status)
		}
	})
	t.Run("same-origin save passes", func(t *testing.T) {
		res := f.do(t, "POST", "/quan-tri/don-vi/so-tu-phap", s.cookie, withCSRF(form, s.csrf), map[string]string{"Sec-Fetch-Site": "same-origin"})
		if res.status != 303 {
			t.Errorf("same-origin save: %d\n%s", res.status, trim(res.body))
		}
	})
}

func TestAdminLogout(t *testing.T) {
	f := newStaffFixture(t)
	s := f.session(t, "editor")
	old := s.cookie
	res := s.post(t, "/quan-tri/dang-xuat", nil)
	if res.status != 303 || res.location != "/quan-tri/dang-nhap" {
		t.Fatalf("logout: %d → %q", res.status, res.location)
	}
	if r := f.do(t, "GET", "/quan-tri/", old, nil, nil); r.status != 303 || !strings.HasPrefix(r.location, "/quan-tri/dang-nhap") {
		t.Errorf("old cookie after logout: %d → %q", r.status, r.location)
	}
	if r := f.do(t, "GET", "/quan-tri/don-vi", old, nil, nil); r.status != 303 {
		t.Errorf("old cookie on units after logout: %d", r.status)
	}
}

// withCSRF returns a copy of form with the token.
func withCSRF(form url.Values, token string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Set("csrf", token)
	return out
}

// unitForm is a valid edit form of Sở Tư pháp's details.
func unitForm(name, version string, parent int64) url.Values {
	return url.Values{
		"version": {version}, "kind": {"department"}, "name_vi": {name}, "name_en": {"Department of Justice"},
		"address": {"221 Trần Phú, Hà Đông"}, "phone": {"024 3355 0051"}, "email": {"sotuphap@hanoi.gov.vn"},
		"parent": {strconv.FormatInt(parent, 10)}, "active": {"1"}, "leader_rows": {"3"},
		"leaders.0.name": {"Nguyễn Văn A"}, "leaders.0.position_vi": {"Giám đốc"}, "leaders.0.position_en": {"Director"},
	}
}

// A form body over its limit is refused with 413 before it is read whole.
func TestFormBodyLimit(t *testing.T) {
	f := newFixture(t)
	body := "username=x&password=" + strings.Repeat("a", 40<<10)
	f.run(t, scenario{method: "POST", path: "/quan-tri/dang-nhap", body: body,
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, status: 413})
}
