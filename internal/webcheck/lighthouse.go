package webcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// LighthouseTargets are the lowest scores (0–100) a page may have.
var LighthouseTargets = map[string]float64{"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}

// LighthouseResult is one page's Lighthouse scores and the audits that
// cost it points.
type LighthouseResult struct {
	URL      string
	Scores   map[string]float64  // category → 0–100
	Failing  map[string][]string // category → "audit-id: title (value)"
	Warnings []string
}

// Below returns the categories under their target, as "seo 92 < 95".
func (r *LighthouseResult) Below() []string {
	var out []string
	for cat, min := range LighthouseTargets {
		if r.Scores[cat] < min {
			out = append(out, fmt.Sprintf("%s %.0f < %.0f", cat, r.Scores[cat], min))
		}
	}
	sort.Strings(out)
	return out
}

// RunLighthouse runs the Lighthouse CLI from node_modules in mobile
// emulation against url with chromium at chrome, writing the JSON report
// to jsonPath.
func RunLighthouse(root, chrome, url, jsonPath string) (*LighthouseResult, error) {
	cli := filepath.Join(root, "node_modules", "lighthouse", "cli", "index.js")
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("lighthouse missing (run npm ci): %w", err)
	}
	var flags []string
	for _, f := range ChromeFlags {
		if name, value, ok := strings.Cut(f, "="); ok && strings.Contains(value, " ") {
			f = name + `="` + value + `"`
		}
		flags = append(flags, f)
	}
	cmd := exec.Command("node", cli, url, "--output=json", "--output-path="+jsonPath, "--quiet",
		"--only-categories=performance,accessibility,best-practices,seo", "--form-factor=mobile",
		"--no-enable-error-reporting", "--disable-full-page-screenshot", "--chrome-flags="+strings.Join(flags, " "))
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("lighthouse %s: %v\n%s", url, err, out)
	}
	return readLighthouse(jsonPath)
}

// lhReport is the part of Lighthouse's JSON report the gate reads.
type lhReport struct {
	FinalURL     string                    `json:"finalDisplayedUrl"`
	RuntimeError *struct{ Message string } `json:"runtimeError"`
	RunWarnings  []string                  `json:"runWarnings"`
	Categories   map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string   `json:"title"`
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
	} `json:"audits"`
}

func readLighthouse(path string) (*LighthouseResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep lhReport
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("lighthouse report %s: %w", path, err)
	}
	if rep.RuntimeError != nil && rep.RuntimeError.Message != "" {
		return nil, fmt.Errorf("lighthouse: %s", rep.RuntimeError.Message)
	}
	res := &LighthouseResult{URL: rep.FinalURL, Scores: map[string]float64{}, Failing: map[string][]string{}, Warnings: rep.RunWarnings}
	for name, cat := range rep.Categories {
		if cat.Score != nil {
			res.Scores[name] = *cat.Score * 100
		}
		for _, ref := range cat.AuditRefs {
			a := rep.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				res.Failing[name] = append(res.Failing[name], fmt.Sprintf("%s: %s (score %.2f%s)", ref.ID, a.Title, *a.Score, value(a.DisplayValue)))
			}
		}
	}
	return res, nil
}

func value(v string) string {
	if v == "" {
		return ""
	}
	return ", " + v
}
