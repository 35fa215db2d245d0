package admin

import (
	"sort"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// The procedure form is bigger than the other staff forms: repeating
// groups nested two deep (fees inside channels), check boxes and radio
// buttons, and error keys of the service that name list entries
// ("channels.0.kind"). Its fields are built here, and every error is both
// shown on its field and listed, with a link to the field, in the summary
// at the top of the form.

// pfield is a form control of the procedure pages: an httpx.Field with the
// row it belongs to, read after the label by screen readers, and the
// attributes of number inputs and text areas.
type pfield struct {
	httpx.Field
	Suffix string // e.g. "bước 2"; "" outside repeating groups
	Min    string // the min of a number input
	Step   string // the step of a number input
	Mode   string // inputmode, e.g. "numeric"
	Rows   int    // the rows of a text area
	Accept string // the file types of a file input
}

// checkGroup is a group of check boxes or radio buttons under a legend.
type checkGroup struct {
	Name, Legend, Type, Hint, Error string
	Required                        bool
	Options                         []httpx.Option // Selected means checked
}

// rowGroup is a repeating group: a row per entry plus blank rows, and a
// button that asks for more rows without saving.
type rowGroup struct {
	ID        string // the fieldset's id, also the anchor the more button returns to
	Legend    string
	Hint      string
	Error     string
	CountName string // the hidden input that tells how many rows were shown
	More      string // the value of the more button: "more:" and the group
	MoreLabel string
	Action    string // the form's action with the group's anchor
	Rows      []formRow
}

// formRow is one row of a repeating group.
type formRow struct {
	Legend string
	Fields []pfield
	Hidden []httpx.Option // hidden inputs: Value is the name, Label the value
	Sub    *rowGroup      // a nested group (a channel's fees)
}

// procBlock is one part of the form in order: a fieldset of single fields
// (and check groups) or a repeating group.
type procBlock struct {
	Legend string
	ID     string
	Items  []procItem
	Group  *rowGroup
}

// procItem is a field or a check group.
type procItem struct {
	Field  *pfield
	Checks *checkGroup
}

// errorSummary lists a form's errors, each linked to its field when it
// has one on the page.
type errorSummary struct {
	Message string
	Items   []errorItem
}

type errorItem struct{ ID, Text string }

// procState builds the fields of a procedure form with the errors of the
// last attempt, remembering which errors found their field.
type procState struct {
	l     *i18n.Localizer
	form  httpx.Form
	used  map[string]bool
	items []errorItem
}

func newProcState(l *i18n.Localizer) *procState {
	return &procState{l: l, form: httpx.Form{Fields: map[string]string{}}, used: map[string]bool{}}
}

// fail records err (an Invalid or Conflict error) for re-rendering.
func (s *procState) fail(err error) { s.form = httpx.FormFrom(s.l, err) }

// errFor returns the first error among the keys, and of the keys starting
// with prefix when prefix is set, marking them all shown.
func (s *procState) errFor(prefix string, keys ...string) string {
	msg := ""
	for _, k := range keys {
		if m, ok := s.form.Fields[k]; ok {
			s.used[k] = true
			if msg == "" {
				msg = m
			}
		}
	}
	if prefix == "" {
		return msg
	}
	names := make([]string, 0)
	for k := range s.form.Fields {
		if strings.HasPrefix(k, prefix) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		s.used[k] = true
		if msg == "" {
			msg = s.form.Fields[k]
		}
	}
	return msg
}

// field builds a control named name; aliases are other error keys shown on
// it, and prefix, when set, takes the errors of every key starting with it.
func (s *procState) field(name, label, typ, value, suffix string, aliases ...string) pfield {
	return s.fieldLike(name, label, typ, value, suffix, "", aliases...)
}

func (s *procState) fieldLike(name, label, typ, value, suffix, prefix string, aliases ...string) pfield {
	switch {
	case typ == "date" && value != "" && !isDate(value):
		typ = "text" // a date input cannot hold what was mistyped
	case typ == "text" && strings.Contains(value, "\n"):
		typ = "textarea" // a text input would drop the line breaks on save
	}
	f := pfield{Field: httpx.Field{Name: name, Label: s.l.T(label), Type: typ, Value: value}, Suffix: suffix}
	f.Error = s.errFor(prefix, append([]string{name}, aliases...)...)
	s.noteError("f-"+name, f.Label, suffix, f.Error)
	switch typ {
	case "number":
		f.Min, f.Step = "0", "any"
	case "textarea":
		f.Rows = 3
	}
	return f
}

// choice is a select; the option whose Value is value is selected.
func (s *procState) choice(name, label, value, suffix string, opts []httpx.Option) pfield {
	f := s.field(name, label, "select", "", suffix)
	f.Options = make([]httpx.Option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == value
		f.Options[i] = o
	}
	return f
}

// checks builds a group of check boxes (many values) or radio buttons.
func (s *procState) checks(name, legend, typ string, values []string, opts []httpx.Option, required bool) *checkGroup {
	g := &checkGroup{Name: name, Legend: s.l.T(legend), Type: typ, Required: required}
	g.Error = s.errFor(name+".", name)
	s.noteError("f-"+name, g.Legend, "", g.Error)
	for _, o := range opts {
		for _, v := range values {
			if v == o.Value {
				o.Selected = true
			}
		}
		g.Options = append(g.Options, o)
	}
	return g
}

func (s *procState) noteError(id, label, suffix, msg string) {
	if msg == "" {
		return
	}
	if suffix != "" {
		label += " (" + suffix + ")"
	}
	s.items = append(s.items, errorItem{ID: id, Text: label + ": " + msg})
}

// summary returns the error summary: the message, then every field error
// in the order of the form, then those of fields not on the page.
func (s *procState) summary() errorSummary {
	sum := errorSummary{Message: s.form.Error, Items: s.items}
	var rest []string
	for k := range s.form.Fields {
		if !s.used[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		sum.Items = append(sum.Items, errorItem{Text: k + ": " + s.form.Fields[k]})
	}
	return sum
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
