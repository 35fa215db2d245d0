package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/gen"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// BenchmarkStatistics measures a statistics request (the figures of the
// /thong-ke page and of GET /api/v1/statistics: the aggregate rows, the
// live overdue count and the summaries) and reports its p99.
//
// With CONG_BENCH_STATS_DB naming a SQLite file made by
//
//	cong seed demo && cong gen --units 2000 --dossiers 1000000
//
// it reads that database (1,024,000 dossiers); otherwise it generates
// CONG_BENCH_STATS_N dossiers (default 100,000) at 40 centres into a fresh
// database of the test's dialect.
func BenchmarkStatistics(b *testing.B) {
	ctx := context.Background()
	db, end := statsBenchDB(b)
	cals, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		b.Fatal(err)
	}
	units := unit.NewService(db).WithDirectoryCache(db, unit.DefaultRecheck)
	svc := dossier.NewStatsService(db, units, cals)
	svc.SetClock(func() time.Time { return end })
	centres, _, _ := units.FindUnits(ctx, unit.Filter{Kind: ptrTo(unit.Centre)})
	to := dossier.Month(end)
	from := time.Date(end.Year()-1, end.Month()+1, 1, 0, 0, 0, 0, calendar.Zone()).Format("2006-01")
	for _, c := range []struct {
		name string
		f    dossier.StatsFilter
	}{
		{"all-12-months", dossier.StatsFilter{From: from, To: to}},
		{"one-centre", dossier.StatsFilter{Unit: centres[len(centres)/2].Code, From: from, To: to}},
		{"one-procedure", dossier.StatsFilter{Procedure: "1.001193", From: from, To: to}},
		{"default", dossier.StatsFilter{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			st, err := svc.Statistics(ctx, c.f)
			if err != nil {
				b.Fatal(err)
			}
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for b.Loop() {
				t0 := time.Now()
				if _, err := svc.Statistics(ctx, c.f); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t0))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(st.Total.Received), "dossiers")
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

// statsBenchDB opens or makes the benchmark's database; end is when its
// demo year ends.
func statsBenchDB(b *testing.B) (*sqlstore.DB, time.Time) {
	ctx := context.Background()
	if path := os.Getenv("CONG_BENCH_STATS_DB"); path != "" {
		db, err := sqlstore.Open(ctx, sqlstore.Options{SQLitePath: path, Readers: 8})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		var last time.Time
		if err := db.QueryRow(ctx, "SELECT MAX(received_at) FROM dossiers").Scan(dossierTimeScan{&last}); err != nil {
			b.Fatal(err)
		}
		return db, calendar.DateOf(last).AddDays(1).At(0)
	}
	n := 100000
	if s := os.Getenv("CONG_BENCH_STATS_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	db := storetest.New(b)
	city := benchUnit(b, db, newUnit("01", unit.City, "Thành phố", nil))
	var sources []*gen.DossierSource
	for i := range 40 {
		c := benchUnit(b, db, newUnit(fmt.Sprintf("hcc-%02d", i), unit.Centre, fmt.Sprintf("Trung tâm %02d", i), city))
		sources = append(sources, &gen.DossierSource{CentreID: c.ID, UnitCode: c.Code, Weight: 1 + i%4,
			Procedures: benchProcedures()})
	}
	keys, _ := keyring.New([]byte(strings.Repeat("b", 32)))
	end := time.Date(2025, 12, 1, 0, 0, 0, 0, calendar.Zone())
	cal := calendar.New(calendar.Options{}, nil)
	_, err := gen.MakeDossiers(gen.DossierPlan{N: n, End: end, Seed: 7, Via: "bench", Batch: 20000}, sources, cal, keys,
		func(items []dossier.Imported, seqs map[string]int64) error {
			_, err := db.ImportDossiers(ctx, items, seqs)
			return err
		})
	if err != nil {
		b.Fatal(err)
	}
	return db, end
}

func benchUnit(b *testing.B, db *sqlstore.DB, u *unit.Unit) *unit.Unit {
	if err := db.CreateUnit(context.Background(), u, entry("unit.create", u.Code)); err != nil {
		b.Fatal(err)
	}
	return u
}

// benchProcedures are 43 procedures, as many as the demo catalogue.
func benchProcedures() []dossier.ProcedureInfo {
	out := []dossier.ProcedureInfo{{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", TimeLimit: dossier.TimeLimit{Value: 1, Unit: dossier.WorkingDays}}}
	for i := 1; i < 43; i++ {
		out = append(out, dossier.ProcedureInfo{Code: fmt.Sprintf("2.%06d", i), Name: fmt.Sprintf("Thủ tục %d", i),
			TimeLimit: dossier.TimeLimit{Value: float64(1 + i%15), Unit: dossier.WorkingDays}})
	}
	return out
}

// dossierTimeScan scans a time that SQLite may return as text.
type dossierTimeScan struct{ p *time.Time }

func (s dossierTimeScan) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*s.p = v
	case string:
		t, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", v)
		*s.p = t
		return err
	}
	return nil
}
