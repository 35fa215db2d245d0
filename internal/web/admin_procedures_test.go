package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
)

// The procedures pages of the staff area: a draft made with the form and
// its repeating rows (no JavaScript), approved and published by an
// approver, edited stale, refused to the wrong people, abolished; its
// history; the import by upload and the export.

// procedureDraft is the create form of a procedure with two steps, a
// channel with a fee and a document, and a blank row in every group, as
// a browser without JavaScript sends it.
func procedureDraft(owner int64) url.Values {
	return url.Values{
		"code": {"1.999001"}, "name": {"Thủ tục thử nghiệm cấp giấy xác nhận"}, "field": {"Hộ tịch"},
		"levels": {"province", "commune"}, "online_level": {"partial"}, "owner_unit": {strconv.FormatInt(owner, 10)},
		"implementing_agency": {"Sở Tư pháp"}, "applicants": {"Công dân Việt Nam\n\nNgười nước ngoài"},
		"result":     {"Giấy xác nhận"},
		"steps_rows": {"3"}, "steps.0.title": {"Nộp hồ sơ"}, "steps.0.text": {"Người yêu cầu nộp hồ sơ tại Bộ phận một cửa."},
		"steps.1.text":  {"Công chức kiểm tra và trả kết quả."},
		"channels_rows": {"2"}, "channels.0.kind": {"in_person"}, "channels.0.time_limit": {"5"},
		"channels.0.time_limit_unit": {"working_days"}, "channels.0.time_limit_text": {"05 ngày làm việc"},
		"channels.0.fees_rows": {"2"}, "channels.0.fees.0.kind": {"charge"}, "channels.0.fees.0.amount": {"8.000"},
		"channels.0.fees.0.description": {"Mỗi bản"},
		"channels.1.time_limit_unit":    {"working_days"}, "channels.1.fees_rows": {"1"},
		"documents_rows": {"2"}, "documents.0.name": {"Tờ khai theo mẫu"}, "documents.0.originals": {"1"}, "documents.0.copies": {"0"},
		"documents.0.forms": {"Mẫu TK-01 | https://example.gov.vn/tk01.docx"},
		"legal_basis_rows":  {"2"}, "legal_basis.0.number": {"12/2023/QĐ-UBND"}, "legal_basis.0.summary": {"Quy định thử nghiệm"},
		"forms_rows": {"2"}, "reason": {"Soạn mới để thử nghiệm"},
	}
}

func TestAdminProcedures(t *testing.T) {
	f := newStaffFixture(t)
	f.createUser(t, "approver", access.Approver, "so-tu-phap")
	sessions := map[string]*staff{"editor": f.session(t, "editor"), "approver": f.session(t, "approver"),
		"deptadmin": f.session(t, "deptadmin"), "wardadmin": f.session(t, "wardadmin"), "wardclerk": f.session(t, "wardclerk")}
	const page = "/quan-tri/thu-tuc/1.999001"
	draft := procedureDraft(f.units["so-tu-phap"])
	more := procedureDraft(f.units["so-tu-phap"])
	more.Set("action", "more:steps")
	invalid := procedureDraft(f.units["so-tu-phap"])
	invalid.Set("code", "1.999002")
	invalid.Del("channels.0.kind")
	invalid.Set("documents.0.originals", "nhiều")
	invalid.Del("levels")

	f.checkAll(t, sessions, []adminCase{
		{name: "new form with blank rows", actor: "editor", path: "/quan-tri/thu-tuc/moi", status: 200,
			want: []string{`name="steps_rows" value="2"`, `name="steps.1.text"`, `name="channels.0.fees.0.amount"`, `<legend>Bước 1</legend>`,
				`name="action" value="more:steps"`, `<span class="vh"> (Bước 2)</span>`, `id="f-levels-commune"`, `type="radio"`,
				`name="owner_unit"`, `Sở Tư pháp</option>`},
			notWant: []string{`Phường Hoàn Kiếm</option>`, `name="version"`}},
		{name: "unit admin may not create", actor: "deptadmin", path: "/quan-tri/thu-tuc/moi", status: 403},

		// More rows without JavaScript: nothing saved, the rows typed stay,
		// two more blank steps are added to the two shown.
		{name: "more rows", actor: "editor", method: "POST", path: "/quan-tri/thu-tuc/moi", form: more, status: 200,
			want:    []string{`value="Nộp hồ sơ"`, `name="steps.5.text"`, `name="steps_rows" value="6"`, `value="8000"`, `name="channels.0.fees_rows" value="2"`},
			notWant: []string{`name="steps.6.text"`, "Đã lưu."}},

		// Validation: 422, each message on its row's field and in the
		// linked summary.
		{name: "validation", actor: "editor", method: "POST", path: "/quan-tri/thu-tuc/moi", form: invalid, status: 422,
			want: []string{`id="form-errors"`, `id="f-channels.0.kind-err">Vui lòng chọn một giá trị trong danh sách.`,
				`aria-describedby="f-channels.0.kind-err"`, `id="f-documents.0.originals-err">Vui lòng nhập một số.`,
				`href="#f-channels.0.kind"`, `id="f-levels-err">`, `value="Nộp hồ sơ"`, `aria-invalid="true"`}},

		{name: "create", actor: "editor", method: "POST", path: "/quan-tri/thu-tuc/moi", form: draft, status: 303, location: page + "?saved=1"},
		{name: "duplicate code", actor: "editor", method: "POST", path: "/quan-tri/thu-tuc/moi", form: draft, status: 409,
			want: []string{"Đã có thủ tục với mã này.", `id="f-code-err"`}},
		{name: "editor's page", actor: "editor", path: page + "?saved=1", status: 200,
			want: []string{"Đã lưu.", "Bản nháp", `name="version" value="1"`, "Người yêu cầu nộp hồ sơ tại Bộ phận một cửa.",
				`value="8000"`, `value="Mỗi bản"`, "Mẫu TK-01 | https://example.gov.vn/tk01.docx", `name="steps_rows" value="4"`, `href="/quan-tri/thu-tuc/1.999001/phien-ban"`},
			notWant: []string{"/duyet", "/cong-bo", `nhat-ky?kind=procedure`}},
		{name: "list shows the draft", actor: "editor", path: "/quan-tri/thu-tuc?q=thu+nghiem+cap+giay", status: 200,
			want: []string{"Thủ tục thử nghiệm cấp giấy xác nhận", `class="badge status-draft">Bản nháp`, "1 thủ tục", "format=csv"}},
		{name: "list filters by status", actor: "editor", path: "/quan-tri/thu-tuc?status=published", status: 200,
			notWant: []string{"Thủ tục thử nghiệm cấp giấy xác nhận"}},

		// Who may do what.
		{name: "editor may not approve", actor: "editor", method: "POST", path: page + "/duyet", form: url.Values{"version": {"1"}}, status: 403},
		{name: "editor may not publish", actor: "editor", method: "POST", path: page + "/cong-bo", form: url.Values{"version": {"1"}}, status: 403},
		{name: "another unit's admin does not see the draft", actor: "wardadmin", path: page, status: 404},
		{name: "another unit's editor does not see the draft", actor: "wardclerk", path: page, status: 404},
		{name: "nor in the list", actor: "wardclerk", path: "/quan-tri/thu-tuc", status: 200, notWant: []string{"1.999001"}},
		{name: "nor its history", actor: "wardadmin", path: page + "/phien-ban", status: 404},
		{name: "unit admin reads only, with the audit link", actor: "deptadmin", path: page, status: 200,
			want:    []string{"Bạn chỉ được xem thủ tục này.", "Người yêu cầu nộp hồ sơ tại Bộ phận một cửa.", `href="/quan-tri/nhat-ky?kind=procedure&amp;object=1.999001"`},
			notWant: []string{`name="steps_rows"`, "/duyet"}},
		{name: "approver sees approve", actor: "approver", path: page, status: 200,
			want: []string{`action="/quan-tri/thu-tuc/1.999001/duyet"`, `action="/quan-tri/thu-tuc/1.999001/bai-bo"`}, notWant: []string{"/cong-bo"}},
		{name: "publish before approval", actor: "approver", method: "POST", path: page + "/cong-bo", form: url.Values{"version": {"1"}}, status: 409,
			want: []string{"Không thể thực hiện thao tác này ở trạng thái hiện tại của thủ tục."}},
	})

	svc := f.procs
	p, err := svc.FindProcedureByCode(systemCtx(), "1.999001")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != procedure.Draft || len(p.Steps) != 2 || len(p.Channels) != 1 || len(p.Documents) != 1 || len(p.LegalBasis) != 1 ||
		p.Channels[0].Fees[0].Amount != 8000 || p.Channels[0].TimeLimit.Value != 5 || len(p.Levels) != 2 || len(p.Applicants) != 2 ||
		p.Documents[0].Forms[0].URL != "https://example.gov.vn/tk01.docx" || p.Revision.Reason != "Soạn mới để thử nghiệm" {
		t.Errorf("stored draft: %+v", p)
	}

	t.Run("edit, unchanged, stale", func(t *testing.T) {
		s := sessions["editor"]
		edit := procedureDraft(f.units["so-tu-phap"])
		edit.Del("code")
		edit.Set("version", versionOf(t, s.get(t, page).body))
		if res := s.post(t, page, edit); res.status != 303 || res.location != page+"?unchanged=1" {
			t.Errorf("same content: %d → %q", res.status, res.location)
		}
		edit.Set("steps.1.text", "Công chức kiểm tra, trả kết quả trong ngày.")
		edit.Set("reason", "Rút ngắn thời gian")
		if res := s.post(t, page, edit); res.status != 303 || res.location != page+"?saved=1" {
			t.Fatalf("edit: %d → %q\n%s", res.status, res.location, mainOf(res.body))
		}
		stale := s.post(t, page, edit)
		if stale.status != 409 || !strings.Contains(stale.body, "Dữ liệu đã được người khác thay đổi") ||
			!strings.Contains(stale.body, "trả kết quả trong ngày") || !strings.Contains(stale.body, `name="version" value="1"`) {
			t.Errorf("stale edit: %d\n%s", stale.status, mainOf(stale.body))
		}
	})

	t.Run("approve, publish, public", func(t *testing.T) {
		s := sessions["approver"]
		v := versionOf(t, s.get(t, page).body)
		if v != "2" {
			t.Fatalf("version %s, want 2", v)
		}
		if res := s.post(t, page+"/duyet", url.Values{"version": {"1"}}); res.status != 409 || !strings.Contains(res.body, "Dữ liệu đã được người khác thay đổi") {
			t.Errorf("approve a stale version: %d", res.status)
		}
		if res := s.post(t, page+"/duyet", url.Values{"version": {v}}); res.status != 303 || res.location != page+"?done=approve" {
			t.Fatalf("approve: %d → %q\n%s", res.status, res.location, mainOf(res.body))
		}
		if res := s.get(t, page+"?done=approve"); !strings.Contains(res.body, "Đã duyệt phiên bản.") || !strings.Contains(res.body, "/cong-bo") {
			t.Errorf("after approval:\n%s", mainOf(res.body))
		}
		if res := s.post(t, page+"/cong-bo", url.Values{"version": {v}}); res.status != 303 || res.location != page+"?done=publish" {
			t.Fatalf("publish: %d → %q\n%s", res.status, res.location, mainOf(res.body))
		}
		pub, err := svc.FindProcedureByCode(context.Background(), "1.999001")
		if err != nil || pub.Version != 2 || pub.Status != procedure.Published || !strings.Contains(pub.Steps[1].Text, "trong ngày") {
			t.Errorf("the public sees %+v, %v", pub, err)
		}
		if api := f.do(t, "GET", "/api/v1/procedures/1.999001", "", nil, nil); api.status != 200 || !strings.Contains(api.body, "Thủ tục thử nghiệm cấp giấy xác nhận") {
			t.Errorf("public API: %d\n%s", api.status, trim(api.body))
		}
	})

	f.checkAll(t, sessions, []adminCase{
		{name: "history", actor: "editor", path: page + "/phien-ban", status: 200,
			want: []string{"Phiên bản 1", "Phiên bản 2", "Soạn mới để thử nghiệm", "Rút ngắn thời gian", "approver · ", "đang công khai",
				`class="badge status-published"`, `name="a"`, `action="/quan-tri/thu-tuc/1.999001/so-sanh"`}},
		{name: "a version", actor: "editor", path: page + "/phien-ban/1", status: 200,
			want: []string{"Phiên bản 1: Thủ tục thử nghiệm", "Công chức kiểm tra và trả kết quả.", "Lệ phí: 8.000 đồng (Mỗi bản)", "12/2023/QĐ-UBND"}},
		{name: "no such version", actor: "editor", path: page + "/phien-ban/9", status: 404},
		{name: "compare", actor: "editor", path: page + "/so-sanh?a=1&b=2", status: 200,
			want: []string{"1 trường khác nhau", `class="changed"`, "trả kết quả trong ngày"}},
		{name: "audit log of the procedure", actor: "deptadmin", path: "/quan-tri/nhat-ky?kind=procedure&object=1.999001", status: 200,
			want: []string{"procedure.create", "procedure.update", "procedure.approve", "procedure.publish"}},
		{name: "abolish needs a decision", actor: "approver", method: "POST", path: page + "/bai-bo", form: url.Values{"version": {"2"}, "abolish_date": {"2026-01-01"}}, status: 422,
			want: []string{`id="f-abolish_decision-err"`, "Vui lòng nhập số hiệu quyết định", `value="2026-01-01"`, "<details open>"}},
		{name: "abolish", actor: "approver", method: "POST", path: page + "/bai-bo", status: 303, location: page + "?done=abolish",
			form: url.Values{"version": {"2"}, "abolish_decision": {"Quyết định số 99/QĐ-UBND"}, "abolish_date": {"2026-01-01"}}},
		{name: "abolished reads only", actor: "editor", path: page + "?done=abolish", status: 200,
			want: []string{"Đã bãi bỏ thủ tục.", "Đã bãi bỏ", "không sửa được nữa"}, notWant: []string{`name="steps_rows"`, "/bai-bo"}},
	})
}

func TestAdminProcedureImportExport(t *testing.T) {
	f := newStaffFixture(t)
	admin := f.adminSession(t)
	editor := f.session(t, "editor")
	fixture, err := os.ReadFile("../procimport/testdata/small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if res := editor.get(t, "/quan-tri/thu-tuc/nhap"); res.status != 403 {
		t.Errorf("import page for an editor: %d", res.status)
	}
	if res := admin.get(t, "/quan-tri/thu-tuc/nhap"); res.status != 200 || !strings.Contains(res.body, `enctype="multipart/form-data"`) ||
		!strings.Contains(res.body, `accept=".jsonl,.json`) {
		t.Errorf("import page: %d\n%s", res.status, mainOf(res.body))
	}
	res := admin.upload(t, "small.jsonl", fixture, nil)
	if res.status != 200 || !strings.Contains(res.body, "Đã đọc 3 bản ghi: 3 tạo mới, 0 cập nhật, 0 không đổi, 0 không nhập được") ||
		!strings.Contains(res.body, `href="/quan-tri/thu-tuc/1.900001"`) || !strings.Contains(res.body, "<code>owner</code>") {
		t.Errorf("first import: %d\n%s", res.status, mainOf(res.body))
	}
	res = admin.upload(t, "small.jsonl", fixture, nil)
	if res.status != 200 || !strings.Contains(res.body, "3 bản ghi: 0 tạo mới, 0 cập nhật, 3 không đổi") {
		t.Errorf("second import: %d\n%s", res.status, mainOf(res.body))
	}
	// A JSON array of the same records is the same import.
	array := "[" + strings.Join(strings.Split(strings.TrimSpace(string(fixture)), "\n"), ",") + "]"
	if res = admin.upload(t, "small.json", []byte(array), nil); !strings.Contains(res.body, "3 không đổi") {
		t.Errorf("array import: %d\n%s", res.status, mainOf(res.body))
	}
	if res = admin.upload(t, "bad.jsonl", []byte("{\"metadata\": 1}\n"), nil); res.status != 422 || !strings.Contains(res.body, "dòng 1") ||
		!strings.Contains(res.body, `id="f-file-err"`) {
		t.Errorf("unreadable file: %d\n%s", res.status, mainOf(res.body))
	}
	if res = admin.upload(t, "", nil, nil); res.status != 422 || !strings.Contains(res.body, "Vui lòng chọn tệp cần nhập.") {
		t.Errorf("no file: %d\n%s", res.status, mainOf(res.body))
	}
	if res = admin.upload(t, "big.jsonl", bytes.Repeat([]byte(" "), 20<<20+1), nil); res.status != 413 || !strings.Contains(res.body, `id="f-file-err"`) {
		t.Errorf("a file over 20 MB: %d\n%s", res.status, mainOf(res.body))
	}
	if res = admin.upload(t, "huge.jsonl", bytes.Repeat([]byte(" "), 22<<20), nil); res.status != 413 {
		t.Errorf("a body over its limit: %d", res.status)
	}
	if res = admin.upload(t, "small.jsonl", fixture, map[string]string{"owner": "khong-co"}); res.status != 422 {
		t.Errorf("unknown owner: %d", res.status)
	}
	if res = admin.upload(t, "small.jsonl", fixture, map[string]string{"csrf": ""}); res.status != 403 || !strings.Contains(res.body, "không đến từ trang của cổng") {
		t.Errorf("upload without the CSRF token: %d", res.status)
	}
	// An approver of the department imports what its unit owns; the
	// records owned by the city are refused by the service.
	f.createUser(t, "approver", access.Approver, "so-tu-phap")
	changed, err := os.ReadFile("../procimport/testdata/changed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res = f.session(t, "approver").upload(t, "changed.jsonl", changed, nil)
	if res.status != 200 || !strings.Contains(res.body, "3 bản ghi: 0 tạo mới, 1 cập nhật, 0 không đổi, 2 không nhập được") ||
		!strings.Contains(res.body, "Bạn không có quyền") {
		t.Errorf("approver's import: %d\n%s", res.status, mainOf(res.body))
	}

	t.Run("export CSV", func(t *testing.T) {
		hres, body := editor.download(t, "/quan-tri/thu-tuc/xuat?format=csv&q=mau+thu")
		if hres.StatusCode != 200 || !strings.HasPrefix(hres.Header.Get("Content-Type"), "text/csv") ||
			!strings.HasPrefix(hres.Header.Get("Content-Disposition"), `attachment; filename="thu-tuc-`) ||
			!strings.HasSuffix(hres.Header.Get("Content-Disposition"), `.csv"`) {
			t.Fatalf("export: %d %v", hres.StatusCode, hres.Header)
		}
		var header strings.Builder
		header.WriteString("\uFEFF")
		cw := csv.NewWriter(&header)
		cw.Write(procexport.Headers())
		cw.Flush()
		if !strings.HasPrefix(body, header.String()) || !strings.Contains(body, "1.900001") || strings.Contains(body, "1.900003") {
			t.Errorf("CSV:\n%s", trim(body))
		}
	})
	t.Run("export XLSX and bad format", func(t *testing.T) {
		if hres, body := editor.download(t, "/quan-tri/thu-tuc/xuat?format=xlsx"); hres.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("xlsx: %d", hres.StatusCode)
		}
		if hres, _ := editor.download(t, "/quan-tri/thu-tuc/xuat?format=pdf"); hres.StatusCode != 422 {
			t.Errorf("unknown format: %d", hres.StatusCode)
		}
	})
	t.Run("CSRF", func(t *testing.T) {
		form := procedureDraft(f.units["so-tu-phap"])
		if res := f.do(t, "POST", "/quan-tri/thu-tuc/moi", editor.cookie, form, nil); res.status != 403 || !strings.Contains(res.body, "không đến từ trang của cổng") {
			t.Errorf("create without the token: %d", res.status)
		}
		if res := f.do(t, "POST", "/quan-tri/thu-tuc/1.900001/duyet", admin.cookie, url.Values{"version": {"1"}}, nil); res.status != 403 {
			t.Errorf("approve without the token: %d", res.status)
		}
	})
}

// upload posts the import form with a file (none when name is "") and the
// session's CSRF token; extra fields override the defaults.
func (s *staff) upload(t *testing.T, name string, content []byte, extra map[string]string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields := map[string]string{"csrf": s.csrf, "owner": ""}
	for k, v := range extra {
		fields[k] = v
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, err := http.NewRequest("POST", s.f.srv.URL+"/quan-tri/thu-tuc/nhap", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Cookie", sessionCookie+"="+s.cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location")}
}

// download GETs path with the session and returns the response with its
// headers.
func (s *staff) download(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", s.f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Cookie", sessionCookie+"="+s.cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// Saving the edit form of a stored procedure as a browser sends it (text
// areas with "\r\n" line breaks) changes nothing: every field of the
// content survives the form.
func TestAdminProcedureFormRoundTrip(t *testing.T) {
	f := newStaffFixture(t)
	s := f.session(t, "editor")
	for _, code := range []string{"1.001193", "2.000815"} {
		page := s.get(t, "/quan-tri/thu-tuc/"+code)
		form := formValues(t, page.body, "/quan-tri/thu-tuc/"+code)
		if res := s.post(t, "/quan-tri/thu-tuc/"+code, form); res.status != 303 || !strings.HasSuffix(res.location, "?unchanged=1") {
			t.Errorf("%s saved as is: %d → %q\n%s", code, res.status, res.location, mainOf(res.body))
		}
	}
}

var (
	formTagRE  = regexp.MustCompile(`(?s)<input ([^>]*)>|<textarea ([^>]*)>(.*?)</textarea>|<select ([^>]*)>(.*?)</select>`)
	attrRE     = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	selectedRE = regexp.MustCompile(`<option value="([^"]*)"( selected)?>`)
)

// formValues returns what a browser sends for the form posting to action
// in body: inputs, checked boxes, text areas with "\r\n" line breaks and
// selected options, without the submit buttons.
func formValues(t *testing.T, body, action string) url.Values {
	t.Helper()
	i := strings.Index(body, `<form method="post" action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	body = body[i : i+strings.Index(body[i:], "</form>")]
	attrs := func(tag string) map[string]string {
		m := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(tag, -1) {
			m[a[1]] = html.UnescapeString(a[2])
		}
		return m
	}
	v := url.Values{}
	for _, m := range formTagRE.FindAllStringSubmatch(body, -1) {
		switch {
		case m[1] != "":
			a := attrs(m[1])
			if (a["type"] == "checkbox" || a["type"] == "radio") && !strings.Contains(m[1], " checked") {
				continue
			}
			v.Add(a["name"], a["value"])
		case m[2] != "":
			text := strings.ReplaceAll(html.UnescapeString(m[3]), "\n", "\r\n")
			v.Add(attrs(m[2])["name"], text)
		default:
			opts := selectedRE.FindAllStringSubmatch(m[5], -1)
			choice := ""
			for j, o := range opts {
				if j == 0 || o[2] != "" {
					choice = html.UnescapeString(o[1])
				}
			}
			v.Add(attrs(m[4])["name"], choice)
		}
	}
	return v
}
