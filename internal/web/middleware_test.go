package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// Every line logged while serving a request, the access line included,
// carries the request's ID; an incoming valid X-Request-ID is kept.
func TestLogsCarryTheRequestID(t *testing.T) {
	var buf bytes.Buffer
	s := &Server{cfg: config.Default(), log: slog.New(slog.NewJSONHandler(&buf, nil)), metrics: newMetrics(nil)}
	h := chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := httpx.From(r).Logger
		l.Warn("in handler", "k", 1)
		l.With("unit", "01").Info("with attrs")
		l.WithGroup("g").Info("in group", "k", 2)
	}), s.withInfo, s.observe)
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-ID", "abcdef123456")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if got := rec.Header().Get("X-Request-ID"); got != "abcdef123456" {
		t.Errorf("X-Request-ID = %q", got)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines logged, want 4:\n%s", len(lines), buf.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, `"request_id":"abcdef123456"`) {
			t.Errorf("line without the request ID: %s", l)
		}
	}
	if !strings.Contains(lines[3], `"msg":"request"`) || !strings.Contains(lines[3], `"status":200`) {
		t.Errorf("access line: %s", lines[3])
	}
	// A malformed incoming ID is replaced.
	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-ID", "bad id\n")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if got := rec.Header().Get("X-Request-ID"); len(got) != 16 {
		t.Errorf("X-Request-ID for a malformed one = %q, want 16 hex digits", got)
	}
}
