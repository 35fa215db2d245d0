package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/config"
)

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the server's work rather than a recorder's buffer.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkCachedPage is the cost of answering a public page from the page
// cache through every middleware (request ID, access log as JSON, metrics,
// security headers, cache), against the bare handler as the baseline.
func BenchmarkCachedPage(b *testing.B) {
	body := strings.Repeat("<p>Thủ tục hành chính</p>\n", 700) // about 17 KB, like the online services page
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	})
	s := &Server{cfg: config.Default(), log: slog.New(slog.NewJSONHandler(io.Discard, nil)), metrics: newMetrics(nil)}
	cache := newPageCache(time.Hour)
	full := chain(page, s.withInfo, s.observe, s.recoverer, s.securityHeaders, cache.middleware, compress)
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"baseline=handler", page}, {"cached", full}} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/dich-vu-cong-truc-tuyen", nil)
			req.RemoteAddr = "192.0.2.1:1234"
			b.ReportAllocs()
			for b.Loop() {
				c.h.ServeHTTP(&discard{h: http.Header{}}, req)
			}
		})
	}
}
