package unitimport_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/unitimport"
)

func TestApplyIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	recs := mustLoad(t, "01")
	rep, err := unitimport.Apply(ctx, db, recs, "importer")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != 6 || len(rep.Updated)+len(rep.Unchanged) != 0 {
		t.Fatalf("first run: %+v", rep)
	}
	city, err := db.FindUnitByCode(ctx, "01")
	if err != nil || city.ParentID != 0 || city.Kind != unit.City || city.GSOCode != "01" {
		t.Fatalf("province: %+v, %v", city, err)
	}
	ward, _ := db.FindUnitByCode(ctx, "00070")
	if ward.ParentID != city.ID || ward.Kind != unit.Ward || ward.GSOCode != "00070" || ward.SortOrder != 1001 || !ward.Active {
		t.Errorf("ward: %+v", ward)
	}

	rep, err = unitimport.Apply(ctx, db, recs, "importer")
	if err != nil || len(rep.Unchanged) != 6 || len(rep.Created)+len(rep.Updated) != 0 {
		t.Fatalf("second run: %+v, %v", rep, err)
	}
	if _, n, _ := db.FindAudit(ctx, audit.Filter{}); n != 6 {
		t.Errorf("%d audit entries after two runs, want 6", n)
	}

	// A new edition of the file spells a name differently.
	recs[4].NameVI, recs[4].ShortName = "Phường Yên Hòa", "Yên Hòa"
	rep, err = unitimport.Apply(ctx, db, recs, "importer")
	if err != nil || len(rep.Updated) != 1 || rep.Updated[0] != "00175" || len(rep.Unchanged) != 5 {
		t.Fatalf("renaming run: %+v, %v", rep, err)
	}
	got, _ := db.FindUnitByCode(ctx, "00175")
	if got.NameVI != "Phường Yên Hòa" || got.Version != 2 {
		t.Errorf("renamed: %q v%d", got.NameVI, got.Version)
	}
	es, _, _ := db.FindAudit(ctx, audit.Filter{ObjectID: ptr("00175"), Limit: 1})
	if len(es) != 1 || es[0].Action != "unit.update" || es[0].ActorName != "importer" {
		t.Errorf("rename audit: %+v", es)
	}
	if rep, _ := unitimport.Apply(ctx, db, recs, "importer"); len(rep.Unchanged) != 6 {
		t.Errorf("run after the rename: %+v", rep)
	}
}

func TestApplyNeedsTheParent(t *testing.T) {
	db := storetest.New(t)
	recs := mustLoad(t, "01")[1:] // the wards without their province
	rep, err := unitimport.Apply(context.Background(), db, recs, "importer")
	if !errs.Is(err, errs.Invalid) || len(rep.Created) != 0 {
		t.Errorf("got %+v, %v", rep, err)
	}
}

// The demo seed and the importer describe the same units the same way, so
// importing over the seed changes nothing.
func TestApplyAfterSeedChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	rep, err := unitimport.Apply(ctx, db, mustLoad(t, "01"), "importer")
	if err != nil || len(rep.Unchanged) != 6 {
		t.Errorf("got %+v, %v", rep, err)
	}
}

func ptr[T any](v T) *T { return &v }
