package searchfeed_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/searchfeed"
	"github.com/cong-vn/cong/internal/searchindex"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func admin(ctx context.Context) context.Context {
	return access.WithActor(ctx, &access.Actor{UserID: 1, Name: "test", Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1, UnitPath: "/1/", Subtree: true}}})
}

func setup(t *testing.T) (*sqlstore.DB, *unit.Service, string) {
	db := storetest.New(t)
	return db, unit.NewService(db), filepath.Join(t.TempDir(), "index")
}

func hits(t *testing.T, ix search.Index, text string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), search.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Kind+"/"+h.ID)
	}
	return ids
}

func TestFeedFollowsTheDatabase(t *testing.T) {
	ctx := admin(context.Background())
	db, units, dir := setup(t)
	ix, err := searchindex.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx := searchfeed.New(db, ix, quiet, unit.NewSearchSource(db))
	city := &unit.Unit{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội", Active: true}
	if err := units.CreateUnit(ctx, city); err != nil {
		t.Fatal(err)
	}
	ward := &unit.Unit{Code: "00070", Kind: unit.Ward, ParentID: city.ID, NameVI: "Phường Hoàn Kiếm", Active: true}
	if err := units.CreateUnit(ctx, ward); err != nil {
		t.Fatal(err)
	}
	if n, err := idx.CatchUp(ctx); err != nil || n != 2 {
		t.Fatalf("CatchUp applied %d, %v", n, err)
	}
	if got := hits(t, ix, "hoan kiem"); len(got) != 1 || got[0] != "unit/00070" {
		t.Fatalf("search after create: %v", got)
	}
	// Deactivating removes the unit from the index; nothing else changes.
	ward.Active, ward.SuccessorID = false, city.ID
	if err := units.UpdateUnit(ctx, ward); err != nil {
		t.Fatal(err)
	}
	if _, err := idx.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := hits(t, ix, "hoan kiem"); len(got) != 0 {
		t.Fatalf("inactive unit still found: %v", got)
	}
	// The applied sequence survives a restart: nothing is applied twice.
	applied, _ := ix.Applied(ctx)
	ix.Close()
	ix, err = searchindex.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if again, _ := ix.Applied(ctx); again != applied || applied == 0 {
		t.Fatalf("applied %d before close, %d after", applied, again)
	}
	if n, err := searchfeed.New(db, ix, quiet, unit.NewSearchSource(db)).CatchUp(ctx); n != 0 || err != nil {
		t.Fatalf("reopened index re-applied %d changes (%v)", n, err)
	}
}

func TestRunAppliesWithinASecondAndRebuilds(t *testing.T) {
	ctx := admin(context.Background())
	db, units, dir := setup(t)
	if err := units.CreateUnit(ctx, &unit.Unit{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội", Active: true}); err != nil {
		t.Fatal(err)
	}
	ix, err := searchindex.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	idx := searchfeed.New(db, ix, quiet, unit.NewSearchSource(db))
	db.OnSearchChange(idx.Wake)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { idx.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor(t, func() bool { return len(hits(t, ix, "ha noi")) == 1 }, "initial rebuild")
	city, _ := db.FindUnitByCode(ctx, "01")
	if err := units.CreateUnit(ctx, &unit.Unit{Code: "so-tu-phap", Kind: unit.Department, ParentID: city.ID, NameVI: "Sở Tư pháp", Active: true}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(hits(t, ix, "tu phap")) == 1 }, "new unit indexed")
	if _, err := db.RequestRebuild(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		n, _ := ix.DocCount(ctx)
		return n == 2 && len(hits(t, ix, "so tu phap")) == 1
	}, "rebuild keeps every document")
}

// waitFor polls cond until it holds. The design makes local changes
// searchable at once (Wake) and remote ones within the poll interval; the
// generous deadline only keeps a loaded CI machine from failing the test.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: never happened", what)
}

// olderIndex is a real index that says it was built by an older version
// of the analyzers until it is rebuilt.
type olderIndex struct {
	*searchindex.Index
	rebuilt atomic.Bool
}

func (o *olderIndex) NeedsRebuild() bool { return !o.rebuilt.Load() }

func (o *olderIndex) Rebuild(ctx context.Context, fill func(context.Context, search.Index) error) error {
	err := o.Index.Rebuild(ctx, fill)
	o.rebuilt.Store(err == nil)
	return err
}

// An index built by an older analyzer is rebuilt when the indexer starts,
// even though it has applied the feed.
func TestRunRebuildsAnIndexOfAnOlderAnalyzer(t *testing.T) {
	ctx := admin(context.Background())
	db, units, dir := setup(t)
	if err := units.CreateUnit(ctx, &unit.Unit{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội", Active: true}); err != nil {
		t.Fatal(err)
	}
	inner, err := searchindex.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer inner.Close()
	if _, err := searchfeed.New(db, inner, quiet, unit.NewSearchSource(db)).CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	ix := &olderIndex{Index: inner}
	idx := searchfeed.New(db, ix, quiet, unit.NewSearchSource(db))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { idx.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor(t, ix.rebuilt.Load, "rebuild of the older index")
	if len(hits(t, ix, "ha noi")) != 1 {
		t.Error("the rebuilt index lost the unit")
	}
}
