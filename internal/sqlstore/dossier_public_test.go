package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/workcal"
)

// recordHook records what the ingest hook is given.
type recordHook struct {
	calls [][]dossier.Changed
	tx    job.Tx
}

func (h *recordHook) DossiersChanged(_ context.Context, tx job.Tx, ch []dossier.Changed) error {
	h.calls, h.tx = append(h.calls, ch), tx
	return nil
}

// TestCentreStoreHooks checks that the hooked store shows the hook each
// dossier before and after the batch, in the batch's transaction, and
// that the statistics keeper's rows follow.
func TestCentreStoreHooks(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	_, _, _, centre := tree(t, db)
	cals, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordHook{}
	store := db.CentreStore(dossier.ChangeHooks{rec, dossier.NewStatsKeeper(db, cals)})
	cal := calendar.New(calendar.Options{}, nil)
	ingest := func(code string, fn func(d *dossier.Dossier)) {
		t.Helper()
		err := store.Ingest(ctx, centre.ID, func(tx centreapi.IngestTx) error {
			m, err := tx.Dossiers(ctx, []string{code})
			if err != nil {
				return err
			}
			d := m[code]
			if d == nil {
				d = &dossier.Dossier{ReceiptCode: code, CentreUnitID: centre.ID}
			}
			fn(d)
			return tx.Save(ctx, []*centreapi.Change{{Dossier: d, UnitsChanged: true}}, time.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	ingest("HS-1", func(d *dossier.Dossier) {
		d.SetHeader(dossier.Header{ProcedureCode: "1.001193", ProcedureName: "Khai sinh", Channel: dossier.Online, ApplicantName: "A",
			ReceivedAt: vnAt(4, 29, 9), TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}}, vnAt(4, 29, 9))
		d.AddEvent(dossier.Event{Kind: dossier.Upsert, At: vnAt(4, 29, 9), Status: dossier.Received, EventID: "1"}, cal)
	})
	ingest("HS-1", func(d *dossier.Dossier) {
		d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: vnAt(5, 7, 9), Status: dossier.ResultReady, EventID: "2"}, cal)
	})
	if len(rec.calls) != 2 || rec.calls[0][0].Before != nil || rec.calls[1][0].Before.Status != dossier.Received ||
		rec.calls[1][0].After.Status != dossier.ResultReady || rec.calls[1][0].After.ID == 0 || rec.tx == nil {
		t.Fatalf("hook calls %+v", rec.calls)
	}
	rows, err := db.FindStats(ctx, dossier.StatsQuery{FromMonth: "2025-04", ToMonth: "2025-05"}, dossier.ByKey)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]dossier.StatsCounts{}
	for _, r := range rows {
		got[r.Month] = r.StatsCounts
	}
	// 3 working days from 29/4 over 30/4–1/5 end on 6/5: 7/5 is late.
	if got["2025-04"] != (dossier.StatsCounts{Received: 1, Online: 1}) || got["2025-05"] != (dossier.StatsCounts{Late: 1}) {
		t.Errorf("stats %+v", got)
	}
}

func TestLookupHashAndRatings(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	_, _, _, centre := tree(t, db)
	d := saveDossier(t, db, centre, "HS-9", vnAt(5, 5, 10), nil, dossier.InProcessing, dossier.ResultReady, dossier.Returned)
	id, hash, err := db.FindLookupHash(ctx, "HS-9")
	if err != nil || id != d.ID || hash != "" {
		t.Fatalf("FindLookupHash = %d %q %v", id, hash, err)
	}
	if _, _, err := db.FindLookupHash(ctx, "HS-404"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown code: %v", err)
	}
	delta := dossier.RatingContribution(d, 4)
	if err := db.CreateRating(ctx, &dossier.Rating{DossierID: d.ID, Score: 4, Created: time.Now()}, delta); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateRating(ctx, &dossier.Rating{DossierID: d.ID, Score: 1, Created: time.Now()}, delta); !errs.Is(err, errs.Conflict) {
		t.Errorf("second rating: %v", err)
	}
	r, err := db.FindRating(ctx, d.ID)
	if err != nil || r.Score != 4 {
		t.Errorf("FindRating = %+v, %v", r, err)
	}
	rows, _ := db.FindStats(ctx, dossier.StatsQuery{ProcedureCode: "1.002425"}, dossier.ByKey)
	if len(rows) != 1 || rows[0].Ratings != 1 || rows[0].RatingSum != 4 {
		t.Errorf("rating stats %+v", rows)
	}
}

func TestImportDossiersIdempotentAndOverdue(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	_, _, _, centre := tree(t, db)
	cal := calendar.New(calendar.Options{}, nil)
	mk := func(code string, recv time.Time, done bool) dossier.Imported {
		d := &dossier.Dossier{ReceiptCode: code, CentreUnitID: centre.ID}
		d.SetHeader(dossier.Header{ProcedureCode: "1.001193", ProcedureName: "Khai sinh", Channel: dossier.InPerson, ApplicantName: "A",
			ReceivedAt: recv, TimeLimit: dossier.TimeLimit{Value: 1, Unit: dossier.WorkingDays}, HandlingUnitIDs: []int64{centre.ID}}, recv)
		d.AddEvent(dossier.Event{Kind: dossier.Upsert, At: recv, Status: dossier.Received, EventID: code + "-1", ReceivedVia: "seed", Created: recv}, cal)
		if done {
			d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: recv.Add(3 * time.Hour), Status: dossier.ResultReady, EventID: code + "-2", ReceivedVia: "seed", Created: recv}, cal)
		}
		return dossier.Imported{Dossier: d, Stats: dossier.Contribution(d, cal)}
	}
	items := []dossier.Imported{mk("S-1", vnAt(3, 3, 9), true), mk("S-2", vnAt(3, 4, 9), false), mk("S-3", vnAt(3, 5, 9), false)}
	n, err := db.ImportDossiers(ctx, items, map[string]int64{"k#": 3})
	if err != nil || n != 3 {
		t.Fatalf("ImportDossiers = %d, %v", n, err)
	}
	again := []dossier.Imported{mk("S-1", vnAt(3, 3, 9), true), mk("S-4", vnAt(3, 6, 9), false)}
	if n, err = db.ImportDossiers(ctx, again, nil); err != nil || n != 1 {
		t.Fatalf("second ImportDossiers = %d, %v", n, err)
	}
	if n, _ := db.CountImported(ctx, "seed"); n != 4 {
		t.Errorf("CountImported = %d", n)
	}
	for _, level := range []dossier.StatsLevel{dossier.ByKey, dossier.ByCentre, dossier.ByProcedure} {
		rows, err := db.FindStats(ctx, dossier.StatsQuery{}, level)
		if err != nil || len(rows) != 1 || rows[0].Received != 4 || rows[0].InProgress != 3 || rows[0].OnTime != 1 {
			t.Errorf("stats at level %d: %+v, %v", level, rows, err)
		}
	}
	if _, err := db.FindStats(ctx, dossier.StatsQuery{ProcedureCode: "x"}, dossier.ByCentre); !errs.Is(err, errs.Internal) {
		t.Errorf("sums per centre of one procedure: %v", err)
	}
	// S-2 (due 5/3), S-3 (due 6/3) and S-4 (due 7/3) are open; at the
	// close of 6/3 only S-2 is past due.
	over, err := db.CountOverdue(ctx, dossier.StatsQuery{CentreIDs: []int64{centre.ID}}, vnAt(3, 6, 17))
	if err != nil || len(over) != 1 || over[0].Overdue != 1 {
		t.Errorf("CountOverdue = %+v, %v", over, err)
	}
	if over, _ := db.CountOverdue(ctx, dossier.StatsQuery{CentreIDs: []int64{}}, vnAt(3, 6, 17)); len(over) != 0 {
		t.Errorf("no centre: %+v", over)
	}
}
