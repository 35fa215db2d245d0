package unit_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/storetest"
	. "github.com/cong-vn/cong/internal/unit"
)

// The cached directory answers like the store, sees this service's writes
// at once and another node's writes once its recheck interval has passed.
func TestDirectoryCache(t *testing.T) {
	db := storetest.New(t)
	ctx := access.WithActor(context.Background(), &access.Actor{UserID: 1, Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1, UnitPath: "/1/", Subtree: true}}})
	here := NewService(db).WithDirectoryCache(db, DefaultRecheck)
	other := NewService(db).WithDirectoryCache(db, 0) // always compares versions
	stale := NewService(db).WithDirectoryCache(db, time.Hour)
	city := &Unit{Code: "01", Kind: City, NameVI: "Thành phố Hà Nội", Active: true}
	if err := here.CreateUnit(ctx, city); err != nil {
		t.Fatal(err)
	}
	count := func(s *Service, q string) int {
		_, n, err := s.FindUnits(ctx, Filter{Query: &q})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count(stale, "") != 1 || count(other, "") != 1 {
		t.Fatal("snapshots not loaded")
	}
	ward := &Unit{Code: "00070", Kind: Ward, ParentID: city.ID, NameVI: "Phường Hoàn Kiếm", Active: true}
	if err := here.CreateUnit(ctx, ward); err != nil {
		t.Fatal(err)
	}
	if count(here, "hoan kiem") != 1 {
		t.Error("the writing service does not see its own write")
	}
	if count(other, "hoan kiem") != 1 {
		t.Error("another node does not see the write after its recheck")
	}
	if count(stale, "hoan kiem") != 0 {
		t.Error("a snapshot within its recheck interval was reloaded: the test cannot tell caching from none")
	}
	// The cached answers match the store's for every filter.
	active, kind := true, Ward
	for _, f := range []Filter{{}, {Active: &active}, {Kind: &kind}, {ParentID: &city.ID}, {Offset: 1, Limit: 1}} {
		want, wn, _ := db.FindUnits(ctx, f)
		got, gn, _ := here.FindUnits(ctx, f)
		if wn != gn || len(want) != len(got) {
			t.Errorf("filter %+v: store %d/%d, cache %d/%d", f, len(want), wn, len(got), gn)
		}
	}
}
