package gen_test

import (
	"context"
	"io"
	"testing"

	"github.com/cong-vn/cong/internal/gen"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// TestGenerateUnits makes a small tree on both databases and checks its
// shape, that merged units point at current ones, and that a second run
// creates nothing.
func TestGenerateUnits(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	opts := gen.Options{Units: 400, Seed: 7}
	counts, err := gen.Generate(ctx, gen.Stores{Units: db}, opts, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if counts["units"] != 400 {
		t.Fatalf("created %d units, want 400", counts["units"])
	}
	all, total, err := db.FindUnits(ctx, unit.Filter{})
	if err != nil || total != 400 {
		t.Fatalf("found %d units (%v), want 400", total, err)
	}
	kinds := map[unit.Kind]int{}
	for _, u := range all {
		kinds[u.Kind]++
		if !u.Active && u.SuccessorID == 0 {
			t.Errorf("inactive unit %s has no successor", u.Code)
		}
	}
	for _, k := range unit.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no unit of kind %s: %v", k, kinds)
		}
	}
	u, err := db.FindUnitByCode(ctx, "g-00001")
	if err != nil || len(u.Leaders) < 2 {
		t.Errorf("g-00001: %v, %d leaders", err, len(u.Leaders))
	}
	again, err := gen.Generate(ctx, gen.Stores{Units: db}, opts, io.Discard)
	if err != nil || again["units"] != 0 {
		t.Errorf("second run created %v (%v), want nothing", again, err)
	}
}
