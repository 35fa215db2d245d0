package centreapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// BenchmarkIngestWithHooks is BenchmarkIngest through the store "cong
// serve" wires: every batch also updates the statistics (three upserts
// per changed centre, procedure and month) in its transaction. The
// notifier hook is left out: without subscriptions it costs one indexed
// read per batch.
func BenchmarkIngestWithHooks(b *testing.B) {
	for _, mode := range []string{"new", "mixed"} {
		b.Run(mode, func(b *testing.B) {
			f := newFixture(b)
			ctx := context.Background()
			cal, err := workcal.NewService(f.db, calendar.Options{})
			if err != nil {
				b.Fatal(err)
			}
			svc, err := centreapi.NewService(centreapi.Deps{Store: f.db.CentreStore(dossier.NewStatsKeeper(f.db, cal)),
				Units: unit.NewService(f.db), Calendars: cal, Keys: f.keys, Procedures: testProcedures})
			if err != nil {
				b.Fatal(err)
			}
			svc.SetClock(func() time.Time { return f.clock })
			batches := make([][]centreapi.Item, b.N)
			for i := range batches {
				batches[i] = benchBatch(mode, i)
			}
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				res, err := svc.Ingest(ctx, f.ca, batches[i])
				if err != nil || res.OK != len(batches[i]) {
					b.Fatalf("batch %d: %v", i, err)
				}
			}
			b.ReportMetric(float64(b.N*500)/time.Since(start).Seconds(), "events/s")
		})
	}
}
