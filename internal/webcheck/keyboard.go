package webcheck

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The keys a keyboard-only user drives a form with.
const (
	KeyTab   = kb.Tab
	KeyEnter = kb.Enter
	KeySpace = " "
)

// FormCase is one public form, driven with the keyboard only: Tab to
// each field in turn, type, toggle with Space, submit with Enter or Space.
// Each new public form adds its cases to the table in keyboard_test.go.
type FormCase struct {
	Name string
	Path string // the page with the form
	// Prepare is JavaScript run in the page before driving it; the gates'
	// own self-test uses it to break the focus style.
	Prepare string
	// Before are steps that submit a first form on Path to reach the page
	// with the form under test, for pages only a POST answers (the
	// dossier's status page after the lookup); their last press submits.
	Before []KeyStep
	Steps  []KeyStep
	Want   Outcome
}

// KeyStep tabs forward until the element matching Focus has the focus
// (checking the focus indicator at every stop), then types Type or
// presses Press. Check, a JavaScript expression, must then be true.
type KeyStep struct {
	Focus string
	Type  string
	Press string // KeySpace or KeyEnter; the last step's press submits
	Check string
}

// Outcome is what the submitted form must show.
type Outcome struct {
	URLHas []string // substrings of the URL after submitting
	Text   string   // text the page must contain
	// Announce is a selector of the live region (role=status or alert, or
	// aria-live) that must hold text after submitting: the result count
	// or the error summary.
	Announce string
	// Invalid lists the ids of fields that must be aria-invalid and name
	// a non-empty error through aria-describedby (forms that validate).
	Invalid []string
}

// maxTabs is how many Tab presses may pass before a field counts as not
// reachable.
const maxTabs = 80

// DriveForm runs fc in a fresh tab and returns what failed.
func DriveForm(browser context.Context, base string, fc FormCase) []Failure {
	d := &driver{fc: fc}
	tab, err := NewTab(browser)
	if err != nil {
		return d.fail("tab", "", err.Error())
	}
	defer tab.Close()
	d.ctx = tab.Ctx
	if _, err := tab.Load(base + fc.Path); err != nil {
		return d.fail("load", "", err.Error())
	}
	if fc.Prepare != "" {
		if _, err := chromedp.Run(d.ctx, chromedp.Evaluate[chromedp.Void](fc.Prepare)); err != nil {
			return d.fail("script", "", err.Error())
		}
	}
	if err := d.snapshot(); err != nil {
		return d.fail("script", "", err.Error())
	}
	if len(fc.Before) > 0 {
		if !d.before() {
			return d.failures
		}
		if err := d.snapshot(); err != nil {
			return d.fail("script", "", err.Error())
		}
	}
	for i, st := range fc.Steps {
		if !d.step(st, i == len(fc.Steps)-1) {
			break
		}
	}
	return d.failures
}

type driver struct {
	ctx      context.Context
	fc       FormCase
	failures []Failure
	checked  map[string]bool // elements whose focus indicator was checked
}

func (d *driver) fail(rule, element, msg string) []Failure {
	d.failures = append(d.failures, Failure{Page: d.fc.Path, Gate: "keyboard", Rule: rule, Element: element,
		Message: d.fc.Name + ": " + msg})
	return d.failures
}

// snapshot records the unfocused outline and box-shadow of every element
// that can take focus, to compare with its focused look.
func (d *driver) snapshot() error {
	_, err := chromedp.Run(d.ctx, chromedp.Evaluate[chromedp.Void](snapshotJS))
	return err
}

const snapshotJS = `(() => {
  const look = el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
  window.__webcheckLook = look;
  window.__webcheckBefore = new Map();
  document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')
    .forEach(el => window.__webcheckBefore.set(el, look(el)));
})()`

// focusJS describes the focused element and whether its focus indicator
// is visible: an outline or box-shadow that differs from its unfocused
// look.
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {selector: 'body', visible: false, look: '', before: ''};
  let sel = el.tagName.toLowerCase();
  if (el.id) sel += '#' + el.id;
  else if (el.getAttribute('href')) sel += '[href="' + el.getAttribute('href') + '"]';
  else if (el.className) sel += '.' + String(el.className).trim().split(/\s+/).join('.');
  const s = getComputedStyle(el);
  const look = window.__webcheckLook(el);
  const before = window.__webcheckBefore.get(el) || '';
  const shows = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {selector: sel, visible: shows && look !== before, look: look, before: before,
    matches: %s};
})()`

type focusState struct {
	Selector string `json:"selector"`
	Visible  bool   `json:"visible"`
	Look     string `json:"look"`
	Before   string `json:"before"`
	Matches  bool   `json:"matches"`
}

// step tabs to st.Focus and acts on it; it reports whether to go on.
func (d *driver) step(st KeyStep, last bool) bool {
	if !d.tabTo(st.Focus) {
		return false
	}
	if st.Type != "" {
		if err := chromedp.Do(d.ctx, chromedp.KeyEvent(st.Type)); err != nil {
			d.fail("type", st.Focus, err.Error())
			return false
		}
	}
	if st.Press != "" && last {
		return d.submit(st)
	}
	if st.Press != "" {
		if err := chromedp.Do(d.ctx, chromedp.KeyEvent(st.Press)); err != nil {
			d.fail("press", st.Focus, err.Error())
			return false
		}
	}
	return d.check(st)
}

// tabTo presses Tab until sel has the focus, checking the focus indicator
// of every element on the way.
func (d *driver) tabTo(sel string) bool {
	if d.checked == nil {
		d.checked = map[string]bool{}
	}
	js := fmt.Sprintf(focusJS, fmt.Sprintf("document.activeElement.matches(%q)", sel))
	for i := 0; i < maxTabs; i++ {
		f, err := chromedp.Run(d.ctx, chromedp.Evaluate[focusState](js))
		if err != nil {
			d.fail("script", sel, err.Error())
			return false
		}
		if f.Matches {
			return true
		}
		if err := chromedp.Do(d.ctx, chromedp.KeyEvent(KeyTab)); err != nil {
			d.fail("press", sel, err.Error())
			return false
		}
		d.checkFocus(js)
	}
	d.fail("reachable", sel, fmt.Sprintf("not reached with %d presses of Tab", maxTabs))
	return false
}

// checkFocus fails the focused element when its focus is not visible
// (once per element).
func (d *driver) checkFocus(js string) {
	f, err := chromedp.Run(d.ctx, chromedp.Evaluate[focusState](js))
	if err != nil || d.checked[f.Selector] {
		return
	}
	d.checked[f.Selector] = true
	if !f.Visible {
		d.fail("focus-visible", f.Selector, fmt.Sprintf("no visible focus indicator: outline/box-shadow %q focused, %q unfocused", f.Look, f.Before))
	}
}

func (d *driver) check(st KeyStep) bool {
	if st.Check == "" {
		return true
	}
	ok, err := chromedp.Run(d.ctx, chromedp.Evaluate[bool](st.Check))
	if err != nil || !ok {
		d.fail("state", st.Focus, fmt.Sprintf("after the step, %s is not true (%v)", st.Check, err))
		return false
	}
	return true
}

// before drives d.fc.Before and waits for the page its last press
// submits to; it reports whether to go on.
func (d *driver) before() bool {
	for i, st := range d.fc.Before {
		if i < len(d.fc.Before)-1 || st.Press == "" {
			if !d.step(st, false) {
				return false
			}
			continue
		}
		if !d.tabTo(st.Focus) {
			return false
		}
		if st.Type != "" {
			if err := chromedp.Do(d.ctx, chromedp.KeyEvent(st.Type)); err != nil {
				d.fail("type", st.Focus, err.Error())
				return false
			}
		}
		ctx, cancel := context.WithTimeout(d.ctx, 10*time.Second)
		_, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(st.Press))
		cancel()
		if err != nil {
			d.fail("submit", st.Focus, fmt.Sprintf("the form before the one tested did not submit: %v", err))
			return false
		}
	}
	return true
}

// submit presses the last key, waits for the next page and checks the
// outcome.
func (d *driver) submit(st KeyStep) bool {
	ctx, cancel := context.WithTimeout(d.ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(st.Press))
	if errors.Is(err, context.DeadlineExceeded) {
		d.fail("submit", st.Focus, fmt.Sprintf("pressing %q did not submit the form", keyName(st.Press)))
		return false
	}
	if err != nil {
		d.fail("submit", st.Focus, err.Error())
		return false
	}
	d.outcome()
	return true
}

func keyName(k string) string {
	switch k {
	case KeyEnter:
		return "Enter"
	case KeySpace:
		return "Space"
	}
	return k
}

// outcome checks the page after submitting against d.fc.Want.
func (d *driver) outcome() {
	w := d.fc.Want
	loc, _ := chromedp.Run(d.ctx, chromedp.Location())
	for _, s := range w.URLHas {
		if !strings.Contains(loc, s) {
			d.fail("result", "", fmt.Sprintf("URL %s lacks %q", loc, s))
		}
	}
	if w.Text != "" {
		has, _ := chromedp.Run(d.ctx, chromedp.Evaluate[bool](fmt.Sprintf("document.body.innerText.includes(%q)", w.Text)))
		if !has {
			d.fail("result", "", fmt.Sprintf("page %s does not show %q", loc, w.Text))
		}
	}
	if w.Announce != "" {
		d.announced(w.Announce)
	}
	for _, id := range w.Invalid {
		d.describedError(id)
	}
}

// announced fails when sel is not a live region with text.
func (d *driver) announced(sel string) {
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return 'missing';
  const live = el.getAttribute('role') === 'status' || el.getAttribute('role') === 'alert' || el.hasAttribute('aria-live');
  if (!live) return 'not a live region (no role=status/alert or aria-live)';
  return el.textContent.trim() === '' ? 'empty' : ''; })()`, sel)
	msg, err := chromedp.Run(d.ctx, chromedp.Evaluate[string](js))
	if err != nil || msg != "" {
		d.fail("announce", sel, fmt.Sprintf("outcome not announced: %s %v", msg, err))
	}
}

// describedError fails when field id is not aria-invalid with a non-empty
// error named by aria-describedby.
func (d *driver) describedError(id string) {
	js := fmt.Sprintf(`(() => { const el = document.getElementById(%q); if (!el) return 'missing';
  if (el.getAttribute('aria-invalid') !== 'true') return 'not aria-invalid';
  const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  const text = ids.map(i => (document.getElementById(i) || {textContent: ''}).textContent.trim()).join(' ');
  return text === '' ? 'aria-describedby names no error text' : ''; })()`, id)
	msg, err := chromedp.Run(d.ctx, chromedp.Evaluate[string](js))
	if err != nil || msg != "" {
		d.fail("error-described", "#"+id, fmt.Sprintf("error not announced: %s %v", msg, err))
	}
}
