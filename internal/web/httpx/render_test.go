package httpx

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cong-vn/cong/internal/i18n"
)

// A literal L.T call, put in as a constant at parse time, renders exactly
// as the call itself does, escaped for its context, in every language;
// calls with a key that is not a literal stay calls.
func TestLiteralMessagesRenderAsTheCall(t *testing.T) {
	fsys := fstest.MapFS{
		"layout/base.html": {Data: []byte(`{{define "layout"}}` +
			`<p title="{{.L.T "admin.calendar_intro"}}">{{.L.T "admin.calendar_intro"}}</p>` +
			`<p title="{{$.L.T "centre.item_forbidden"}}">{{- .L.T "nav.home" -}}</p>` +
			`|<p title="{{.L.T .Data.Intro}}">{{.L.T .Data.Intro}}</p>` +
			`<p title="{{.L.T .Data.Forbidden}}">{{.L.T .Data.Home}}</p>{{end}}`)},
		"partials/none.html": {Data: []byte(`{{define "none"}}{{end}}`)},
		"pages/x.html":       {Data: []byte(`{{define "main"}}{{end}}`)},
	}
	cat := i18n.MustLoad()
	rd, err := NewRenderer(fsys, "", cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := struct{ Intro, Forbidden, Home string }{"admin.calendar_intro", "centre.item_forbidden", "nav.home"}
	for _, lang := range i18n.Languages {
		var b bytes.Buffer
		if err := rd.pages[lang]["x"].ExecuteTemplate(&b, "layout", &Page{L: cat.For(lang), Data: data}); err != nil {
			t.Fatal(err)
		}
		literal, called, ok := strings.Cut(b.String(), "|")
		if !ok || literal != called {
			t.Errorf("%s: literal messages render as\n%s\nthe calls as\n%s", lang, literal, called)
		}
		if lang == "en" && !strings.Contains(literal, "government&#39;s") {
			t.Errorf("en: the apostrophe is not escaped: %s", literal)
		}
	}
	// The literal calls are gone from the parsed templates.
	if tree := rd.pages["vi"]["x"].Lookup("layout").Tree.Root.String(); strings.Count(tree, ".L.T") != 4 {
		t.Errorf("parsed layout keeps %d calls of .L.T, want the 4 non-literal ones:\n%s", strings.Count(tree, ".L.T"), tree)
	}
}
