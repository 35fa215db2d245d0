package notifytmpl

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
)

// sample has every field any template uses.
var sample = map[string]any{
	"Name": "Nguyễn Văn A", "Username": "nva", "LoginURL": "https://cong.example/dang-nhap",
	"ResetURL": "https://cong.example/dat-lai?t=x", "Minutes": 30,
	"Code": "000.00.01.H26-250124-0001", "Procedure": "Cấp giấy phép xây dựng", "DueDate": "10/02/2025",
	"TrackURL": "https://cong.example/tra-cuu", "Reason": "Thiếu bản vẽ", "Title": "Giờ làm việc", "URL": "https://cong.example/hoi-dap/1",
	"UnsubscribeURL": "https://cong.example/tra-cuu-ho-so/huy-theo-doi?t=7.abc", "ConfirmURL": "https://cong.example/tra-cuu-ho-so/xac-nhan?t=7.1.x",
	"Hours": 48, "ConfirmCode": "042917", "Number": 12, "Unit": "Trung tâm phục vụ hành chính công",
	"OldAppointment": "17:00 06/05/2025", "NewAppointment": "17:00 09/05/2025",
}

func TestEveryTemplateInBothLanguagesAndForms(t *testing.T) {
	s, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := embedded.ReadDir("templates")
	files := map[string]bool{}
	for _, e := range names {
		files[e.Name()] = true
	}
	if len(s.Keys()) < 5 {
		t.Fatalf("only keys %v", s.Keys())
	}
	for _, key := range s.Keys() {
		for _, lang := range notify.Languages {
			for _, form := range []string{"txt", "html"} {
				if name := key + "." + lang + "." + form + ".tmpl"; !files[name] {
					t.Errorf("missing %s", name)
				}
			}
			r, err := s.Render(key, lang, sample)
			if err != nil {
				t.Errorf("%s.%s: %v", key, lang, err)
				continue
			}
			if r.Subject == "" || r.Text == "" || r.SMS == "" || !strings.Contains(r.HTML, `<html lang="`+lang+`">`) {
				t.Errorf("%s.%s rendered %+v", key, lang, r)
			}
		}
	}
}

func TestRenderBothLanguages(t *testing.T) {
	s, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	vi, _ := s.Render("dossier.received", "vi", sample)
	en, _ := s.Render("dossier.received", "en", sample)
	if vi.Subject != "Hồ sơ 000.00.01.H26-250124-0001 đã được tiếp nhận" {
		t.Errorf("vi subject %q", vi.Subject)
	}
	if en.Subject != "Application 000.00.01.H26-250124-0001 received" {
		t.Errorf("en subject %q", en.Subject)
	}
	if !strings.Contains(vi.Text, "Ngày hẹn trả kết quả: 10/02/2025") || !strings.Contains(vi.HTML, "Vui lòng không trả lời thư này") {
		t.Errorf("vi body:\n%s\n%s", vi.Text, vi.HTML)
	}
	if !strings.Contains(en.Text, "Result due on: 10/02/2025") || !strings.Contains(en.HTML, "Please do not reply") {
		t.Errorf("en body:\n%s\n%s", en.Text, en.HTML)
	}
	if !strings.HasPrefix(vi.SMS, "Hồ sơ 000.00.01.H26-250124-0001 đã được tiếp nhận") {
		t.Errorf("vi sms %q", vi.SMS)
	}
}

func TestHTMLIsEscapedTextIsNot(t *testing.T) {
	s, _ := New(nil)
	data := map[string]any{}
	for k, v := range sample {
		data[k] = v
	}
	data["Name"] = `<script>alert(1)</script>`
	r, err := s.Render("question.answered", "vi", data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<script>") || !strings.Contains(r.HTML, "&lt;script&gt;") {
		t.Errorf("HTML not escaped: %s", r.HTML)
	}
	if !strings.Contains(r.Text, "<script>") {
		t.Errorf("text changed: %s", r.Text)
	}
}

func TestRenderErrors(t *testing.T) {
	s, _ := New(nil)
	if _, err := s.Render("no.such", "vi", sample); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := s.Render("dossier.received", "vi", map[string]any{"Name": "A"}); !errs.Is(err, errs.Invalid) {
		t.Errorf("missing data: %v", err)
	}
}

func TestOverride(t *testing.T) {
	override := fstest.MapFS{"notify.test.vi.txt.tmpl": {Data: []byte(`{{define "subject"}}Thử{{end}}Nội dung riêng`)}}
	s, err := New(override)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Render("notify.test", "vi", nil)
	if err != nil || r.Subject != "Thử" || r.Text != "Nội dung riêng" {
		t.Fatalf("got %+v, %v", r, err)
	}
}

func TestMissingFormFails(t *testing.T) {
	broken := fstest.MapFS{"notify.test.en.html.tmpl": {Data: []byte(`no content block`)}}
	if _, err := New(broken); err == nil {
		t.Fatal("a template without content was accepted")
	}
}

// The dossier citizens' messages: every subscription message carries its
// unsubscribe link, the confirmation its link or code, the slip its
// content.
func TestDossierCitizenMessages(t *testing.T) {
	s, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		want []string
	}{
		{"dossier.status_changed", []string{"huy-theo-doi?t=7.abc"}},
		{"dossier.subscription_confirm", []string{"huy-theo-doi?t=7.abc", "xac-nhan?t=7.1.x", "48"}},
		{"dossier.subscription_code", []string{"huy-theo-doi?t=7.abc", "042917"}},
		{"dossier.apology_slip", []string{"000.00.01.H26-250124-0001", "17:00 06/05/2025", "17:00 09/05/2025", "Thiếu bản vẽ", "Trung tâm phục vụ hành chính công"}},
	} {
		for _, lang := range notify.Languages {
			r, err := s.Render(tc.key, lang, sample)
			if err != nil {
				t.Fatalf("%s.%s: %v", tc.key, lang, err)
			}
			for _, w := range tc.want {
				for form, body := range map[string]string{"text": r.Text, "html": r.HTML, "sms": r.SMS} {
					if form == "sms" && tc.key == "dossier.apology_slip" && w == "Thiếu bản vẽ" {
						continue // the SMS leaves the reason out
					}
					if form == "sms" && tc.key == "dossier.subscription_confirm" {
						continue // sent by email only
					}
					if !strings.Contains(body, w) {
						t.Errorf("%s.%s %s lacks %q:\n%s", tc.key, lang, form, w, body)
					}
				}
			}
		}
	}
	vi, _ := s.Render("dossier.apology_slip", "vi", sample)
	if !strings.Contains(vi.Subject, "Phiếu xin lỗi và hẹn lại ngày trả kết quả") {
		t.Errorf("slip subject %q", vi.Subject)
	}
}
