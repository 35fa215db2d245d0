package webcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestQualityGates runs every gate on every public page type of the real
// binary. It is slow (a minute or two) and needs chromium, Java and the npm
// tools, so it runs only with CONG_WEBCHECK=1: "make check-web".
func TestQualityGates(t *testing.T) {
	if os.Getenv("CONG_WEBCHECK") != "1" {
		t.Skip("quality gates run with CONG_WEBCHECK=1 (make check-web)")
	}
	chrome := NeedChromium(t)
	root := Root(t)
	axeJS, err := AxeSource(root)
	if err != nil {
		t.Fatal(err)
	}
	srv := Setup(t, Binary(t), SQLiteEnv(t))
	ctx := context.Background()
	d, err := Discover(ctx, srv)
	if err != nil {
		t.Fatal(err)
	}
	c := &Checker{Server: srv, Browser: NewBrowser(t, chrome), AxeJS: axeJS,
		PagesDir: filepath.Join(root, "tmp", "webcheck", "pages"), Root: root}
	results, vnuFailures := c.Check(ctx, d.Representatives())
	rep := &Report{Server: srv.URL, Types: len(d.Types), Fetched: d.Fetched, Results: results,
		Failures: append(d.Failures, vnuFailures...), Notes: d.Notes}
	text, err := rep.Save(filepath.Join(root, "tmp", "webcheck-report.txt"))
	fmt.Print(text)
	if err != nil {
		t.Error(err)
	}
	if n := len(rep.All()); n > 0 {
		t.Errorf("%d quality gate failures: see the report above (also in tmp/webcheck-report.txt)", n)
	}
}
