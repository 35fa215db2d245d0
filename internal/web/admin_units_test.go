package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

// versionOf reads the hidden version of an edit form.
func versionOf(t *testing.T, body string) string {
	t.Helper()
	m := versionRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no version in\n%s", trim(body))
	}
	return m[1]
}

func TestAdminUnits(t *testing.T) {
	f := newStaffFixture(t)
	sessions := map[string]*staff{
		"admin": f.adminSession(t), "editor": f.session(t, "editor"),
		"deptadmin": f.session(t, "deptadmin"), "wardadmin": f.session(t, "wardadmin"),
	}
	id := func(code string) string { return strconv.FormatInt(f.units[code], 10) }
	newUnit := url.Values{
		"code": {"so-thu-nghiem"}, "kind": {"department"}, "parent": {id("01")},
		"name_vi": {"Sở Thử nghiệm Đô thị"}, "name_en": {"Department of Urban Trials"},
		"address": {"1 Tràng Tiền, Hoàn Kiếm"}, "phone": {"024 3825 0000"}, "email": {"thunghiem@hanoi.gov.vn"},
		"website": {"https://thunghiem.hanoi.gov.vn"}, "leader_rows": {"2"},
		"leaders.0.name": {"Trần Thị B"}, "leaders.0.position_vi": {"Giám đốc"}, "leaders.0.position_en": {"Director"},
	}
	f.checkAll(t, sessions, []adminCase{
		// The list shows every unit, with edit links only where the actor may edit.
		{name: "list for editor", actor: "editor", path: "/quan-tri/don-vi", status: 200,
			want:    []string{"Sở Tư pháp", "Phường Hoàn Kiếm", "<caption>", `<th scope="col">`},
			notWant: []string{`href="/quan-tri/don-vi/so-tu-phap"`, `href="/quan-tri/don-vi/moi"`}},
		{name: "list for unit admin", actor: "deptadmin", path: "/quan-tri/don-vi", status: 200,
			want: []string{`href="/quan-tri/don-vi/so-tu-phap"`, `href="/quan-tri/don-vi/moi"`}, notWant: []string{`href="/quan-tri/don-vi/00070"`}},
		{name: "list filter folded", actor: "admin", path: "/quan-tri/don-vi?q=hoan+kiem&status=active", status: 200,
			want: []string{"Phường Hoàn Kiếm", "1 đơn vị"}, notWant: []string{"Sở Tư pháp"}},
		{name: "list filter inactive", actor: "admin", path: "/quan-tri/don-vi?status=inactive", status: 200,
			want: []string{"Quận Hoàn Kiếm", "Ngừng từ 2025-07-01"}, notWant: []string{"Sở Tư pháp"}},
		{name: "list filter kind", actor: "admin", path: "/quan-tri/don-vi?kind=ward", status: 200,
			want: []string{"Phường Hoàn Kiếm"}, notWant: []string{"Sở Tư pháp"}},

		// Editing needs EditUnit on the unit.
		{name: "editor may not edit", actor: "editor", path: "/quan-tri/don-vi/so-tu-phap", status: 403, want: []string{"Bạn không có quyền"}},
		{name: "editor may not save", actor: "editor", method: "POST", path: "/quan-tri/don-vi/so-tu-phap", form: unitForm("Sở Tư pháp", "1", f.units["01"]), status: 403},
		{name: "editor may not create", actor: "editor", path: "/quan-tri/don-vi/moi", status: 403},
		{name: "ward admin may not edit the department", actor: "wardadmin", path: "/quan-tri/don-vi/so-tu-phap", status: 403},
		{name: "unknown unit", actor: "admin", path: "/quan-tri/don-vi/khong-co", status: 404},
		{name: "edit form", actor: "deptadmin", path: "/quan-tri/don-vi/so-tu-phap", status: 200,
			want: []string{`name="version" value="1"`, `value="Nguyễn Văn A"`, `name="leaders.2.name"`, `name="leader_rows" value="3"`,
				`name="action" value="more"`, `<legend>Lãnh đạo 1</legend>`, `id="f-successor"`, `type="date"`}},
		// The unit admin's parent choices are where it may create units:
		// below its own unit, plus the current parent.

		// Creating.
		{name: "create form", actor: "admin", path: "/quan-tri/don-vi/moi", status: 200,
			want: []string{`name="code"`, "Không có – đơn vị cấp cao nhất", `name="leaders.1.name"`}, notWant: []string{`name="version"`}},
		{name: "create", actor: "admin", method: "POST", path: "/quan-tri/don-vi/moi", form: newUnit, status: 303, location: "/quan-tri/don-vi/so-thu-nghiem?saved=1"},
		{name: "created unit's form", actor: "admin", path: "/quan-tri/don-vi/so-thu-nghiem?saved=1", status: 200,
			want: []string{"Đã lưu.", `value="Trần Thị B"`, `href="/don-vi/so-thu-nghiem"`}},
		{name: "public directory finds it without diacritics", path: "/don-vi?q=thu+nghiem+do+thi", status: 200, want: []string{"Sở Thử nghiệm Đô thị", "1 đơn vị"}},
		{name: "public unit page", path: "/don-vi/so-thu-nghiem", status: 200, want: []string{"Sở Thử nghiệm Đô thị", "Trần Thị B", "1 Tràng Tiền"}},
		{name: "duplicate code", actor: "admin", method: "POST", path: "/quan-tri/don-vi/moi", form: newUnit, status: 409,
			want: []string{"Mã này đã được một đơn vị khác dùng.", `aria-describedby="f-code-hint f-code-err"`}},

		// Validation re-renders with per-field messages tied to their inputs.
		{name: "validation", actor: "admin", method: "POST", path: "/quan-tri/don-vi/moi", status: 422,
			form: url.Values{"code": {"Mã Sai"}, "kind": {""}, "parent": {id("01")}, "name_vi": {""}, "email": {"khong-phai-email"},
				"sort_order": {"abc"}, "leader_rows": {"2"}, "leaders.0.position_vi": {"Phó Giám đốc"}},
			want: []string{`id="form-errors"`, "Thông tin chưa hợp lệ", `aria-describedby="f-name_vi-err"`, `id="f-name_vi-err">Vui lòng nhập thông tin này.`,
				`id="f-email-err">Địa chỉ thư điện tử không hợp lệ.`, `id="f-kind-err"`, `id="f-sort_order-err">Vui lòng nhập một số.`,
				`id="f-leaders.0.name-err">Mỗi lãnh đạo cần có họ tên và chức vụ.`, `value="Phó Giám đốc"`, `aria-invalid="true"`}},
		{name: "a unit admin may not create a root", actor: "deptadmin", method: "POST", path: "/quan-tri/don-vi/moi", status: 403,
			form: url.Values{"code": {"goc-moi"}, "kind": {"agency"}, "parent": {""}, "name_vi": {"Gốc mới"}, "leader_rows": {"0"}}},
		{name: "a unit admin creates below its unit", actor: "deptadmin", method: "POST", path: "/quan-tri/don-vi/moi", status: 303,
			form:     url.Values{"code": {"phong-ho-tich"}, "kind": {"agency"}, "parent": {id("so-tu-phap")}, "name_vi": {"Phòng Hộ tịch"}, "leader_rows": {"0"}},
			location: "/quan-tri/don-vi/phong-ho-tich"},

		// More leader rows without JavaScript: nothing is saved, the rows
		// typed stay, two blank rows are added.
		{name: "more rows", actor: "deptadmin", method: "POST", path: "/quan-tri/don-vi/so-tu-phap", status: 200,
			form: func() url.Values {
				v := unitForm("Sở Tư pháp", "1", f.units["01"])
				v.Set("action", "more")
				v.Set("leader_rows", "3")
				v.Set("leaders.1.name", "Lê Văn C")
				return v
			}(),
			want: []string{`value="Lê Văn C"`, `name="leaders.4.name"`, `name="leader_rows" value="5"`}, notWant: []string{"Đã lưu.", `name="leaders.5.name"`}},
	})

	t.Run("unit admin's parent choices", func(t *testing.T) {
		// Where it may create units (below its own unit), plus the
		// current parent; not the ward, not "no parent".
		sel := selectOf(t, sessions["deptadmin"].get(t, "/quan-tri/don-vi/so-tu-phap").body, "f-parent")
		if !strings.Contains(sel, `<option value="`+id("01")+`" selected>`) || strings.Contains(sel, `value="`+id("00070")+`"`) ||
			strings.Contains(sel, `value=""`) || strings.Contains(sel, `value="`+id("so-tu-phap")+`"`) {
			t.Errorf("parent choices:\n%s", sel)
		}
	})

	t.Run("edit, stale, move, deactivate", func(t *testing.T) {
		s := sessions["admin"]
		edit := s.get(t, "/quan-tri/don-vi/so-thu-nghiem")
		v1 := versionOf(t, edit.body)
		form := url.Values{"version": {v1}, "kind": {"department"}, "parent": {id("01")}, "name_vi": {"Sở Thử nghiệm Đô thị"},
			"active": {"1"}, "leader_rows": {"4"},
			"leaders.0.name": {"Trần Thị B"}, "leaders.0.position_vi": {"Giám đốc"},
			"leaders.2.name": {"Phạm Văn D"}, "leaders.2.position_vi": {"Phó Giám đốc"}, "leaders.2.bio_vi": {"Tiến sĩ luật."}}
		if res := s.post(t, "/quan-tri/don-vi/so-thu-nghiem", form); res.status != 303 || res.location != "/quan-tri/don-vi/so-thu-nghiem?saved=1" {
			t.Fatalf("save: %d → %q\n%s", res.status, res.location, trim(res.body))
		}
		pub := f.do(t, "GET", "/don-vi/so-thu-nghiem", "", nil, nil)
		if !strings.Contains(pub.body, "Phạm Văn D") || !strings.Contains(pub.body, "Tiến sĩ luật.") || strings.Contains(pub.body, "1 Tràng Tiền") {
			t.Errorf("public page after save:\n%s", trim(pub.body))
		}
		// The same version again is stale: 409 with the form and the message.
		stale := s.post(t, "/quan-tri/don-vi/so-thu-nghiem", form)
		if stale.status != 409 || !strings.Contains(stale.body, "Dữ liệu đã được người khác thay đổi") || !strings.Contains(stale.body, `value="Phạm Văn D"`) {
			t.Errorf("stale save: %d\n%s", stale.status, trim(stale.body))
		}
		// Move below the ward, then deactivate with a successor.
		form.Set("version", versionOf(t, s.get(t, "/quan-tri/don-vi/so-thu-nghiem").body))
		form.Set("parent", id("00070"))
		if res := s.post(t, "/quan-tri/don-vi/so-thu-nghiem", form); res.status != 303 {
			t.Fatalf("move: %d\n%s", res.status, trim(res.body))
		}
		if pub := f.do(t, "GET", "/don-vi/so-thu-nghiem", "", nil, nil); !strings.Contains(pub.body, `href="/don-vi/00070">Phường Hoàn Kiếm`) {
			t.Errorf("moved unit's parent not shown:\n%s", trim(pub.body))
		}
		form.Set("version", versionOf(t, s.get(t, "/quan-tri/don-vi/so-thu-nghiem").body))
		form.Del("active")
		form.Set("successor", id("so-tu-phap"))
		form.Set("inactive_since", "2025-07-01")
		if res := s.post(t, "/quan-tri/don-vi/so-thu-nghiem", form); res.status != 303 {
			t.Fatalf("deactivate: %d\n%s", res.status, trim(res.body))
		}
		pub = f.do(t, "GET", "/don-vi/so-thu-nghiem", "", nil, nil)
		if !strings.Contains(pub.body, "không còn hoạt động từ 2025-07-01") || !strings.Contains(pub.body, `href="/don-vi/so-tu-phap"`) {
			t.Errorf("deactivated unit:\n%s", trim(pub.body))
		}
		// A unit cannot move below itself: the choice is not offered, and
		// a forged one is refused.
		form.Set("version", versionOf(t, s.get(t, "/quan-tri/don-vi/00070").body))
		form.Set("parent", id("00070"))
		if res := s.post(t, "/quan-tri/don-vi/00070", form); res.status != 422 || !strings.Contains(res.body, "Không thể chuyển một đơn vị vào bên dưới chính nó.") {
			t.Errorf("move below itself: %d\n%s", res.status, trim(res.body))
		}
	})

	f.checkAll(t, sessions, []adminCase{
		{name: "audit shows the creation and the changes", actor: "admin", path: "/quan-tri/nhat-ky?kind=unit", status: 200,
			want: []string{"unit.create", "unit.move", "unit.deactivate", "so-thu-nghiem", "<time datetime="}},
		{name: "audit shows logins", actor: "admin", path: "/quan-tri/nhat-ky?action=auth.", status: 200,
			want: []string{"<code>auth.login</code>", "deptadmin", "Thành công"}, notWant: []string{"<code>unit.create</code>"}},
	})
}

// selectOf returns the select element with id in body.
func selectOf(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `<select id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no select %s", id)
	}
	j := strings.Index(body[i:], "</select>")
	return body[i : i+j]
}
