package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/workcal"
)

func calendarEntry(action string) *audit.Entry {
	return &audit.Entry{At: time.Now().UTC(), ActorID: 7, ActorName: "admin", Action: action, ObjectKind: "calendar_override"}
}

func TestCalendarOverridesHistory(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	gen0, err := db.CalendarGeneration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2025, 3, 1, 9, 30, 0, 123456789, time.UTC)
	add := func(o calendar.Override) *workcal.Override {
		t.Helper()
		s := &workcal.Override{Override: o, Created: created, CreatedBy: 7, CreatedByName: "admin"}
		if err := db.CreateCalendarOverride(ctx, s, calendarEntry("calendar.override_add")); err != nil || s.ID == 0 {
			t.Fatalf("create %v: %v", o, err)
		}
		return s
	}
	swap := add(calendar.Override{Date: calendar.NewDate(2025, 4, 26), Kind: calendar.WorkingDay, NameVI: "Làm bù", Note: "Thông báo"})
	off := add(calendar.Override{Date: calendar.NewDate(2025, 5, 2), Kind: calendar.DayOff})
	other := add(calendar.Override{Date: calendar.NewDate(2026, 1, 2), Kind: calendar.DayOff, NameVI: "Nghỉ", NameEN: "Off"})

	// Editing the swap: remove it, add its replacement.
	swap.Removed, swap.RemovedBy, swap.RemovedByName = created.Add(time.Hour), 8, "admin 2"
	if err := db.RemoveCalendarOverride(ctx, swap, calendarEntry("calendar.override_remove")); err != nil {
		t.Fatal(err)
	}
	again := add(calendar.Override{Date: calendar.NewDate(2025, 4, 26), Kind: calendar.WorkingDay, NameVI: "Làm việc bù", NameEN: "Make-up day"})

	y := 2025
	all, err := db.FindCalendarOverrides(ctx, workcal.Filter{Year: &y})
	if err != nil || len(all) != 3 {
		t.Fatalf("history of 2025: %d, %v", len(all), err)
	}
	if all[0].ID != swap.ID || all[1].ID != off.ID || all[2].ID != again.ID {
		t.Errorf("history order: %d %d %d", all[0].ID, all[1].ID, all[2].ID)
	}
	h := all[0]
	if h.Active() || !h.Removed.Equal(swap.Removed.Truncate(time.Microsecond)) || h.RemovedBy != 8 || h.RemovedByName != "admin 2" {
		t.Errorf("removed override: %+v", h)
	}
	if h.Date != calendar.NewDate(2025, 4, 26) || h.Kind != calendar.WorkingDay || h.NameVI != "Làm bù" || h.Note != "Thông báo" ||
		!h.Created.Equal(created.Truncate(time.Microsecond)) || h.CreatedBy != 7 || h.CreatedByName != "admin" {
		t.Errorf("stored fields: %+v", h)
	}

	active := true
	act, _ := db.FindCalendarOverrides(ctx, workcal.Filter{Year: &y, Active: &active})
	if len(act) != 2 || act[0].ID != off.ID || act[1].ID != again.ID {
		t.Errorf("active overrides of 2025: %+v", act)
	}
	removed := false
	rm, _ := db.FindCalendarOverrides(ctx, workcal.Filter{Active: &removed})
	if len(rm) != 1 || rm[0].ID != swap.ID {
		t.Errorf("removed overrides: %+v", rm)
	}
	byID, _ := db.FindCalendarOverrides(ctx, workcal.Filter{ID: &other.ID})
	if len(byID) != 1 || byID[0].Date.Year != 2026 || byID[0].NameEN != "Off" {
		t.Errorf("by id: %+v", byID)
	}
	none := 1999
	if got, err := db.FindCalendarOverrides(ctx, workcal.Filter{Year: &none}); err != nil || got == nil || len(got) != 0 {
		t.Errorf("no match: %v, %v", got, err)
	}

	if gen, _ := db.CalendarGeneration(ctx); gen != gen0+5 {
		t.Errorf("generation %d after 5 changes from %d", gen, gen0)
	}
	es, _, err := db.FindAudit(ctx, audit.Filter{Action: ptr("calendar.")})
	if err != nil || len(es) != 5 {
		t.Fatalf("audit: %d entries, %v", len(es), err)
	}
	var removes int
	for _, e := range es {
		if e.Action == "calendar.override_remove" {
			removes++
			if e.ObjectID != strconv.FormatInt(swap.ID, 10) {
				t.Errorf("remove audited on %q", e.ObjectID)
			}
		}
	}
	if removes != 1 || es[0].ObjectID != strconv.FormatInt(again.ID, 10) {
		t.Errorf("audit entries: %+v", es)
	}
}

func TestCalendarRemoveErrorsRollBack(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	o := &workcal.Override{Override: calendar.Override{Date: calendar.NewDate(2025, 5, 2), Kind: calendar.DayOff}}
	if err := db.CreateCalendarOverride(ctx, o, calendarEntry("calendar.override_add")); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveCalendarOverride(ctx, &workcal.Override{ID: o.ID}, calendarEntry("calendar.override_remove")); err != nil {
		t.Fatal(err)
	}
	gen, _ := db.CalendarGeneration(ctx)
	err := db.RemoveCalendarOverride(ctx, &workcal.Override{ID: o.ID}, calendarEntry("calendar.override_remove"))
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("second removal: %v", err)
	}
	if err := db.RemoveCalendarOverride(ctx, &workcal.Override{ID: 987654}, calendarEntry("calendar.override_remove")); !errs.Is(err, errs.NotFound) {
		t.Errorf("removal of a missing override: %v", err)
	}
	// A change without its audit entry is refused and leaves nothing behind.
	bad := &workcal.Override{Override: calendar.Override{Date: calendar.NewDate(2025, 5, 3), Kind: calendar.DayOff}}
	if err := db.CreateCalendarOverride(ctx, bad, nil); !errs.Is(err, errs.Internal) || bad.ID != 0 {
		t.Errorf("create without audit: %v, id %d", err, bad.ID)
	}
	if all, _ := db.FindCalendarOverrides(ctx, workcal.Filter{}); len(all) != 1 {
		t.Errorf("overrides after refused changes: %d", len(all))
	}
	if g, _ := db.CalendarGeneration(ctx); g != gen {
		t.Errorf("generation moved from %d to %d without a change", gen, g)
	}
}
