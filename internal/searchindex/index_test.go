package searchindex

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

var ctx = context.Background()

// catalogue is documents of three kinds in two units.
func catalogue() []search.Document {
	var docs []search.Document
	for i := 1; i <= 12; i++ {
		d := doc(fmt.Sprint("p", i), fmt.Sprintf("Thủ tục hành chính số %d", i), "Nộp hồ sơ thủ tục tại bộ phận một cửa.")
		d.UnitCode, d.UnitName = "00001", "Phường Ba Đình"
		if i%3 == 0 {
			d.UnitCode, d.UnitName = "00004", "Phường Ngọc Hà"
		}
		d.Facets = map[string][]string{"level": {[]string{"xa", "tinh"}[i%2]}}
		d.Date = date(2025, 1, i)
		docs = append(docs, d)
	}
	for i := 1; i <= 3; i++ {
		docs = append(docs, search.Document{
			Kind: search.KindNews, ID: fmt.Sprint("n", i), Title: fmt.Sprintf("Tin về thủ tục %d", i),
			Body: "Hướng dẫn thủ tục mới.", UnitCode: "00001", UnitName: "Phường Ba Đình", Date: date(2026, 1, i),
			Facets: map[string][]string{"year": {"2026"}},
		})
	}
	return docs
}

func counts(fc []search.FacetCount) map[string]int {
	m := map[string]int{}
	for _, c := range fc {
		m[c.Value] = c.Count
	}
	return m
}

func TestFacets(t *testing.T) {
	ix := openTest(t, catalogue()...)
	res := mustSearch(t, ix, search.Query{Text: "thủ tục"})
	if res.Total != 15 {
		t.Fatalf("Total = %d, want 15", res.Total)
	}
	if got := counts(res.Facets["kind"]); !reflect.DeepEqual(got, map[string]int{"procedure": 12, "news": 3}) {
		t.Errorf("kind facet = %v", got)
	}
	if got := counts(res.Facets["unit"]); !reflect.DeepEqual(got, map[string]int{"00001": 11, "00004": 4}) {
		t.Errorf("unit facet = %v", got)
	}
	if _, ok := res.Facets["level"]; ok {
		t.Error("a kind's own facet is counted without a kind filter")
	}

	res = mustSearch(t, ix, search.Query{Text: "thủ tục", Kinds: []string{"procedure"}})
	if res.Total != 12 {
		t.Errorf("Total with kind filter = %d, want 12", res.Total)
	}
	if got := counts(res.Facets["kind"]); got["news"] != 3 {
		t.Errorf("kind facet under a kind filter = %v, want the other kinds counted too", got)
	}
	if got := counts(res.Facets["level"]); !reflect.DeepEqual(got, map[string]int{"xa": 6, "tinh": 6}) {
		t.Errorf("level facet = %v", got)
	}
}

func TestFilters(t *testing.T) {
	ix := openTest(t, catalogue()...)
	tests := []struct {
		name string
		q    search.Query
		want int
	}{
		{"unit", search.Query{Text: "thủ tục", UnitCode: "00004"}, 4},
		{"facet", search.Query{Text: "thủ tục", Facets: map[string][]string{"level": {"xa"}}}, 6},
		{"facet values OR", search.Query{Facets: map[string][]string{"level": {"xa", "tinh"}}}, 12},
		{"facets AND unit", search.Query{UnitCode: "00004", Facets: map[string][]string{"level": {"xa"}}}, 2},
		{"kinds", search.Query{Kinds: []string{"news"}}, 3},
		{"lang", search.Query{Lang: "en"}, 0},
		{"browse all", search.Query{}, 15},
		{"punctuation only browses", search.Query{Text: `+-:~"*`}, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res := mustSearch(t, ix, tt.q); res.Total != tt.want {
				t.Errorf("Total = %d, want %d (%v)", res.Total, tt.want, ids(res))
			}
		})
	}
}

func TestPaginationAndSort(t *testing.T) {
	ix := openTest(t, catalogue()...)
	var all []string
	for off := 0; off < 15; off += 4 {
		res := mustSearch(t, ix, search.Query{Text: "thủ tục", Offset: off, Limit: 4})
		all = append(all, ids(res)...)
		if res.Total != 15 {
			t.Fatalf("Total = %d on page at %d", res.Total, off)
		}
	}
	seen := map[string]bool{}
	for _, id := range all {
		if seen[id] {
			t.Errorf("%s appears on two pages", id)
		}
		seen[id] = true
	}
	if len(all) != 15 {
		t.Errorf("pages hold %d hits, want 15", len(all))
	}

	res := mustSearch(t, ix, search.Query{Text: "thủ tục", Sort: search.SortDate, Limit: 3})
	if got := ids(res); !reflect.DeepEqual(got, []string{"n3", "n2", "n1"}) {
		t.Errorf("by date = %v, want newest first", got)
	}
	if res.Hits[0].Date != date(2026, 1, 3) {
		t.Errorf("Date = %v", res.Hits[0].Date)
	}
	res = mustSearch(t, ix, search.Query{Text: "thủ tục", Offset: -5, Limit: 1000})
	if len(res.Hits) != 15 {
		t.Errorf("clamped page holds %d hits, want 15", len(res.Hits))
	}
}

func TestHitFields(t *testing.T) {
	ix := openTest(t, catalogue()...)
	res := mustSearch(t, ix, search.Query{Text: "thủ tục hành chính số 3"})
	h := res.Hits[0]
	want := search.Hit{Kind: "procedure", ID: "p3", Title: "Thủ tục hành chính số 3", URL: "/thu-tuc/p3", UnitName: "Phường Ngọc Hà", Date: date(2025, 1, 3)}
	h.Score, h.Snippet = 0, nil
	if !reflect.DeepEqual(h, want) {
		t.Errorf("hit = %+v\nwant %+v", h, want)
	}
}

func TestUpsertReplacesAndDeleteRemoves(t *testing.T) {
	ix := fixture(t)
	if err := ix.Upsert(ctx, doc("kh", "Thủ tục ly hôn", "Giải quyết ly hôn.")); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, search.Query{Text: `"kết hôn"`}); res.Total != 0 {
		t.Errorf("the replaced text is still found: %v", ids(res))
	}
	if res := mustSearch(t, ix, search.Query{Text: "ly hôn"}); len(res.Hits) == 0 || res.Hits[0].ID != "kh" {
		t.Error("the new text is not found")
	}
	if err := ix.Delete(ctx, search.KindProcedure, "kh"); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, search.Query{Text: "ly hôn"}); res.Total != 0 {
		t.Errorf("deleted document still found: %v", ids(res))
	}
	if err := ix.Delete(ctx, search.KindProcedure, "absent"); err != nil {
		t.Errorf("Delete(absent) = %v", err)
	}
	if n, _ := ix.DocCount(ctx); n != 5 {
		t.Errorf("DocCount = %d, want 5", n)
	}
}

func TestUpsertRefusesBadDocuments(t *testing.T) {
	ix := openTest(t)
	for _, d := range []search.Document{{ID: "1", Title: "t"}, {Kind: "k", Title: "t"}, {Kind: "k", ID: "1"}, {Kind: "a:b", ID: "1", Title: "t"}} {
		err := ix.Upsert(ctx, doc("ok", "Tiêu đề", ""), d)
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("Upsert(%+v) = %v, want Invalid", d, err)
		}
	}
	if n, _ := ix.DocCount(ctx); n != 0 {
		t.Errorf("DocCount = %d after refused batches, want 0", n)
	}
}

func TestAppliedSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if seq, err := ix.Applied(ctx); err != nil || seq != 0 {
		t.Fatalf("Applied on a new index = %d, %v", seq, err)
	}
	ix.Upsert(ctx, fixtureDocs()...)
	if err := ix.SetApplied(ctx, 42); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if seq, err := ix.Applied(ctx); err != nil || seq != 42 {
		t.Errorf("Applied after reopen = %d, %v; want 42", seq, err)
	}
	if res := mustSearch(t, ix, search.Query{Text: "ket hon"}); len(res.Hits) == 0 || res.Hits[0].ID != "kh" {
		t.Errorf("documents lost on reopen: %v", ids(res))
	}
}

func TestClosedIndexIsUnavailable(t *testing.T) {
	ix := openTest(t)
	ix.Close()
	if _, err := ix.Search(ctx, search.Query{Text: "x"}); !errs.Is(err, errs.Unavailable) {
		t.Errorf("Search on a closed index = %v, want Unavailable", err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestQueryTooLong(t *testing.T) {
	ix := fixture(t)
	_, err := ix.Search(ctx, search.Query{Text: strings.Repeat("ư", search.MaxQueryRunes+1)})
	if key, _ := errs.KeyOf(err); !errs.Is(err, errs.Invalid) || key != search.KeyQueryTooLong {
		t.Errorf("over-long query: %v, want Invalid %s", err, search.KeyQueryTooLong)
	}
	if _, err := ix.Search(ctx, search.Query{Text: strings.Repeat("ư", search.MaxQueryRunes)}); err != nil {
		t.Errorf("query at the cap: %v", err)
	}
}

func TestBoost(t *testing.T) {
	a, b := doc("a", "Thủ tục cấp phép", "Cấp phép."), doc("b", "Thủ tục cấp phép", "Cấp phép.")
	b.Boost = 3
	ix := openTest(t, a, b)
	res := mustSearch(t, ix, search.Query{Text: "cấp phép"})
	if got := ids(res); len(got) != 2 || got[0] != "b" || res.Hits[0].Score <= 2*res.Hits[1].Score {
		t.Errorf("boosted document: %v %v", got, res.Hits)
	}
}

func fixtureDocs() []search.Document {
	return []search.Document{
		doc("kh", "Thủ tục đăng ký kết hôn", "Hồ sơ đăng ký kết hôn."),
		doc("ks", "Thủ tục đăng ký khai sinh", "Tờ khai đăng ký khai sinh."),
	}
}

func TestUnitFacetIsCapped(t *testing.T) {
	var docs []search.Document
	for i := 0; i < 30; i++ {
		d := doc(fmt.Sprint("p", i), "Thủ tục", "Hồ sơ.")
		d.UnitCode = fmt.Sprintf("u%02d", i%25) // 25 units, the first five with two documents
		docs = append(docs, d)
	}
	ix := openTest(t, docs...)
	res := mustSearch(t, ix, search.Query{Text: "thủ tục"})
	units, tot := res.Facets["unit"], res.FacetTotals["unit"]
	if len(units) != unitFacetSize || units[0].Count != 2 || units[4].Count != 2 || units[5].Count != 1 {
		t.Errorf("unit facet = %v", units)
	}
	if tot.Values != 25 || tot.Other != 5 {
		t.Errorf("unit totals = %+v, want 25 values, 5 matches left out", tot)
	}
	if kt := res.FacetTotals["kind"]; kt.Values != 1 || kt.Other != 0 {
		t.Errorf("kind totals = %+v", kt)
	}
}
