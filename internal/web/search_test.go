package web_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/searchfeed"
	"github.com/cong-vn/cong/internal/searchindex"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/unit"
)

// newIndex builds a search index of the fixture's database.
func newIndex(t testing.TB, db *sqlstore.DB) *searchindex.Index {
	t.Helper()
	ix, err := searchindex.Open(filepath.Join(t.TempDir(), "search"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := searchfeed.New(db, ix, nil, unit.NewSearchSource(db), procedure.NewSearchSource(db, db)).CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t)
	for _, sc := range []scenario{
		{name: "empty", path: "/tim-kiem", status: 200, want: []string{`role="search"`, "có dấu hoặc không dấu"}},
		{name: "folded query", path: "/tim-kiem?q=tu+phap", status: 200, want: []string{`<a href="/don-vi/so-tu-phap">Sở Tư pháp</a>`, "Tìm thấy 1 kết quả"}},
		{name: "snippet marks the accented words", path: "/tim-kiem?q=tran+phu", status: 200, want: []string{"<mark>Trần Phú</mark>", "Sở Tư pháp"}},
		{name: "accented query", path: "/tim-kiem?q=Ho%C3%A0n+Ki%E1%BA%BFm", status: 200, want: []string{"Phường Hoàn Kiếm"}},
		{name: "english", path: "/en/search?q=hoan+kiem", status: 200, want: []string{`href="/en/units/00070"`, "1 results"}},
		{name: "operators are text", path: "/tim-kiem?q=%2B%22%3A~%5E*", status: 200, notWant: []string{"Đã có lỗi"}},
		{name: "kind facet", path: "/tim-kiem?q=ha+noi&kind=unit", status: 200, want: []string{"Loại đơn vị"}},
		{name: "too long", path: "/tim-kiem?q=" + longQuery(600), status: 422, want: []string{"quá dài"}},
		{name: "script escaped", path: "/tim-kiem?q=%3Cscript%3E", status: 200, notWant: []string{"<script>"}},
		{name: "opensearch", path: "/opensearch.xml", status: 200, want: []string{"OpenSearchDescription", "/tim-kiem?q={searchTerms}"}},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

// The unit facet links the ten units with most matches and says how many
// units and matches it leaves out.
func TestSearchPageSumsUpTheUnitsNotListed(t *testing.T) {
	f := newFixture(t, func(t testing.TB, db *sqlstore.DB) {
		city, err := db.FindUnitByCode(context.Background(), "01")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 13 {
			u := &unit.Unit{Code: fmt.Sprintf("9%04d", i), Kind: unit.Ward, ParentID: city.ID, Active: true,
				NameVI: fmt.Sprintf("Phường Thử Nghiệm %d", i), NameEN: fmt.Sprintf("Test Ward %d", i)}
			if err := db.CreateUnit(context.Background(), u, &audit.Entry{At: time.Now().UTC(), Action: "unit.create", ActorName: "test"}); err != nil {
				t.Fatal(err)
			}
		}
	})
	f.run(t, scenario{path: "/tim-kiem?q=thu+nghiem&kind=unit", status: 200, want: []string{"và 3 đơn vị khác (3 kết quả)"}})
	f.run(t, scenario{path: "/en/search?q=thu+nghiem&kind=unit", status: 200, want: []string{"and 3 more units (3 results)"}})
	_, body := f.run(t, scenario{path: "/api/v1/search?q=thu+nghiem&kind=unit", status: 200, want: []string{`"unit":{"values":13,"other":0}`}})
	loadOpenAPI(t).validate(t, "GET", "/api/v1/search", 200, body)
}

func TestSearchAPI(t *testing.T) {
	f := newFixture(t)
	api := loadOpenAPI(t)
	for _, c := range []struct {
		path, tmpl string
		status     int
		want       []string
	}{
		{"/api/v1/search?q=hoan+kiem", "/api/v1/search", 200, []string{`"total":1`, `"id":"00070"`, `"mark":true`, `"facet_totals":{`, `"unit":{"values":1,"other":0}`}},
		{"/api/v1/search?q=ha+noi&kind=unit&limit=1", "/api/v1/search", 200, []string{`"limit":1`, `"kind":[`}},
		{"/api/v1/search?q=x&limit=0&sort=size", "/api/v1/search", 422, []string{`"limit"`, `"sort"`}},
		{"/api/v1/search/suggest?q=so+tu", "/api/v1/search/suggest", 200, []string{`"title":"Sở Tư pháp"`}},
		{"/api/v1/search/suggest?q=x&limit=99", "/api/v1/search/suggest", 422, []string{`"limit"`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			_, body := f.run(t, scenario{path: c.path, status: c.status, want: c.want})
			api.validate(t, "GET", c.tmpl, c.status, body)
		})
	}
}

func longQuery(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}
