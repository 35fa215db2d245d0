package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

var renderedSeq int

// BenchmarkRenderedPage is the cost of a public page rendered for the
// request (a URL with a query is not served from the cache the first
// time), through the whole server: the unit directory's tree and a unit's
// page, in Vietnamese and English.
func BenchmarkRenderedPage(b *testing.B) {
	f := newFixture(b)
	h := f.srv.Config.Handler
	for _, path := range []string{"/don-vi", "/don-vi/so-tu-phap", "/en/units/so-tu-phap", "/tim-kiem"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				renderedSeq++ // a new URL each time, across runs
				req := httptest.NewRequest("GET", path+"?b="+strconv.Itoa(renderedSeq), nil)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, w.Code)
				}
			}
		})
	}
}
