package httpx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/i18n"
)

// Page is what every HTML template receives.
type Page struct {
	L           *i18n.Localizer
	Title       string
	Description string
	Path        string // the request path
	AltLangURL  string // the same page in the other language, "" when none
	Canonical   string
	Actor       *access.Actor
	CSRF        string
	Owner       *Owner // the unit accountable for the page, named in the footer
	Crumbs      []Crumb
	Admin       bool // use the admin shell
	Noindex     bool
	JSONLD      any // marshalled into a application/ld+json block when set
	Flash       string
	Data        any
}

// Owner names the unit accountable for a page.
type Owner struct{ Name, URL string }

// Crumb is one step of the breadcrumb trail.
type Crumb struct{ Label, URL string }

// Renderer renders HTML pages and JSON. Templates are parsed once at start,
// once per language (see NewRenderer).
type Renderer struct {
	Catalog *i18n.Catalog
	Assets  *Assets
	pages   map[string]map[string]*template.Template // language → page name → template
	bufs    sync.Pool
	// DefaultOwner is named in the footer of pages without an owner.
	DefaultOwner Owner
}

// NewRenderer parses the templates of fsys: layout/*.html and
// partials/*.html form the base, and each pages/NAME.html becomes the page
// NAME. When overrideDir is set, a file there replaces the embedded file of
// the same relative path, so operators can restyle the portal.
//
// The templates are parsed once per language of the catalogue, with each
// message of a literal key ({{.L.T "nav.home"}}, also $.L.T and .P.L.T)
// put in as a constant, which html/template still escapes for its context:
// a page holds hundreds of them, and calling L.T through reflection was the
// largest part of rendering one.
func NewRenderer(fsys fs.FS, overrideDir string, cat *i18n.Catalog, assets *Assets) (*Renderer, error) {
	if overrideDir != "" {
		fsys = overlay{over: os.DirFS(overrideDir), base: fsys}
	}
	rd := &Renderer{Catalog: cat, Assets: assets, pages: map[string]map[string]*template.Template{}}
	rd.bufs.New = func() any { return new(bytes.Buffer) }
	var baseFiles []string
	for _, glob := range []string{"layout/*.html", "partials/*.html"} {
		names, err := fs.Glob(fsys, glob)
		if err != nil {
			return nil, fmt.Errorf("templates %s: %w", glob, err)
		}
		baseFiles = append(baseFiles, names...)
	}
	pages, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, lang := range i18n.Languages {
		l := cat.For(lang)
		base := template.New("").Funcs(rd.funcs())
		for _, f := range baseFiles {
			if err := parseFile(base, fsys, f, l); err != nil {
				return nil, err
			}
		}
		set := map[string]*template.Template{}
		for _, p := range pages {
			t := template.Must(base.Clone())
			if err := parseFile(t, fsys, p, l); err != nil {
				return nil, err
			}
			set[strings.TrimSuffix(path.Base(p), ".html")] = t
		}
		rd.pages[lang] = set
	}
	return rd, nil
}

// literalT matches a call of L.T on the page's localizer with a literal key
// and no arguments, with its delimiters and their trim markers.
var literalT = regexp.MustCompile(`(\{\{-?\s*)(?:\$|\.P)?\.L\.T\s+"([^"\\]+)"(\s*-?\}\})`)

// parseFile parses file of fsys into t as ParseFS would (a template named
// after the file's base name), with literal L.T calls replaced by l's
// message (see NewRenderer).
func parseFile(t *template.Template, fsys fs.FS, file string, l *i18n.Localizer) error {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("template %s: %w", file, err)
	}
	src := literalT.ReplaceAllStringFunc(string(b), func(call string) string {
		m := literalT.FindStringSubmatch(call)
		return m[1] + strconv.Quote(l.T(m[2])) + m[3]
	})
	if _, err := t.New(path.Base(file)).Parse(src); err != nil {
		return fmt.Errorf("template %s: %w", file, err)
	}
	return nil
}

// overlay reads from over first, then from base.
type overlay struct{ over, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.over.Open(name); err == nil {
		return f, nil
	}
	return o.base.Open(name)
}

func (o overlay) Glob(pattern string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, f := range []fs.FS{o.base, o.over} {
		names, _ := fs.Glob(f, pattern)
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out, nil
}

// HTML renders page name with status. The page is rendered into a buffer
// first, so a template error becomes a clean 500 instead of half a page.
func (rd *Renderer) HTML(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	info := From(r)
	rd.fill(r, info, p)
	t, ok := rd.pages[p.L.Lang][name]
	if !ok {
		rd.fail(w, r, fmt.Errorf("no template %q", name))
		return
	}
	buf := rd.bufs.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); rd.bufs.Put(buf) }()
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		rd.fail(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.L.Lang)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if info.Actor != nil {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fill completes p from the request.
func (rd *Renderer) fill(r *http.Request, info *Info, p *Page) {
	if p.L == nil {
		p.L = rd.Catalog.For(info.Lang)
	}
	p.Path, p.Actor, p.CSRF = r.URL.Path, info.Actor, info.CSRFToken
	if p.AltLangURL == "" && !p.Admin {
		p.AltLangURL = AltLangPath(r.URL.Path, p.L.Lang)
	}
	if p.Owner == nil {
		o := rd.DefaultOwner
		if o.Name == "" {
			o.Name = p.L.T("site.owner")
		}
		p.Owner = &o
	}
}

// fail is the last resort when rendering itself fails.
func (rd *Renderer) fail(w http.ResponseWriter, r *http.Request, err error) {
	From(r).Logger.Error("render failed", "err", err)
	http.Error(w, "500 Internal Server Error", http.StatusInternalServerError)
}

// JSON writes v as JSON with status.
func (rd *Renderer) JSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		rd.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// AltLangPath maps a path to the other language: "/don-vi/x" ↔ "/en/units/x"
// through the registered path pairs.
func AltLangPath(p, lang string) string {
	if lang == "en" {
		rest := strings.TrimPrefix(p, "/en")
		return translatePath(rest, enToVI)
	}
	return "/en" + translatePath(p, viToEN)
}

var viToEN, enToVI = map[string]string{}, map[string]string{}

// PathPair registers the Vietnamese and English first path segments of a
// section, e.g. PathPair("don-vi", "units"), for the language switch.
func PathPair(vi, en string) { viToEN[vi], enToVI[en] = en, vi }

func translatePath(p string, m map[string]string) string {
	seg, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if t, ok := m[seg]; ok {
		seg = t
	}
	if rest != "" {
		return "/" + seg + "/" + rest
	}
	if seg == "" {
		return "/"
	}
	return "/" + seg
}

func (rd *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"static": func(name string) string { return rd.Assets.URL(name) },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(vnZone).Format("02/01/2006")
		},
		"datetime": func(t time.Time) string { return t.In(vnZone).Format("02/01/2006 15:04") },
		"isodate":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"add":      func(a, b int) int { return a + b },
		"mul":      func(a, b int) int { return a * b },
		// enURL maps a Vietnamese public path to its English twin.
		"enURL": func(p string) string { return AltLangPath(p, "vi") },
		"query": func(base string, kv ...any) string {
			v := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				if s := fmt.Sprint(kv[i+1]); s != "" {
					v.Set(fmt.Sprint(kv[i]), s)
				}
			}
			if len(v) == 0 {
				return base
			}
			return base + "?" + v.Encode()
		},
		"jsonld": func(v any) (template.HTML, error) {
			b, err := json.Marshal(v)
			if err != nil {
				return "", err
			}
			// json.Marshal escapes <, > and & so the block cannot close itself.
			return template.HTML(`<script type="application/ld+json">` + string(b) + `</script>`), nil
		},
		"itoa": strconv.Itoa,
		// field builds a Field for the "field" template.
		"field": func(name, label, typ, value, hint, autocomplete string, required bool) Field {
			return Field{Name: name, Label: label, Type: typ, Value: value, Hint: hint, Autocomplete: autocomplete, Required: required}
		},
		// fieldErr builds a required Field carrying its error message.
		"fieldErr": func(name, label, typ, autocomplete, err string) Field {
			return Field{Name: name, Label: label, Type: typ, Autocomplete: autocomplete, Required: true, Error: err}
		},
		"ifs": func(c bool, s string) string {
			if c {
				return s
			}
			return ""
		},
		"nodeArgs": func(p *Page, n any) map[string]any { return map[string]any{"P": p, "N": n} },
		"pagerArgs": func(p *Page, page, pages int, base string) map[string]any {
			return map[string]any{"P": p, "Page": page, "Pages": pages, "Base": base}
		},
		"pageURL": func(base string, page int) string {
			sep := "?"
			if strings.Contains(base, "?") {
				sep = "&"
			}
			return base + sep + "page=" + strconv.Itoa(page)
		},
		// tel builds a tel: link from a displayed number; the result holds
		// only digits and "+", so it is safe to mark as a URL.
		"tel": func(s string) template.URL { return template.URL("tel:" + strings.Map(telRune, s)) },
	}
}

func telRune(r rune) rune {
	if r == '+' || (r >= '0' && r <= '9') {
		return r
	}
	return -1
}

// vnZone is Vietnam's time zone (UTC+7, no daylight saving time).
var vnZone = time.FixedZone("ICT", 7*3600)

func itoa(n int) string { return strconv.Itoa(n) }
