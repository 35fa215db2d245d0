package webcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags the gate runs: WCAG 2.0, 2.1 and 2.2,
// levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// AxeSource returns axe.min.js from node_modules ("npm ci" installs it).
func AxeSource(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		return "", fmt.Errorf("axe-core missing (run npm ci): %w", err)
	}
	return string(b), nil
}

// AxeViolation is one axe rule broken on one page.
type AxeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []AxeNode `json:"nodes"`
}

// AxeNode is one element that breaks the rule.
type AxeNode struct {
	Target  string `json:"target"` // CSS selector(s) of the element
	HTML    string `json:"html"`
	Summary string `json:"summary"` // axe's "Fix any of the following" text
}

// axeRun runs axe over the document and returns its violations in a shape
// Go can decode (targets as one selector string).
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.map(String).join(' >>> '), html: n.html, summary: n.failureSummary || ''}))})))`

// RunAxe injects axe (through Runtime.evaluate, which the page's CSP does
// not govern) unless the page has it already, and runs the WCAG rules.
func RunAxe(ctx context.Context, axeJS string) ([]AxeViolation, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
			return nil, fmt.Errorf("inject axe: %w", err)
		}
	}
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	return chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
}
