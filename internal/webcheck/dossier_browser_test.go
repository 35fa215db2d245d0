package webcheck

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The dossier lookup answers POST only, so the crawl of the quality gates
// never reaches its result pages. TestDossierPagesInBrowser drives the
// lookup with the keyboard (a wrong factor, a missing factor, the right
// one, from the demo samples that "cong seed demo" writes) and runs axe on
// every page it reaches, the statistics page included. It runs whenever
// chromium is installed, like TestKeyboardForms.

// demoSample returns a receipt code and factor of the seeded demo, from
// the file "cong seed demo" writes in the data dir.
func demoSample(t *testing.T, env []string) (code, factor string) {
	t.Helper()
	for _, e := range env {
		if dir, ok := strings.CutPrefix(e, "CONG_DATA_DIR="); ok {
			b, err := os.ReadFile(filepath.Join(dir, "demo-dossiers.txt"))
			if err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`receipt code (\S+), second factor (\S+) \(in_processing\)`).FindStringSubmatch(string(b))
			if m == nil {
				m = regexp.MustCompile(`receipt code (\S+), second factor (\S+) `).FindStringSubmatch(string(b))
			}
			if m != nil {
				return strings.TrimSuffix(m[1], ","), m[2]
			}
		}
	}
	t.Fatal("no demo sample")
	return "", ""
}

func TestDossierPagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not with -short")
	}
	chrome := NeedChromium(t)
	env := SQLiteEnv(t)
	srv := Setup(t, Binary(t), env)
	code, factor := demoSample(t, env)
	browser := NewBrowser(t, chrome)
	cases := []FormCase{
		{
			Name: "dossier lookup: a wrong factor gives the summary error",
			Path: "/tra-cuu-ho-so",
			Steps: []KeyStep{
				{Focus: "#f-code", Type: code},
				{Focus: "#f-factor", Type: "0000", Press: KeyEnter},
			},
			Want: Outcome{Text: "Không tìm thấy hồ sơ", Announce: "#form-errors"},
		},
		{
			Name: "dossier lookup (en): a missing factor is tied to its field",
			Path: "/en/dossier-status",
			Steps: []KeyStep{
				{Focus: "#f-code", Type: code},
				{Focus: "form.lookup-form button[type=submit]", Press: KeySpace},
			},
			Want: Outcome{Announce: "#form-errors", Invalid: []string{"f-factor"}},
		},
		{
			Name: "dossier lookup: the right factor shows the dossier",
			Path: "/tra-cuu-ho-so",
			Steps: []KeyStep{
				{Focus: "#f-code", Type: code},
				{Focus: "#f-factor", Type: factor, Press: KeyEnter},
			},
			Want: Outcome{Text: "Quá trình giải quyết"},
		},
		{
			Name: "dossier status: subscribe by email, submit with Enter",
			Path: "/tra-cuu-ho-so",
			Before: []KeyStep{
				{Focus: "#f-code", Type: code},
				{Focus: "#f-factor", Type: factor, Press: KeyEnter},
			},
			Steps: []KeyStep{{Focus: "#f-address", Type: "citizen@example.com", Press: KeyEnter}},
			Want:  Outcome{Text: "Đã gửi thư xác nhận", Announce: "main [role=status]"},
		},
		{
			Name: "dossier status (en): a bad address is tied to its field, submit with Space",
			Path: "/en/dossier-status",
			Before: []KeyStep{
				{Focus: "#f-code", Type: code},
				{Focus: "#f-factor", Type: factor, Press: KeyEnter},
			},
			Steps: []KeyStep{
				{Focus: "#f-address", Type: "not-an-address"},
				{Focus: "#theo-doi button[type=submit]", Press: KeySpace},
			},
			Want: Outcome{Announce: "#form-errors", Invalid: []string{"f-address"}},
		},
		{
			Name: "statistics: choose a centre with the arrow keys, submit with Enter",
			Path: "/thong-ke",
			Steps: []KeyStep{
				{Focus: "#f-unit", Press: kb.ArrowDown, Check: "document.getElementById('f-unit').value !== ''"},
				{Focus: "form.stats-filters button[type=submit]", Press: KeyEnter},
			},
			Want: Outcome{URLHas: []string{"unit="}},
		},
	}
	for _, fc := range cases {
		t.Run(fc.Name, func(t *testing.T) {
			for _, f := range DriveForm(browser, srv.URL, fc) {
				t.Error(f)
			}
		})
	}
	axeJS, err := AxeSource(Root(t))
	if err != nil {
		t.Skip(err)
	}
	pages := map[string]func(ctx context.Context) error{
		"lookup form":      load(srv.URL + "/tra-cuu-ho-so"),
		"statistics":       load(srv.URL + "/thong-ke"),
		"statistics en":    load(srv.URL + "/en/statistics"),
		"statistics error": load(srv.URL + "/thong-ke?from=2025-13"),
		"lookup error":     lookup(srv.URL, code, "0000"),
		"dossier":          lookup(srv.URL, code, factor),
		"subscription error": func(ctx context.Context) error {
			if err := lookup(srv.URL, code, factor)(ctx); err != nil {
				return err
			}
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#f-address"), "not-an-address")); err != nil {
				return err
			}
			_, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS("#f-address")))
			return err
		},
	}
	for name, open := range pages {
		t.Run("axe "+name, func(t *testing.T) {
			tab, err := NewTab(browser)
			if err != nil {
				t.Fatal(err)
			}
			defer tab.Close()
			ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
			defer cancel()
			for _, width := range []int64{390, 1280} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				if err := open(ctx); err != nil {
					t.Fatal(err)
				}
				vs, err := RunAxe(ctx, axeJS)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					for _, n := range v.Nodes {
						t.Errorf("width %d: %s (%s): %s\n  %s", width, v.ID, v.Help, n.Target, n.Summary)
					}
				}
			}
			for _, e := range tab.Errors() {
				// The error pages (422, 404) are documents answered
				// with their status on purpose; anything else is a fault.
				if !strings.Contains(e, "Failed to load resource: the server responded with a status of 4") {
					t.Errorf("console error: %s", e)
				}
			}
		})
	}
}

func load(url string) func(ctx context.Context) error {
	return func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.Navigate(url)) }
}

// lookup submits the lookup form as a user does.
func lookup(base, code, factor string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/tra-cuu-ho-so"),
			chromedp.SendKeys(chromedp.CSS("#f-code"), code), chromedp.SendKeys(chromedp.CSS("#f-factor"), factor)); err != nil {
			return err
		}
		_, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS("#f-code")))
		return err
	}
}
