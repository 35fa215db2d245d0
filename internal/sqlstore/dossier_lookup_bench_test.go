package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// BenchmarkLookup measures the citizens' lookup through the service and
// the store, 64 goroutines at once, each lookup from its own address:
// every successful lookup reads its two attempt counters (only failures
// write them), the hash, then the dossier with its history, rating, slips
// and subscriptions; unit names come from the directory's snapshot. It
// reports lookups/s and the p99.
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	db := storetest.New(b)
	centre := benchUnit(b, db, newUnit("hcc-x", unit.Centre, "Trung tâm", benchUnit(b, db, newUnit("01", unit.City, "Thành phố", nil))))
	keys, _ := keyring.New([]byte(strings.Repeat("l", 32)))
	cal := calendar.New(calendar.Options{}, nil)
	var items []dossier.Imported
	for i := range 1000 {
		code := fmt.Sprintf("HS-%04d", i)
		recv := time.Date(2025, 3, 3, 9, 0, 0, 0, calendar.Zone()).Add(time.Duration(i) * time.Minute)
		d := &dossier.Dossier{ReceiptCode: code, CentreUnitID: centre.ID}
		d.SetHeader(dossier.Header{ProcedureCode: "1.001193", ProcedureName: "Khai sinh", Channel: dossier.Online, ApplicantName: "Nguyễn Văn An",
			ReceivedAt: recv, TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}, LookupHash: dossier.LookupHash(keys, code, "5678")}, recv)
		for j, st := range []dossier.Status{dossier.Received, dossier.InProcessing, dossier.ResultReady, dossier.Returned} {
			d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: recv.Add(time.Duration(j) * 5 * time.Hour), Status: st, PublicNote: "Ghi chú"}, cal)
		}
		items = append(items, dossier.Imported{Dossier: d})
	}
	if _, err := db.ImportDossiers(ctx, items, nil); err != nil {
		b.Fatal(err)
	}
	cals, _ := workcal.NewService(db, calendar.Options{})
	svc, err := dossier.NewLookupService(dossier.LookupDeps{Store: db, Rates: db, Keys: keys, Calendars: cals,
		Units: unit.NewService(db).WithDirectoryCache(db, unit.DefaultRecheck), Config: dossier.LookupConfig{PerCode: 1 << 30, PerIP: 1 << 30}})
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	var times []time.Duration
	var n atomic.Int64
	b.SetParallelism(32) // 64 goroutines on 2 CPUs
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var local []time.Duration
		for pb.Next() {
			i := n.Add(1)
			t0 := time.Now()
			_, err := svc.Lookup(ctx, dossier.LookupRequest{Code: fmt.Sprintf("HS-%04d", i%1000), Factor: "5678", ClientIP: fmt.Sprintf("10.%d.%d.1", i/250%250, i%250)})
			if err != nil {
				b.Error(err)
				return
			}
			local = append(local, time.Since(t0))
		}
		mu.Lock()
		times = append(times, local...)
		mu.Unlock()
	})
	b.ReportMetric(float64(len(times))/time.Since(start).Seconds(), "lookups/s")
	slices.Sort(times)
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	}
}
