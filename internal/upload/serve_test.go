package upload_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/upload"
)

func TestServeFile(t *testing.T) {
	e := newEnv(t, upload.Options{})
	body := "%PDF-1.7\n" + strings.Repeat("nội dung ", 100)
	f, err := e.upload(upload.Document, "Tờ trình số 12.pdf", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	serve := func(h map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/files/1", nil)
		for k, v := range h {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		if err := e.svc.ServeFile(w, r, f); err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := serve(nil)
	h := w.Result().Header
	want := map[string]string{
		"Content-Type":            "application/pdf",
		"X-Content-Type-Options":  "nosniff",
		"Content-Disposition":     `attachment; filename="To trinh so 12.pdf"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf`,
		"Etag":                    `"` + f.SHA256 + `"`,
		"Cache-Control":           "private, no-cache",
		"Content-Security-Policy": "default-src 'none'; sandbox",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	if b, _ := io.ReadAll(w.Body); w.Code != 200 || string(b) != body {
		t.Errorf("status %d, %d bytes", w.Code, len(b))
	}
	if w := serve(map[string]string{"If-None-Match": `"` + f.SHA256 + `"`}); w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", w.Code)
	}
	if w := serve(map[string]string{"Range": "bytes=0-4"}); w.Code != http.StatusPartialContent || w.Body.String() != "%PDF-" {
		t.Errorf("Range: %d %q", w.Code, w.Body.String())
	}
	e.blobs.Delete(t.Context(), f.Key)
	if err := e.svc.ServeFile(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), f); !errs.Is(err, errs.NotFound) {
		t.Errorf("missing object: %v", err)
	}
}
