package webcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// MaxWeight is the most a page may transfer on a first visit: 150 KB
// (of 1024 bytes), compressed, headers included.
const MaxWeight = 150 * 1024

// WeightExempt lists the route patterns of map viewers, which may be
// heavier than MaxWeight (their tiles are the content). Their weight is
// still reported. Add a map viewer's pattern here when it lands, e.g.
// "GET /quy-hoach/{id}/ban-do".
var WeightExempt = []string{}

// Viewport is a screen size axe runs at.
type Viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

// Viewports are the sizes every page is checked at: a phone first (the
// page weight is measured on that load), then a desktop.
var Viewports = []Viewport{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}}

// Checker runs the gates on pages of one server.
type Checker struct {
	Server  *Server
	Browser context.Context // from NewBrowser
	AxeJS   string
	// PagesDir is where each page's HTML is saved for the Nu HTML Checker.
	PagesDir string
	Root     string
}

// Check opens every page in the browser, runs axe and the network, console
// and weight gates on it, then runs the Nu HTML Checker over all of them.
func (c *Checker) Check(ctx context.Context, pages []*Page) ([]*Result, []Failure) {
	var results []*Result
	files := map[string]*Result{}
	os.RemoveAll(c.PagesDir)
	os.MkdirAll(c.PagesDir, 0o755)
	for i, p := range pages {
		res := c.checkPage(p)
		results = append(results, res)
		file := filepath.Join(c.PagesDir, fmt.Sprintf("%03d-%s.html", i, slug(p.Path)))
		if err := os.WriteFile(file, p.HTML, 0o644); err != nil {
			res.fail("vnu", "save", "", err.Error())
			continue
		}
		files[file] = res
	}
	return results, c.validate(files)
}

var slugRE = regexp.MustCompile(`[^a-zA-Z0-9]+`)

func slug(path string) string {
	s := strings.Trim(slugRE.ReplaceAllString(path, "-"), "-")
	if s == "" {
		s = "home"
	}
	return s[:min(len(s), 60)]
}

func (r *Result) fail(gate, rule, element, msg string) {
	r.Failures = append(r.Failures, Failure{Page: r.Page.Path, Gate: gate, Rule: rule, Element: element, Message: msg})
}

// checkPage loads p at each viewport (the first load is measured) and runs
// every browser gate.
func (c *Checker) checkPage(p *Page) *Result {
	res := &Result{Page: p, Exempt: c.exempt(p)}
	tab, err := NewTab(c.Browser)
	if err != nil {
		res.fail("browser", "tab", "", err.Error())
		return res
	}
	defer tab.Close()
	seen := map[string]bool{}
	for i, vp := range Viewports {
		if err := setViewport(tab, vp); err != nil {
			res.fail("browser", "viewport", "", err.Error())
			return res
		}
		if i == 0 {
			if !c.load(tab, res) {
				return res
			}
		}
		c.axe(tab, res, vp, seen)
	}
	return res
}

func (c *Checker) exempt(p *Page) bool {
	return slices.ContainsFunc(WeightExempt, func(pat string) bool { return strings.Contains(p.Type, " "+pat) })
}

func setViewport(tab *Tab, vp Viewport) error {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if vp.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	return chromedp.Do(tab.Ctx, chromedp.EmulateViewport(vp.Width, vp.Height, opts...))
}

// load opens the page and applies the status, network, console and weight
// gates; it reports whether the page loaded at all.
func (c *Checker) load(tab *Tab, res *Result) bool {
	p := res.Page
	status, err := tab.Load(c.Server.URL + p.Path)
	if err != nil {
		res.fail("browser", "load", "", err.Error())
		return false
	}
	if int(status) != p.Status {
		res.fail("network", "status", c.Server.URL+p.Path, fmt.Sprintf("document answered %d in the browser, %d when crawled", status, p.Status))
	}
	reqs := tab.Requests()
	c.network(res, reqs)
	for _, e := range tab.Errors() {
		if p.Status != 200 && strings.Contains(e, fmt.Sprintf("status of %d", p.Status)) && strings.Contains(e, c.Server.URL+p.Path) {
			continue // the expected status of an error page, logged by the browser
		}
		res.fail("console", "error", "", e)
	}
	res.Weight = WeightOf(reqs)
	if res.Weight.Total > MaxWeight && !res.Exempt {
		res.fail("weight", "max-150KB", "", fmt.Sprintf("transferred %s (%s), limit %s", kbytes(res.Weight.Total), res.Weight.Breakdown(), kbytes(MaxWeight)))
	}
	return true
}

// network fails requests that failed, answered an error, or went to
// another host.
func (c *Checker) network(res *Result, reqs []Request) {
	for i, r := range reqs {
		if OtherHost(r.URL, c.Server.URL) {
			res.fail("network", "other-host", r.URL, "request to another host than the server")
			continue
		}
		if r.Failed != "" {
			res.fail("network", "failed", r.URL, "request failed: "+r.Failed)
		}
		isDoc := i == 0 && r.Type == "Document"
		if r.Status >= 400 && !(isDoc && int(r.Status) == res.Page.Status) {
			res.fail("network", "status", r.URL, fmt.Sprintf("%s answered %d", r.Type, r.Status))
		}
	}
}

// axe runs axe at vp and fails each violating element not reported at an
// earlier viewport.
func (c *Checker) axe(tab *Tab, res *Result, vp Viewport, seen map[string]bool) {
	vs, err := RunAxe(tab.Ctx, c.AxeJS)
	if err != nil {
		res.fail("axe", "run", "", err.Error())
		return
	}
	for _, v := range vs {
		for _, n := range v.Nodes {
			key := v.ID + "|" + n.Target
			if seen[key] {
				continue
			}
			seen[key] = true
			msg := fmt.Sprintf("%s (%s, %s width %d): %s\n     element: %s", v.Help, v.Impact, vp.Name, vp.Width,
				oneLine(n.Summary), truncate(n.HTML, 200))
			res.fail("axe", v.ID, n.Target, msg)
		}
	}
}

// validate runs the Nu HTML Checker over the saved pages.
func (c *Checker) validate(files map[string]*Result) []Failure {
	paths := make([]string, 0, len(files))
	for f := range files {
		paths = append(paths, f)
	}
	slices.Sort(paths)
	msgs, err := RunVNU(c.Root, paths)
	if err != nil {
		return []Failure{{Page: "(all)", Gate: "vnu", Rule: "run", Message: err.Error()}}
	}
	var other []Failure
	for file, ms := range msgs {
		res := files[file]
		for _, m := range ms {
			switch {
			case res == nil:
				other = append(other, Failure{Page: file, Gate: "vnu", Rule: m.Type, Message: m.Message})
			case m.Failing():
				res.fail("vnu", m.Type, m.Where(), m.Message)
			}
		}
	}
	return other
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	s = oneLine(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
