package webcheck

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Failure is one broken gate on one page, with what a developer needs to
// find and fix it.
type Failure struct {
	Page    string // path and query
	Gate    string // axe, vnu, console, network, weight, fetch, keyboard
	Rule    string // axe rule id, vnu message type, "console.error", ...
	Element string // axe target selector, vnu line:column and extract, request URL
	Message string
}

func (f Failure) String() string {
	s := fmt.Sprintf("FAIL %s  [%s %s]", f.Page, f.Gate, f.Rule)
	if f.Element != "" {
		s += "  at " + f.Element
	}
	return s + "\n     " + f.Message
}

// Result is what one page measured.
type Result struct {
	Page     *Page
	Weight   Weight
	Exempt   bool // a map viewer: weight reported, not limited
	Failures []Failure
}

// Report is the outcome of a gate run.
type Report struct {
	Server   string
	Types    int
	Fetched  int
	Results  []*Result
	Failures []Failure // failures not tied to one result (crawl, vnu)
	Notes    []string
}

// All returns every failure, sorted by page and gate.
func (r *Report) All() []Failure {
	all := append([]Failure(nil), r.Failures...)
	for _, res := range r.Results {
		all = append(all, res.Failures...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Page != all[j].Page {
			return all[i].Page < all[j].Page
		}
		return all[i].Gate < all[j].Gate
	})
	return all
}

// Write prints the report: one line per page with its weight, then every
// failure, then the notes.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "Cổng quality gates on %s: %d page types, %d URLs fetched, %d pages checked\n\n",
		r.Server, r.Types, r.Fetched, len(r.Results))
	fmt.Fprintf(w, "%-9s %-9s %-44s %s\n", "RESULT", "WEIGHT", "PAGE", "TYPE (breakdown)")
	for _, res := range r.Results {
		verdict := "ok"
		if len(res.Failures) > 0 {
			verdict = fmt.Sprintf("%d FAIL", len(res.Failures))
		}
		weight := kbytes(res.Weight.Total)
		if res.Exempt {
			weight += "*"
		}
		fmt.Fprintf(w, "%-9s %-9s %-44s %s (%s)\n", verdict, weight, res.Page.Path, res.Page.Type, res.Weight.Breakdown())
	}
	all := r.All()
	fmt.Fprintf(w, "\n%d failures\n", len(all))
	for _, f := range all {
		fmt.Fprintln(w, f)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range r.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
	}
}

// Save writes the report to path (creating its directory) and returns
// its text.
func (r *Report) Save(path string) (string, error) {
	var b strings.Builder
	r.Write(&b)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return b.String(), err
	}
	return b.String(), os.WriteFile(path, []byte(b.String()), 0o644)
}

func kbytes(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }
