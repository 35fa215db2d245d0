package workcal_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/workcal"
)

func newService(t *testing.T, db *sqlstore.DB) *workcal.Service {
	t.Helper()
	s, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func as(a *access.Actor) context.Context { return access.WithActor(context.Background(), a) }

func portalAdmin() *access.Actor {
	return &access.Actor{UserID: 1, Name: "Quản trị", Grants: []access.Grant{{Role: access.PortalAdmin}}}
}

func unitAdmin() *access.Actor {
	return &access.Actor{UserID: 2, Name: "Sở", Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: 1, UnitPath: "/1/", Subtree: true}}}
}

var (
	may2  = calendar.NewDate(2025, time.May, 2)
	apr26 = calendar.NewDate(2025, time.April, 26)
)

func TestNewServiceChecksOptions(t *testing.T) {
	_, err := workcal.NewService(storetest.New(t), calendar.Options{NationalDay: "sometimes"})
	if errs.FieldsOf(err)["national_day"] == "" {
		t.Errorf("bad options: %v", err)
	}
}

func TestOnlyPortalAdminsEdit(t *testing.T) {
	db := storetest.New(t)
	svc := newService(t, db)
	seeded, err := svc.AddOverride(as(portalAdmin()), calendar.Override{Date: may2, Kind: calendar.DayOff})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		actor *access.Actor
		want  errs.Code
	}{
		{"anonymous", nil, errs.Unauthorized},
		{"unit admin with subtree", unitAdmin(), errs.Forbidden},
		{"editor", &access.Actor{UserID: 3, Grants: []access.Grant{{Role: access.Editor, UnitID: 1, UnitPath: "/1/"}}}, errs.Forbidden},
		{"no grants", &access.Actor{UserID: 4}, errs.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := as(tt.actor)
			if _, err := svc.AddOverride(ctx, calendar.Override{Date: apr26, Kind: calendar.WorkingDay}); errs.CodeOf(err) != tt.want {
				t.Errorf("add: %v, want %s", err, tt.want)
			}
			if err := svc.RemoveOverride(ctx, seeded.ID); errs.CodeOf(err) != tt.want {
				t.Errorf("remove: %v, want %s", err, tt.want)
			}
			if _, err := svc.History(ctx, 2025); errs.CodeOf(err) != tt.want {
				t.Errorf("history: %v, want %s", err, tt.want)
			}
		})
	}
	// Nothing changed: one active override, one audit entry.
	if got, _ := svc.Overrides(context.Background(), 2025); len(got) != 1 || got[0].ID != seeded.ID {
		t.Errorf("overrides after refused changes: %+v", got)
	}
	if es, n, _ := db.FindAudit(context.Background(), audit.Filter{Action: ptr("calendar.")}); n != 1 || es[0].ActorID != 1 {
		t.Errorf("audit after refused changes: %+v", es)
	}
}

func TestAddValidates(t *testing.T) {
	svc := newService(t, storetest.New(t))
	ctx := as(portalAdmin())
	tests := []struct {
		name       string
		o          calendar.Override
		field, key string
	}{
		{"no date", calendar.Override{Kind: calendar.DayOff}, "date", "field.date"},
		{"bad kind", calendar.Override{Date: may2, Kind: "holiday_maybe"}, "kind", "field.choose"},
		{"holiday needs a name", calendar.Override{Date: may2, Kind: calendar.AddHoliday, NameVI: "   "}, "name_vi", "field.required"},
		{"long name", calendar.Override{Date: may2, Kind: calendar.DayOff, NameEN: strings.Repeat("a", 201)}, "name_en", "field.too_long"},
		{"bad text", calendar.Override{Date: may2, Kind: calendar.DayOff, Note: "x\xff"}, "note", "field.invalid_text"},
		{"year too early", calendar.Override{Date: calendar.NewDate(1999, 12, 31), Kind: calendar.DayOff}, "date", "calendar.year_range"},
		{"year too late", calendar.Override{Date: calendar.NewDate(2101, 1, 1), Kind: calendar.DayOff}, "date", "calendar.year_range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.AddOverride(ctx, tt.o)
			if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)[tt.field] != tt.key {
				t.Errorf("got %v (fields %v), want %s=%s", err, errs.FieldsOf(err), tt.field, tt.key)
			}
		})
	}
	o, err := svc.AddOverride(ctx, calendar.Override{Date: may2, Kind: calendar.DayOff, NameVI: "  Nghỉ  ", Note: " TB "})
	if err != nil || o.NameVI != "Nghỉ" || o.Note != "TB" || o.CreatedByName != "Quản trị" {
		t.Fatalf("valid override: %+v, %v", o, err)
	}
	if _, err := svc.AddOverride(ctx, calendar.Override{Date: may2, Kind: calendar.DayOff, NameVI: "Khác"}); !errs.Is(err, errs.Conflict) {
		t.Errorf("same date and kind twice: %v", err)
	}
}

func TestEditKeepsHistoryAndCalendarFollows(t *testing.T) {
	db := storetest.New(t)
	svc := newService(t, db)
	ctx := as(portalAdmin())
	bg := context.Background()
	cal, err := svc.Calendar(bg)
	if err != nil || !cal.IsWorkingDay(may2) || cal.IsWorkingDay(apr26) {
		t.Fatalf("built-in 2025: %v", err)
	}
	if again, _ := svc.Calendar(bg); again != cal {
		t.Error("calendar not cached")
	}

	off, err := svc.AddOverride(ctx, calendar.Override{Date: may2, Kind: calendar.DayOff, NameVI: "Nghỉ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddOverride(ctx, calendar.Override{Date: apr26, Kind: calendar.WorkingDay}); err != nil {
		t.Fatal(err)
	}
	cal, _ = svc.Calendar(bg)
	if cal.IsWorkingDay(may2) || !cal.IsWorkingDay(apr26) {
		t.Error("the cached calendar ignores the new overrides")
	}
	if d, _ := cal.Lookup(may2); d.NameVI != "Nghỉ" {
		t.Errorf("2 May: %+v", d)
	}

	// Edit the day off: remove it and add the renamed one.
	if err := svc.RemoveOverride(ctx, off.ID); err != nil {
		t.Fatal(err)
	}
	if cal, _ = svc.Calendar(bg); !cal.IsWorkingDay(may2) {
		t.Error("the removed override still applies")
	}
	if _, err := svc.AddOverride(ctx, calendar.Override{Date: may2, Kind: calendar.DayOff, NameVI: "Nghỉ hoán đổi"}); err != nil {
		t.Fatal(err)
	}
	if cal, _ = svc.Calendar(bg); cal.IsWorkingDay(may2) {
		t.Error("the replacement does not apply")
	}
	if d, _ := cal.Lookup(may2); d.NameVI != "Nghỉ hoán đổi" {
		t.Errorf("2 May after the edit: %+v", d)
	}

	hist, err := svc.History(ctx, 2025)
	if err != nil || len(hist) != 3 {
		t.Fatalf("history: %d, %v", len(hist), err)
	}
	if hist[0].Active() || hist[0].RemovedByName != "Quản trị" || hist[0].RemovedBy != 1 || !hist[1].Active() || !hist[2].Active() {
		t.Errorf("history: %+v %+v %+v", hist[0], hist[1], hist[2])
	}
	if act, _ := svc.Overrides(bg, 2025); len(act) != 2 {
		t.Errorf("active: %d", len(act))
	}
	if err := svc.RemoveOverride(ctx, off.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("remove twice: %v", err)
	}
	if err := svc.RemoveOverride(ctx, 987654); !errs.Is(err, errs.NotFound) {
		t.Errorf("remove missing: %v", err)
	}
	es, _, _ := db.FindAudit(bg, audit.Filter{ObjectKind: ptr("calendar_override")})
	actions := map[string]int{}
	for _, e := range es {
		actions[e.Action]++
		if e.ActorID != 1 || e.ObjectID == "" || !strings.HasPrefix(e.Detail, "2025-") {
			t.Errorf("audit entry: %+v", e)
		}
	}
	if actions["calendar.override_add"] != 3 || actions["calendar.override_remove"] != 1 {
		t.Errorf("audit actions: %v", actions)
	}
}

// Two nodes share a database: a change on one reaches the other at its next
// generation check, not before.
func TestOtherNodesSeeChangesAfterRecheck(t *testing.T) {
	db := storetest.New(t)
	writer, slow, eager := newService(t, db), newService(t, db), newService(t, db)
	slow.Recheck = time.Hour
	eager.Recheck = 0
	bg := context.Background()
	for _, s := range []*workcal.Service{slow, eager} {
		if cal, err := s.Calendar(bg); err != nil || !cal.IsWorkingDay(may2) {
			t.Fatal(err)
		}
	}
	if _, err := writer.AddOverride(as(portalAdmin()), calendar.Override{Date: may2, Kind: calendar.DayOff}); err != nil {
		t.Fatal(err)
	}
	if cal, _ := slow.Calendar(bg); !cal.IsWorkingDay(may2) {
		t.Error("a node rebuilt before its recheck interval")
	}
	first, _ := eager.Calendar(bg)
	if first.IsWorkingDay(may2) {
		t.Error("a node missed a change made on another")
	}
	if again, _ := eager.Calendar(bg); again != first {
		t.Error("rebuilt although the generation did not move")
	}
}

// Readers racing with a writer never see a calendar older than the last
// change that completed before their call.
func TestCalendarUnderConcurrentChanges(t *testing.T) {
	db := storetest.New(t)
	svc := newService(t, db)
	svc.Recheck = time.Hour
	ctx := as(portalAdmin())
	done := make(chan struct{})
	errc := make(chan error, 8)
	for range 8 {
		go func() {
			for {
				select {
				case <-done:
					errc <- nil
					return
				default:
				}
				if _, err := svc.Calendar(context.Background()); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	for i := range 10 {
		d := calendar.NewDate(2027, time.March, 1).AddDays(7 * i) // Mondays
		if _, err := svc.AddOverride(ctx, calendar.Override{Date: d, Kind: calendar.DayOff}); err != nil {
			t.Fatal(err)
		}
		if cal, err := svc.Calendar(context.Background()); err != nil || cal.IsWorkingDay(d) {
			t.Fatalf("after adding %s: working %v, %v", d, cal.IsWorkingDay(d), err)
		}
	}
	close(done)
	for range 8 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

func TestNonWorkingDaysYearRange(t *testing.T) {
	svc := newService(t, storetest.New(t))
	for _, y := range []int{1999, 2101} {
		if _, err := svc.NonWorkingDays(context.Background(), y); !errs.Is(err, errs.NotFound) {
			t.Errorf("year %d: %v", y, err)
		}
	}
	days, err := svc.NonWorkingDays(context.Background(), 2100)
	if err != nil || len(days) < 104 {
		t.Errorf("2100: %d days, %v", len(days), err)
	}
}

func TestSeedAnnounced(t *testing.T) {
	db := storetest.New(t)
	bg := context.Background()
	n, err := workcal.SeedAnnounced(bg, db)
	if err != nil || n != len(workcal.Announced()) || n == 0 {
		t.Fatalf("seed: %d, %v", n, err)
	}
	if n, err := workcal.SeedAnnounced(bg, db); n != 0 || err != nil {
		t.Errorf("second seed: %d, %v", n, err)
	}
	cal, err := newService(t, db).Calendar(bg)
	if err != nil {
		t.Fatal(err)
	}
	// Tết 2025: off from Saturday 25/01 to Sunday 02/02, back on Monday 03/02.
	for d := calendar.NewDate(2025, 1, 25); !d.After(calendar.NewDate(2025, 2, 2)); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			t.Errorf("%s is a working day", d)
		}
	}
	if !cal.IsWorkingDay(calendar.NewDate(2025, 2, 3)) || !cal.IsWorkingDay(calendar.NewDate(2025, 1, 24)) {
		t.Error("Tết 2025 spreads beyond 25/01–02/02")
	}
	if d, _ := cal.Lookup(calendar.NewDate(2025, 1, 27)); d.Kind != calendar.Holiday || d.NameVI != "Tết Nguyên đán" {
		t.Errorf("27/01/2025: %+v", d)
	}
	// 30/4–1/5/2025: work Saturday 26/04, off Friday 02/05.
	if d, _ := cal.Lookup(apr26); d.Kind != calendar.Swapped || !cal.IsWorkingDay(apr26) {
		t.Errorf("26/04/2025: %+v", d)
	}
	if d, _ := cal.Lookup(may2); d.Kind != calendar.Extra || d.Note == "" {
		t.Errorf("02/05/2025: %+v", d)
	}
	// Tết 2026 as announced (14/02–22/02) is the built-in spread.
	for d := calendar.NewDate(2026, 2, 14); !d.After(calendar.NewDate(2026, 2, 22)); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			t.Errorf("%s is a working day", d)
		}
	}
	if !cal.IsWorkingDay(calendar.NewDate(2026, 2, 13)) || !cal.IsWorkingDay(calendar.NewDate(2026, 2, 23)) {
		t.Error("Tết 2026 spreads beyond 14/02–22/02")
	}
	// An administrator's removal is not undone by seeding again.
	svc := newService(t, db)
	active := true
	stored, _ := db.FindCalendarOverrides(bg, workcal.Filter{Active: &active})
	if err := svc.RemoveOverride(as(portalAdmin()), stored[len(stored)-1].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := workcal.SeedAnnounced(bg, db); n != 0 {
		t.Errorf("seed re-added %d removed overrides", n)
	}
	if es, _, _ := db.FindAudit(bg, audit.Filter{ActorID: nil, Action: ptr("calendar.override_add")}); len(es) != len(workcal.Announced()) || es[0].ActorName != workcal.SeedActor {
		t.Errorf("seed audit: %+v", es)
	}
}

func ptr[T any](v T) *T { return &v }

// Nodes starting at once on one database each seed the announced
// overrides: every override is stored once, and an administrator adding
// an active override again gets the same Conflict as before.
func TestSeedAnnouncedConcurrently(t *testing.T) {
	db := storetest.New(t)
	bg := context.Background()
	added := make(chan int, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := workcal.SeedAnnounced(bg, db)
			if err != nil {
				t.Error(err)
			}
			added <- n
		}()
	}
	wg.Wait()
	close(added)
	total := 0
	for n := range added {
		total += n
	}
	active := true
	stored, err := db.FindCalendarOverrides(bg, workcal.Filter{Active: &active})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(workcal.Announced()) || len(stored) != total {
		t.Errorf("added %d, stored %d, want %d each", total, len(stored), len(workcal.Announced()))
	}
	o := workcal.Announced()[0]
	err = db.CreateCalendarOverride(bg, &workcal.Override{Override: o, Created: time.Now().UTC(), CreatedByName: "test"},
		&audit.Entry{At: time.Now().UTC(), ActorName: "test", Action: "calendar.override_add", ObjectKind: "calendar_override", Outcome: "ok"})
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("storing an active override twice: %v, want Conflict", err)
	}
}
