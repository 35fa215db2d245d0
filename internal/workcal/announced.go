package workcal

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
)

// SeedActor is the actor name of the overrides and audit entries that
// SeedAnnounced writes.
const SeedActor = "seed"

// Announced returns the overrides for the government's announcements of
// the days off of civil servants that differ from the built-in rules, as
// far as they are known to the seed:
//
//   - Tết Ất Tỵ 2025: off from Saturday 25/01 to Sunday 02/02/2025, the five
//     Tết days being 27/01–31/01 (two days before the lunar new year, three
//     from it), where the rules place them 28/01–01/02.
//   - 30/4–1/5/2025: Friday 02/05 off in exchange for working Saturday
//     26/04, so 30/04–04/05 is one break.
//
// The announced Tết Bính Ngọ 2026 spread (off 14/02–22/02/2026, the Tết
// days 16/02–20/02) is what the rules already give, so it needs no
// override. Later announcements are entered by an administrator.
func Announced() []calendar.Override {
	const (
		tet2025 = "Lịch nghỉ Tết Âm lịch Ất Tỵ 2025 của cán bộ, công chức, viên chức: nghỉ từ 25/01 đến hết 02/02/2025."
		may2025 = "Hoán đổi ngày làm việc dịp 30/4–1/5/2025: làm việc thứ Bảy 26/04, nghỉ thứ Sáu 02/05/2025."
	)
	var out []calendar.Override
	for _, o := range calendar.TetOverrides(2025, 2) {
		o.Note = tet2025
		out = append(out, o)
	}
	return append(out,
		calendar.Override{Date: calendar.NewDate(2025, time.April, 26), Kind: calendar.WorkingDay,
			NameVI: "Làm việc bù cho ngày 02/05", NameEN: "Working day in exchange for 2 May", Note: may2025},
		calendar.Override{Date: calendar.NewDate(2025, time.May, 2), Kind: calendar.DayOff,
			NameVI: "Nghỉ hoán đổi dịp 30/4–1/5", NameEN: "Day off swapped with Saturday 26 April", Note: may2025},
	)
}

// SeedAnnounced stores the overrides of Announced that store has never
// held and returns how many it added, each with an audit entry by
// SeedActor. It is idempotent: an override is matched by date and kind
// among all stored ones, removed ones included, so running it again adds
// nothing and an override an administrator removed is not brought back.
// It checks no actor: it runs when the database is opened (after the
// migrations), never for a request; several nodes may run it at once. A running
// Service sees the new overrides within its Recheck. It returns the store's
// errors; overrides added before an error stay added.
func SeedAnnounced(ctx context.Context, store Store) (added int, err error) {
	const op = "workcal.SeedAnnounced"
	all, err := store.FindCalendarOverrides(ctx, Filter{})
	if err != nil {
		return 0, errs.E(op, err)
	}
	type key struct {
		d calendar.Date
		k calendar.OverrideKind
	}
	have := map[key]bool{}
	for _, o := range all {
		have[key{o.Date, o.Kind}] = true
	}
	for _, o := range Announced() {
		if have[key{o.Date, o.Kind}] {
			continue
		}
		now := time.Now().UTC()
		stored := &Override{Override: o, Created: now, CreatedByName: SeedActor}
		e := &audit.Entry{At: now, ActorName: SeedActor, Action: "calendar.override_add", ObjectKind: "calendar_override",
			Outcome: "ok", Detail: o.Date.String() + " " + string(o.Kind)}
		if err := store.CreateCalendarOverride(ctx, stored, e); err != nil {
			if errs.Is(err, errs.Conflict) {
				continue // another node added it meanwhile
			}
			return added, errs.E(op, err)
		}
		added++
	}
	return added, nil
}
