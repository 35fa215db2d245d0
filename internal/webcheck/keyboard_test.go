package webcheck

import (
	"os"
	"testing"

	"github.com/cong-vn/cong/internal/storetest"
)

// formCases are the public forms, each driven by keyboard only. A new
// public form adds its rows here: the happy path and, for a form that
// validates, a row that submits bad input and names the fields whose
// errors must be announced (Want.Invalid).
var formCases = []FormCase{
	{
		Name: "unit directory: type a name without diacritics, submit with Enter in the field",
		Path: "/don-vi",
		Steps: []KeyStep{
			{Focus: "#f-q", Type: "hoan kiem", Press: KeyEnter},
		},
		Want: Outcome{URLHas: []string{"q=hoan+kiem"}, Text: "Hoàn Kiếm", Announce: "main [role=status]"},
	},
	{
		Name: "unit directory (en): name, tick 'inactive' with Space, submit with Enter on the button",
		Path: "/en/units",
		Steps: []KeyStep{
			{Focus: "#f-q", Type: "ba dinh"},
			{Focus: "#f-inactive", Press: KeySpace, Check: "document.getElementById('f-inactive').checked"},
			{Focus: "form.filters button[type=submit]", Press: KeyEnter},
		},
		Want: Outcome{URLHas: []string{"q=ba+dinh", "inactive=1"}, Text: "Ba Dinh District", Announce: "main [role=status]"},
	},
	{
		Name: "unit directory: submit with Space on the button",
		Path: "/don-vi?view=list",
		Steps: []KeyStep{
			{Focus: "#f-q", Type: "xa"},
			{Focus: "form.filters button[type=submit]", Press: KeySpace},
		},
		Want: Outcome{URLHas: []string{"q=xa"}, Announce: "main [role=status]"},
	},
	{
		Name: "procedure catalogue: type a name without diacritics, submit with Enter in the field",
		Path: "/thu-tuc",
		Steps: []KeyStep{
			{Focus: "#proc-q", Type: "dang ky ket hon", Press: KeyEnter},
		},
		Want: Outcome{URLHas: []string{"q=dang+ky+ket+hon"}, Text: "kết hôn", Announce: "main [role=status]"},
	},
	{
		Name: "procedure catalogue (en): submit with Space on the button",
		Path: "/en/procedures",
		Steps: []KeyStep{
			{Focus: "#proc-q", Type: "thuong tru"},
			{Focus: "form.searchbar button[type=submit]", Press: KeySpace},
		},
		Want: Outcome{URLHas: []string{"q=thuong+tru"}, Announce: "main [role=status]"},
	},
}

// siteSearch are the cases of the search form in every page's header.
var siteSearch = []FormCase{
	{
		Name:  "site search in the header: type a query, submit with Enter",
		Path:  "/",
		Steps: []KeyStep{{Focus: "#site-q", Type: "hoan kiem", Press: KeyEnter}},
		Want:  Outcome{URLHas: []string{"/tim-kiem?q=hoan+kiem"}, Announce: "main [role=status]"},
	},
	{
		Name: "site search (en): submit with Space on the button",
		Path: "/en/",
		Steps: []KeyStep{
			{Focus: "#site-q", Type: "ba dinh"},
			{Focus: "form.site-search button[type=submit]", Press: KeySpace},
		},
		Want: Outcome{URLHas: []string{"/en/search?q=ba+dinh"}, Announce: "main [role=status]"},
	},
}

// TestKeyboardForms drives every public form with the keyboard only. It
// runs the real binary on the test database (SQLite, or PostgreSQL in
// the PostgreSQL pass) whenever chromium is installed; under CI=true a
// missing chromium fails it.
func TestKeyboardForms(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not with -short")
	}
	chrome := NeedChromium(t)
	srv := Setup(t, Binary(t), databaseEnv(t))
	browser := NewBrowser(t, chrome)
	for _, fc := range append(formCases, siteSearch...) {
		t.Run(fc.Name, func(t *testing.T) {
			for _, f := range DriveForm(browser, srv.URL, fc) {
				t.Error(f)
			}
		})
	}
}

// databaseEnv points the binary at a fresh test database: the quality
// gates always use SQLite, the keyboard tests follow CONG_TEST_DATABASE.
func databaseEnv(t *testing.T) []string {
	if os.Getenv("CONG_WEBCHECK") == "1" {
		return SQLiteEnv(t)
	}
	o := storetest.Options(t)
	if o.PostgresURL != "" {
		return []string{"CONG_DATA_DIR=" + t.TempDir(), "CONG_DATABASE_URL=" + o.PostgresURL}
	}
	return SQLiteEnv(t)
}
