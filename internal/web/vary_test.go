package web_test

import (
	"strconv"
	"strings"
	"testing"
)

// A page, compressed or not, rendered (a URL with a query, the first
// time) or from the cache (the second), names Accept-Encoding in Vary once.
func TestCachedPageVariesOnceOnAcceptEncoding(t *testing.T) {
	f := newFixture(t)
	for i := range 3 {
		for _, enc := range []string{"gzip", ""} {
			res, _ := f.run(t, scenario{path: "/don-vi?q=hoan+kiem&i=" + strconv.Itoa(i), status: 200, header: map[string]string{"Accept-Encoding": enc}})
			n := 0
			for _, v := range res.Header.Values("Vary") {
				n += strings.Count(v, "Accept-Encoding")
			}
			if n != 1 {
				t.Errorf("request %d (%q): Vary %q", i+1, enc, res.Header.Values("Vary"))
			}
		}
	}
}
