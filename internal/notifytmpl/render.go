package notifytmpl

import (
	"bytes"
	"embed"
	"fmt"
	htemplate "html/template"
	"io/fs"
	"sort"
	"strings"
	ttemplate "text/template"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
)

//go:embed templates/*.tmpl
var embedded embed.FS

const layoutFile = "_layout.html.tmpl"

// Set is the parsed templates. It is safe for concurrent use.
type Set struct {
	text map[string]*ttemplate.Template // by "key.lang"
	html map[string]*htemplate.Template
}

var _ notify.Renderer = (*Set)(nil)

// view is what every template sees.
type view struct {
	Lang    string
	Subject string
	Data    map[string]any
}

// New parses the embedded templates, each replaced by the file of the same
// name in override when there is one (override may be nil). It fails when
// a template does not parse, or a key lacks one of its four files (two
// languages, two forms), or a text template lacks "subject".
func New(override fs.FS) (*Set, error) {
	names, err := fs.Glob(embedded, "templates/*.tmpl")
	if err != nil {
		return nil, err
	}
	layout, err := read(override, layoutFile)
	if err != nil {
		return nil, err
	}
	s := &Set{text: map[string]*ttemplate.Template{}, html: map[string]*htemplate.Template{}}
	for _, path := range names {
		name := strings.TrimPrefix(path, "templates/")
		if name == layoutFile {
			continue
		}
		if err := s.add(override, name, layout); err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
	}
	return s, s.complete()
}

// read returns the override's file when it has one, else the embedded one.
func read(override fs.FS, name string) (string, error) {
	if override != nil {
		if b, err := fs.ReadFile(override, name); err == nil {
			return string(b), nil
		}
	}
	b, err := fs.ReadFile(embedded, "templates/"+name)
	return string(b), err
}

// add parses one file, named "<key>.<lang>.<txt|html>.tmpl".
func (s *Set) add(override fs.FS, name, layout string) error {
	body, err := read(override, name)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(name, ".tmpl")
	id, form, _ := cut(base)
	switch form {
	case "txt":
		t, err := ttemplate.New(name).Option("missingkey=error").Parse(body)
		if err == nil && t.Lookup("subject") == nil {
			err = fmt.Errorf(`no "subject" defined`)
		}
		s.text[id] = t
		return err
	case "html":
		t, err := htemplate.New("layout").Option("missingkey=error").Parse(layout)
		if err == nil {
			_, err = t.New(name).Parse(body)
		}
		if err == nil && t.Lookup("content") == nil {
			err = fmt.Errorf(`no "content" defined`)
		}
		s.html[id] = t
		return err
	}
	return fmt.Errorf("name must end in .txt.tmpl or .html.tmpl")
}

// cut splits "key.lang.form" at its last dot.
func cut(base string) (id, form string, ok bool) {
	i := strings.LastIndex(base, ".")
	if i < 0 {
		return base, "", false
	}
	return base[:i], base[i+1:], true
}

// complete checks that every key has both forms in every language.
func (s *Set) complete() error {
	var missing []string
	for _, key := range s.Keys() {
		for _, lang := range notify.Languages {
			id := key + "." + lang
			if s.text[id] == nil {
				missing = append(missing, id+".txt.tmpl")
			}
			if s.html[id] == nil {
				missing = append(missing, id+".html.tmpl")
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing templates: %s", strings.Join(missing, ", "))
	}
	return nil
}

// Keys returns every message key, sorted.
func (s *Set) Keys() []string {
	seen := map[string]bool{}
	for id := range s.text {
		seen[id[:strings.LastIndex(id, ".")]] = true
	}
	for id := range s.html {
		seen[id[:strings.LastIndex(id, ".")]] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Render implements notify.Renderer.
func (s *Set) Render(key, lang string, data map[string]any) (*notify.Rendered, error) {
	const op = "notifytmpl.Render"
	id := key + "." + lang
	tt, ht := s.text[id], s.html[id]
	if tt == nil || ht == nil {
		return nil, errs.E(op, errs.NotFound, "notify.template_unknown", fmt.Errorf("no template %s", id))
	}
	v := view{Lang: lang, Data: data}
	var r notify.Rendered
	var err error
	if r.Subject, err = execText(tt.Lookup("subject"), v); err != nil {
		return nil, errs.E(op, errs.Invalid, err)
	}
	v.Subject = r.Subject
	if r.Text, err = execText(tt, v); err != nil {
		return nil, errs.E(op, errs.Invalid, err)
	}
	if r.HTML, err = execHTML(ht, v); err != nil {
		return nil, errs.E(op, errs.Invalid, err)
	}
	r.SMS = r.Text
	if sms := tt.Lookup("sms"); sms != nil {
		if r.SMS, err = execText(sms, v); err != nil {
			return nil, errs.E(op, errs.Invalid, err)
		}
	}
	return &r, nil
}

func execText(t *ttemplate.Template, v view) (string, error) {
	var b bytes.Buffer
	err := t.Execute(&b, v)
	return strings.TrimSpace(b.String()), err
}

func execHTML(t *htemplate.Template, v view) (string, error) {
	var b bytes.Buffer
	err := t.ExecuteTemplate(&b, "layout", v)
	return strings.TrimSpace(b.String()), err
}
