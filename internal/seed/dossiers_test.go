package seed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// TestSeedDossiers loads the demo year and checks its size, its mix,
// that the sample factors open the lookup, and that a second run adds
// nothing.
func TestSeedDossiers(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := keyring.New([]byte(strings.Repeat("s", 32)))
	end := time.Date(2025, 12, 1, 0, 0, 0, 0, calendar.Zone())
	deps := seed.DossierDeps{Store: db, Units: db, Calendars: cal, Keys: keys, End: end}
	start := time.Now()
	n, samples, err := seed.Dossiers(ctx, deps)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d dossiers in %s", n, time.Since(start))
	if n != seed.DemoDossiers || n < 20000 || len(samples) < 3 {
		t.Fatalf("created %d, samples %+v", n, samples)
	}
	if again, _, err := seed.Dossiers(ctx, deps); err != nil || again != 0 {
		t.Errorf("second run created %d, %v", again, err)
	}
	for _, s := range samples {
		id, hash, err := db.FindLookupHash(ctx, s.Code)
		if err != nil || hash != dossier.LookupHash(keys, s.Code, s.Factor) {
			t.Errorf("sample %+v does not open (%d, %v)", s, id, err)
		}
	}
	units := unit.NewService(db)
	svc := dossier.NewStatsService(db, units, cal)
	svc.SetClock(func() time.Time { return end })
	st, err := svc.Statistics(ctx, dossier.StatsFilter{From: "2024-12", To: "2025-11"})
	if err != nil {
		t.Fatal(err)
	}
	tot := st.Total
	online, _ := tot.OnlineShare()
	onTime, _ := tot.OnTimeRate()
	sat, _ := tot.Satisfaction()
	t.Logf("total %+v; online %.2f, on time %.2f, satisfaction %.2f, %d centres", tot.StatsCounts, online, onTime, sat, len(st.Units))
	switch {
	case tot.Received != int64(n):
		t.Errorf("received %d of %d", tot.Received, n)
	case online < 0.35 || online > 0.45:
		t.Errorf("online share %.2f", online)
	case onTime < 0.85 || onTime > 0.97 || tot.Late == 0:
		t.Errorf("on-time rate %.2f", onTime)
	case tot.InProgress == 0 || tot.Overdue == 0 || tot.ClosedOther == 0:
		t.Errorf("no dossier in progress, overdue or closed otherwise: %+v", tot.StatsCounts)
	case tot.Ratings < int64(n)/10 || sat < 3.8 || sat > 4.7:
		t.Errorf("%d ratings averaging %.2f", tot.Ratings, sat)
	case len(st.Units) < 10 || len(st.Procedures) < 30:
		t.Errorf("%d centres, %d procedures", len(st.Units), len(st.Procedures))
	}
}
