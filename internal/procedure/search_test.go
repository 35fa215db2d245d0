package procedure_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procimport"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/searchfeed"
	"github.com/cong-vn/cong/internal/searchindex"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/vntext"
)

// index builds a search index of f's database with the procedure source
// and returns it after catching up with the change feed.
func (f *fixture) index() *searchindex.Index {
	f.t.Helper()
	ix, err := searchindex.Open(filepath.Join(f.t.TempDir(), "search"))
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { ix.Close() })
	f.catchUp(ix)
	return ix
}

func (f *fixture) catchUp(ix *searchindex.Index) {
	f.t.Helper()
	if _, err := searchfeed.New(f.db, ix, nil, procedure.NewSearchSource(f.db, f.db), unit.NewSearchSource(f.db)).CatchUp(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

// codes returns the codes of the procedure hits of text, best first.
func codes(t *testing.T, ix search.Index, text string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), search.Query{Text: text, Kinds: []string{search.KindProcedure}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// Only the published version is indexed: a draft is not, a new draft keeps
// the published text in the index, and abolishing removes the document.
func TestSearchSourceIndexesPublishedVersionsOnly(t *testing.T) {
	f := newFixture(t)
	f.create("1.000001", "Thủ tục đăng ký khai tử")
	ix := f.index()
	if got := codes(t, ix, "dang ky khai tu"); len(got) != 0 {
		t.Fatalf("a draft is indexed: %v", got)
	}
	f.publish("1.000001", 1)
	f.catchUp(ix)
	if got := codes(t, ix, "dang ky khai tu"); len(got) != 1 || got[0] != "1.000001" {
		t.Fatalf("published procedure not found: %v", got)
	}
	p, _ := f.svc.FindProcedureByCode(f.editor, "1.000001")
	p.Name = "Thủ tục đăng ký khai tử lưu động"
	if err := f.svc.UpdateProcedure(f.editor, p, procedure.Basis{Reason: "sửa"}); err != nil {
		t.Fatal(err)
	}
	f.catchUp(ix)
	res, _ := ix.Search(context.Background(), search.Query{Text: "khai tu", Facets: map[string][]string{"level": {"commune"}, "online_level": {"partial"}}})
	if res == nil || res.Total != 1 {
		t.Fatalf("facets of the document: %+v", res)
	}
	if h := res.Hits[0]; h.Title != "Thủ tục đăng ký khai tử" || h.URL != "/thu-tuc/1.000001" || h.UnitName != "Sở Tư pháp" {
		t.Errorf("the index holds %q at %s of %q, want the published version", h.Title, h.URL, h.UnitName)
	}
	if _, err := f.svc.Abolish(f.approver, "1.000001", 2, procedure.Basis{Decision: "99/QĐ-UBND"}); err != nil {
		t.Fatal(err)
	}
	f.catchUp(ix)
	if got := codes(t, ix, "dang ky khai tu"); len(got) != 0 {
		t.Errorf("an abolished procedure is still indexed: %v", got)
	}
	src := procedure.NewSearchSource(f.db, f.db)
	if docs, err := src.Documents(context.Background(), []string{"9.999999"}); err != nil || len(docs) != 0 {
		t.Errorf("unknown code: %v, %v", docs, err)
	}
}

// rankFirst imports items and checks that each name, typed without
// diacritics, finds its procedure first. It returns the codes that were not
// first.
func rankFirst(t *testing.T, f *fixture, items []procimport.Item) (misses []string) {
	t.Helper()
	rep, err := procimport.Apply(f.admin, f.svc, f.db, items, procimport.Options{})
	if err != nil || len(rep.Failed) != 0 {
		t.Fatalf("import: failed %v, %v", rep.Failed, err)
	}
	ix := f.index()
	for _, it := range items {
		got := codes(t, ix, vntext.Fold(it.Procedure.Name))
		if len(got) == 0 || got[0] != it.Procedure.Code {
			t.Logf("%s %q (folded %q): got %v", it.Procedure.Code, it.Procedure.Name, vntext.Fold(it.Procedure.Name), got)
			misses = append(misses, it.Procedure.Code)
		}
	}
	return misses
}

func readItems(t *testing.T, path string) []procimport.Item {
	t.Helper()
	recs, err := procimport.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return procimport.MapAll(recs)
}

func TestSearchFindsImportedNamesFirst(t *testing.T) {
	f := newFixture(t)
	items := readItems(t, filepath.Join("..", "procimport", "testdata", "small.jsonl"))
	if misses := rankFirst(t, f, items); len(misses) != 0 {
		t.Errorf("%d of %d names do not find their procedure first: %v", len(misses), len(items), misses)
	}
}

// TestSearchFindsNationalNamesFirst imports the 207 real records of the
// national database, when the shared data is there, and searches every
// name typed without diacritics.
func TestSearchFindsNationalNamesFirst(t *testing.T) {
	dir := os.Getenv("CONG_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	path := filepath.Join(dir, "tthc-dvcqg-207", "tthc_207.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("national procedure file not found at %s (set CONG_SHARED_DATA)", path)
	}
	if testing.Short() {
		t.Skip("imports 207 procedures")
	}
	f := newFixture(t)
	if _, err := seed.Units(context.Background(), f.db); err != nil {
		t.Fatal(err)
	}
	items := readItems(t, path)
	misses := rankFirst(t, f, items)
	t.Logf("%d of %d names find their procedure first (%.1f%%)", len(items)-len(misses), len(items),
		100*float64(len(items)-len(misses))/float64(len(items)))
	if len(misses) != 0 {
		t.Errorf("names that do not find their procedure first: %v", misses)
	}
}

// The demo catalogue's names, typed without diacritics, find their
// procedures first too.
func TestSearchFindsSeedNamesFirst(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := seed.Units(ctx, f.db); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Procedures(ctx, f.svc, f.db); err != nil {
		t.Fatal(err)
	}
	ix := f.index()
	ps, _, err := f.svc.FindProcedures(ctx, procedure.Filter{})
	if err != nil || len(ps) < 40 {
		t.Fatalf("seeded %d procedures, %v", len(ps), err)
	}
	for _, p := range ps {
		if got := codes(t, ix, vntext.Fold(p.Name)); len(got) == 0 || got[0] != p.Code {
			t.Errorf("%s %q: got %v", p.Code, p.Name, got)
		}
	}
}
