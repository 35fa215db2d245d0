package unit_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// BenchmarkDirectory measures what the unit directory page asks for (the
// whole tree, and the list filtered by a name typed without diacritics)
// over Hà Nội's demo units, answered from the in-memory snapshot
// ("cached") against the same service reading the database each time
// ("store", the baseline).
func BenchmarkDirectory(b *testing.B) {
	ctx := context.Background()
	db := storetest.New(b)
	if _, err := seed.Units(ctx, db); err != nil {
		b.Fatal(err)
	}
	query := "hoan kiem"
	for _, c := range []struct {
		name string
		svc  *unit.Service
	}{
		{"store", unit.NewService(db)},
		{"cached", unit.NewService(db).WithDirectoryCache(db, unit.DefaultRecheck)},
	} {
		b.Run("tree/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if nodes, err := c.svc.Tree(ctx, true, -1); err != nil || len(nodes) == 0 {
					b.Fatal(len(nodes), err)
				}
			}
		})
		b.Run("filter/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if units, _, err := c.svc.FindUnits(ctx, unit.Filter{Query: &query, Limit: 50}); err != nil || len(units) == 0 {
					b.Fatal(len(units), err)
				}
			}
		})
	}
}
