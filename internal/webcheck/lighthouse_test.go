package webcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestLighthouse runs Lighthouse in mobile emulation on the home page and
// the heaviest detail page and fails below LighthouseTargets. It needs
// node and the npm tools, so it runs only with CONG_LIGHTHOUSE=1: "make
// lighthouse".
func TestLighthouse(t *testing.T) {
	if os.Getenv("CONG_LIGHTHOUSE") != "1" {
		t.Skip("Lighthouse runs with CONG_LIGHTHOUSE=1 (make lighthouse)")
	}
	chrome := NeedChromium(t)
	root := Root(t)
	srv := Setup(t, Binary(t), SQLiteEnv(t))
	d, err := Discover(context.Background(), srv)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "tmp", "lighthouse")
	os.MkdirAll(dir, 0o755)
	var b strings.Builder
	fmt.Fprintf(&b, "Lighthouse (mobile) on %s; targets %v\n", srv.URL, LighthouseTargets)
	for _, path := range []string{"/", HeaviestDetail(d)} {
		res, err := RunLighthouse(root, chrome, srv.URL+path, filepath.Join(dir, slug(path)+".json"))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		writeLighthouse(&b, path, res)
		for _, below := range res.Below() {
			t.Errorf("%s: Lighthouse %s", path, below)
		}
	}
	fmt.Print(b.String())
	os.WriteFile(filepath.Join(root, "tmp", "lighthouse-report.txt"), []byte(b.String()), 0o644)
}

// HeaviestDetail returns the largest Vietnamese page whose route has a
// wildcard (a detail page such as /don-vi/{code}).
func HeaviestDetail(d *Discovery) string {
	best, size := "/", -1
	for typ, pages := range d.Types {
		if !strings.HasPrefix(typ, "vi ") || !strings.Contains(typ, "{") || strings.Contains(typ, "{$}") {
			continue
		}
		for _, p := range pages {
			if p.Status == 200 && len(p.HTML) > size {
				best, size = p.Path, len(p.HTML)
			}
		}
	}
	return best
}

func writeLighthouse(b *strings.Builder, path string, res *LighthouseResult) {
	cats := []string{"performance", "accessibility", "best-practices", "seo"}
	fmt.Fprintf(b, "\n%s\n", path)
	for _, c := range cats {
		fmt.Fprintf(b, "  %-15s %3.0f (target %.0f)\n", c, res.Scores[c], LighthouseTargets[c])
		fails := res.Failing[c]
		sort.Strings(fails)
		for _, f := range fails {
			fmt.Fprintf(b, "      - %s\n", f)
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(b, "  warning: %s\n", w)
	}
}
