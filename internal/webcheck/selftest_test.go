package webcheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brokenHome replaces the home page (through the operators' template
// override) with one fault per gate, to prove that each gate catches its
// kind of fault and names the element.
const brokenHome = `{{define "main"}}<h1>Broken on purpose</h1>
<img src="{{static "emblem.svg"}}" width="10" height="10">
<p><div>a div inside a paragraph</div>
<img src="http://example.invalid/tracker.png" alt="tracker" width="1" height="1">
<script src="/static/missing.js"></script>
{{end}}`

// TestGatesCatchFaults runs the gates on a deliberately broken home page
// and requires a failure from axe, vnu, the network and the console gates.
func TestGatesCatchFaults(t *testing.T) {
	if os.Getenv("CONG_WEBCHECK") != "1" {
		t.Skip("quality gates run with CONG_WEBCHECK=1 (make check-web)")
	}
	chrome := NeedChromium(t)
	root := Root(t)
	axeJS, err := AxeSource(root)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := t.TempDir()
	os.MkdirAll(filepath.Join(tmpl, "pages"), 0o755)
	if err := os.WriteFile(filepath.Join(tmpl, "pages", "home.html"), []byte(brokenHome), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := Setup(t, Binary(t), append(SQLiteEnv(t), "CONG_TEMPLATE_DIR="+tmpl))
	c := &Checker{Server: srv, Browser: NewBrowser(t, chrome), AxeJS: axeJS, PagesDir: t.TempDir(), Root: root}
	page := &Page{Path: "/", Type: "vi GET /{$}", Status: 200, HTML: get(t, srv.URL+"/")}
	results, other := c.Check(context.Background(), []*Page{page})
	got := append(results[0].Failures, other...)
	want := map[string]string{
		"axe image-alt":      "img",
		"vnu error":          "line ",
		"network other-host": "example.invalid",
		"network status":     "missing.js",
		"console error":      "",
	}
	for key, element := range want {
		if !hasFailure(got, key, element) {
			t.Errorf("no %q failure naming %q; got:\n%v", key, element, got)
		}
	}
	fc := FormCase{Name: "focus style removed", Path: "/don-vi",
		Prepare: `(() => { const s = new CSSStyleSheet(); s.replaceSync('*:focus, *:focus-visible {outline: none !important; box-shadow: none !important}'); document.adoptedStyleSheets = [s]; })()`,
		Steps:   []KeyStep{{Focus: "#f-q"}}}
	fs := DriveForm(c.Browser, srv.URL, fc)
	if !hasFailure(fs, "keyboard focus-visible", "a") {
		t.Errorf("a page without focus styles passed the focus check: %v", fs)
	}
}

func hasFailure(fs []Failure, key, element string) bool {
	for _, f := range fs {
		if f.Gate+" "+f.Rule == key && strings.Contains(f.Element, element) {
			return true
		}
	}
	return false
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	f := (&crawler{srv: &Server{URL: ""}}).fetch(context.Background(), url)
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.body
}
