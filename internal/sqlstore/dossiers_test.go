package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

func vnAt(m time.Month, d, h int) time.Time {
	return time.Date(2025, m, d, h, 0, 0, 0, calendar.Zone())
}

// saveDossier stores a dossier of centre c received at received with a
// limit of 3 working days and the given later statuses, through the
// ingest transaction.
func saveDossier(t *testing.T, db *sqlstore.DB, c *unit.Unit, code string, received time.Time, handling []int64, statuses ...dossier.Status) *dossier.Dossier {
	t.Helper()
	cal := calendar.New(calendar.Options{}, nil)
	d := &dossier.Dossier{ReceiptCode: code, CentreUnitID: c.ID, Channel: dossier.Online}
	d.SetHeader(dossier.Header{ProcedureCode: "1.002425", ProcedureName: "Đăng ký kết hôn", Channel: dossier.Online, ApplicantName: "A",
		ReceivedAt: received, TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}, HandlingUnitIDs: handling}, received)
	at := received
	for i, s := range append([]dossier.Status{dossier.Received}, statuses...) {
		if _, err := d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: at, Status: s, EventID: code + "-" + string(rune('a'+i))}, cal); err != nil {
			t.Fatal(err)
		}
		at = at.Add(24 * time.Hour)
	}
	err := db.Ingest(context.Background(), c.ID, func(tx centreapi.IngestTx) error {
		return tx.Save(context.Background(), []*centreapi.Change{{Dossier: d, UnitsChanged: true}}, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDossierStore(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	city, dept, ward, centre := tree(t, db)
	other := mustCreate(t, db, newUnit("hcc-so", unit.Centre, "Bộ phận một cửa Sở Tư pháp", dept))
	d1 := saveDossier(t, db, centre, "HS-1", vnAt(4, 29, 10), []int64{dept.ID, ward.ID})
	saveDossier(t, db, centre, "HS-2", vnAt(5, 5, 10), nil, dossier.InProcessing, dossier.ResultReady)
	saveDossier(t, db, other, "HS-3", vnAt(5, 20, 10), []int64{dept.ID})

	got, err := db.FindDossierByReceipt(ctx, "HS-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != d1.ID || got.CentreUnitPath != centre.Path || !got.ReceivedAt.Equal(vnAt(4, 29, 10)) ||
		!got.AppointmentAt.Equal(d1.AppointmentAt) || got.TimeLimit.Value != 3 || len(got.History) != 1 ||
		!slices.Equal(got.HandlingUnitIDs, []int64{dept.ID, ward.ID}) || got.Version != 1 {
		t.Errorf("read back %+v", got)
	}
	if _, err := db.FindDossierByID(ctx, d1.ID); err != nil {
		t.Error(err)
	}
	if _, err := db.FindDossierByReceipt(ctx, "nope"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown code: %v", err)
	}
	open, closed := true, false
	month, proc := "2025-05", "1.002425"
	due := vnAt(5, 10, 0)
	all := dossier.Scope{All: true}
	for _, tc := range []struct {
		name string
		f    dossier.Filter
		want []string
	}{
		{"all, by appointment", dossier.Filter{Scope: all}, []string{"HS-1", "HS-2", "HS-3"}},
		{"centre", dossier.Filter{Scope: all, CentreUnitID: &other.ID}, []string{"HS-3"}},
		{"handling unit", dossier.Filter{Scope: all, HandlingUnit: &dept.ID}, []string{"HS-1", "HS-3"}},
		{"open", dossier.Filter{Scope: all, Open: &open}, []string{"HS-1", "HS-3"}},
		{"closed", dossier.Filter{Scope: all, Open: &closed}, []string{"HS-2"}},
		{"due before", dossier.Filter{Scope: all, DueBefore: &due}, []string{"HS-1", "HS-2"}},
		{"month and procedure", dossier.Filter{Scope: all, ReceivedMonth: &month, ProcedureCode: &proc}, []string{"HS-2", "HS-3"}},
		{"statuses", dossier.Filter{Scope: all, Statuses: []dossier.Status{dossier.ResultReady}}, []string{"HS-2"}},
		{"scope: the centre", dossier.Filter{Scope: dossier.Scope{Grants: []access.Grant{{UnitID: centre.ID}}}}, []string{"HS-1", "HS-2"}},
		{"scope: a subtree", dossier.Filter{Scope: dossier.Scope{Grants: []access.Grant{{UnitID: dept.ID, UnitPath: dept.Path, Subtree: true}}}}, []string{"HS-3"}},
		{"no scope", dossier.Filter{}, nil},
		{"page", dossier.Filter{Scope: all, Offset: 1, Limit: 1}, []string{"HS-2"}},
	} {
		list, total, err := db.FindDossiers(ctx, tc.f)
		var codes []string
		for _, d := range list {
			codes = append(codes, d.ReceiptCode)
		}
		if err != nil || !slices.Equal(codes, tc.want) || (tc.f.Limit == 0 && total != len(tc.want)) {
			t.Errorf("%s: %v (total %d) %v, want %v", tc.name, codes, total, err, tc.want)
		}
	}
	_ = city
}

func TestFindOverdue(t *testing.T) {
	db := storetest.New(t)
	_, dept, _, centre := tree(t, db)
	saveDossier(t, db, centre, "HS-1", vnAt(4, 29, 10), nil)                              // due 6/5
	saveDossier(t, db, centre, "HS-2", vnAt(5, 5, 10), nil)                               // due 8/5
	saveDossier(t, db, centre, "HS-3", vnAt(4, 29, 10), nil, dossier.ResultReady)         // finished
	saveDossier(t, db, centre, "HS-4", vnAt(4, 29, 10), nil, dossier.SupplementRequested) // paused since 30/4
	cal, _ := workcal.NewService(db, calendar.Options{})
	svc := dossier.NewService(db, cal)
	svc.SetClock(func() time.Time { return vnAt(5, 9, 10) })
	operator := access.WithActor(context.Background(), &access.Actor{UserID: 3, Grants: []access.Grant{{Role: access.CentreOperator, UnitID: centre.ID}}})
	list, err := svc.FindOverdue(operator, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range list {
		got = append(got, o.Dossier.ReceiptCode+":"+string(rune('0'+o.Days)))
	}
	// 9/5 10:00: HS-1 is 3 working days past 6/5, HS-2 one past 8/5.
	if !slices.Equal(got, []string{"HS-1:3", "HS-2:1"}) {
		t.Errorf("overdue %v", got)
	}
	stranger := access.WithActor(context.Background(), &access.Actor{UserID: 4, Grants: []access.Grant{{Role: access.Editor, UnitID: dept.ID}}})
	if list, _ := svc.FindOverdue(stranger, 0, 0); len(list) != 0 {
		t.Errorf("an editor of another unit sees %d", len(list))
	}
	if _, err := svc.FindDossierByReceipt(stranger, "HS-1"); !errs.Is(err, errs.NotFound) {
		t.Errorf("stranger reads a dossier: %v", err)
	}
	if _, err := svc.FindDossierByReceipt(operator, "HS-1"); err != nil {
		t.Errorf("operator: %v", err)
	}
	if _, _, err := svc.FindDossiers(context.Background(), dossier.Filter{}); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("anonymous: %v", err)
	}
}
