package centreapi_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
)

// BenchmarkIngest measures ingest throughput through the service and the
// store (one transaction per batch, committed durably: SQLite runs with
// synchronous=FULL), in batches of 500 items:
//
//   - new: 500 dossier upserts creating dossiers;
//   - mixed: 100 new dossiers and 400 status events on the dossiers of
//     the batch before (which are read back with their history).
//
// Run with CONG_TEST_DATABASE=postgres for PostgreSQL.
func BenchmarkIngest(b *testing.B) {
	for _, mode := range []string{"new", "mixed"} {
		b.Run(mode, func(b *testing.B) {
			f := newFixture(b)
			ctx := context.Background()
			batches := make([][]centreapi.Item, b.N)
			for i := range batches {
				batches[i] = benchBatch(mode, i)
			}
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				res, err := f.svc.Ingest(ctx, f.ca, batches[i])
				if err != nil || res.OK != len(batches[i]) {
					b.Fatalf("batch %d: %v (%d ok of %d; first: %+v)", i, err, res.OK, len(batches[i]), res.Items[0])
				}
			}
			b.ReportMetric(float64(b.N*500)/time.Since(start).Seconds(), "events/s")
		})
	}
}

// benchBatch returns batch i of mode.
func benchBatch(mode string, i int) []centreapi.Item {
	received := vn(4, 1, 9, 0).Add(time.Duration(i) * time.Minute)
	if mode == "new" {
		items := make([]centreapi.Item, 0, 500)
		for j := range 500 {
			items = append(items, upsert(fmt.Sprintf("n%d-%d", i, j), fmt.Sprintf("HS-%d-%d", i, j), received))
		}
		return items
	}
	items := make([]centreapi.Item, 0, 500)
	for j := range 100 {
		items = append(items, upsert(fmt.Sprintf("u%d-%d", i, j), fmt.Sprintf("HS-%d-%d", i, j), received))
	}
	prev := max(i-1, 0)
	codes := []string{"DXL", "CK", "DXL", "CKQ"}
	for k, code := range codes {
		for j := range 100 {
			at := vn(4, 2, 9, 0).Add(time.Duration(i)*time.Minute + time.Duration(k)*time.Hour)
			items = append(items, status(fmt.Sprintf("s%d-%d-%d", i, k, j), fmt.Sprintf("HS-%d-%d", prev, j), code, at))
		}
	}
	return items
}
