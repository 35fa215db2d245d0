package dossier_test

import (
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// The hand-computed cases use the calendar's computed 2025 holidays
// without overrides: 30/4 (Wed) and 1/5 (Thu), 1/9 (Mon) and 2/9 (Tue).

func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2025, m, d, h, min, 0, 0, calendar.Zone())
}

var cal = calendar.New(calendar.Options{}, nil)

// received returns a dossier received at t with a limit of n working days.
func received(t time.Time, n float64) *dossier.Dossier {
	d := &dossier.Dossier{ReceiptCode: "X-1", ReceivedAt: t, TimeLimit: dossier.TimeLimit{Value: n, Unit: dossier.WorkingDays}}
	if _, err := d.AddEvent(dossier.Event{Kind: dossier.Upsert, At: t, Status: dossier.Received}, cal); err != nil {
		panic(err)
	}
	return d
}

func add(t *testing.T, d *dossier.Dossier, at time.Time, s dossier.Status) *dossier.ApologySlip {
	t.Helper()
	slip, err := d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: at, Status: s}, cal)
	if err != nil {
		t.Fatalf("add %s at %v: %v", s, at, err)
	}
	return slip
}

func TestAppointmentAroundHoliday(t *testing.T) {
	for _, tc := range []struct {
		name     string
		received time.Time
		limit    dossier.TimeLimit
		due      time.Time
	}{
		// 29/4 is day 0; 30/4 and 1/5 are holidays; 2/5, 5/5, 6/5 are days 1–3.
		{"3 working days over 30/4–1/5", at(4, 29, 10, 0), dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}, at(5, 6, 17, 0)},
		// 29/8 is day 0; 30–31/8 weekend, 1–2/9 holidays; 3/9 and 4/9 are days 1–2.
		{"2 working days over 2/9", at(8, 29, 15, 0), dossier.TimeLimit{Value: 2, Unit: dossier.WorkingDays}, at(9, 4, 17, 0)},
		// 4 working hours from 29/4 15:00: 2 h that day, 2 h on 2/5.
		{"4 working hours", at(4, 29, 15, 0), dossier.TimeLimit{Value: 4, Unit: dossier.Hours}, at(5, 2, 10, 0)},
		// Half a working day is four working hours.
		{"0.5 working days", at(4, 29, 15, 0), dossier.TimeLimit{Value: 0.5, Unit: dossier.WorkingDays}, at(5, 2, 10, 0)},
		// 2 calendar days from 28/4 end on 30/4, a holiday: the next working day, 2/5.
		{"2 calendar days ending on a holiday", at(4, 28, 9, 0), dossier.TimeLimit{Value: 2, Unit: dossier.Days}, at(5, 2, 17, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := received(tc.received, 0)
			d.TimeLimit = tc.limit
			d.Recompute(cal)
			if !d.AppointmentAt.Equal(tc.due) || d.AppointmentBasis != dossier.Computed {
				t.Errorf("appointment %v (%s), want %v", d.AppointmentAt.In(calendar.Zone()), d.AppointmentBasis, tc.due)
			}
			if x, ok := d.ExplainAppointment(cal); !ok || !x.Due.Equal(tc.due) {
				t.Errorf("explanation due %v, ok %v", x.Due, ok)
			}
		})
	}
}

func TestSupplementPausesTheClock(t *testing.T) {
	d := received(at(4, 29, 10, 0), 3) // due 6/5 17:00
	add(t, d, at(5, 2, 9, 0), dossier.SupplementRequested)
	if !d.AppointmentAt.Equal(at(5, 6, 17, 0)) {
		t.Errorf("a running pause moved the appointment to %v", d.AppointmentAt)
	}
	// Still awaiting the supplement on 9/5: not overdue, the clock stands.
	if n := d.OverdueDays(cal, at(5, 9, 10, 0)); n != 0 {
		t.Errorf("overdue %d days while paused", n)
	}
	// The pause 2/5 09:00 – 6/5 09:00 covers 7 + 8 + 1 = 16 working hours,
	// two working days: the appointment moves from 6/5 to 8/5.
	add(t, d, at(5, 6, 9, 0), dossier.InProcessing)
	if want := at(5, 8, 17, 0); !d.AppointmentAt.Equal(want) {
		t.Errorf("appointment %v, want %v", d.AppointmentAt.In(calendar.Zone()), want)
	}
	x, _ := d.ExplainAppointment(cal)
	if len(x.Pauses) != 1 || x.Pauses[0].Working != 16*time.Hour {
		t.Errorf("explanation pauses %+v", x.Pauses)
	}
	if p := d.Pauses(time.Time{}); len(p) != 1 || !p[0].From.Equal(at(5, 2, 9, 0)) || !p[0].To.Equal(at(5, 6, 9, 0)) {
		t.Errorf("pauses %+v", p)
	}
}

func TestOverdueInWorkingDays(t *testing.T) {
	d := received(at(4, 29, 10, 0), 3) // due Tue 6/5 17:00
	for _, tc := range []struct {
		now  time.Time
		days int
	}{
		{at(5, 6, 16, 0), 0},  // before the appointment
		{at(5, 6, 17, 30), 0}, // after closing: no working time yet
		{at(5, 7, 8, 30), 1},  // half an hour into the next working day
		{at(5, 9, 10, 0), 3},  // 7/5, 8/5 and 2 h of 9/5
		{at(5, 10, 10, 0), 3}, // Saturday: 7/5, 8/5, 9/5
		{at(5, 12, 8, 0), 3},  // Monday at opening
		{at(5, 12, 9, 0), 4},  // an hour into Monday
	} {
		if got := d.OverdueDays(cal, tc.now); got != tc.days {
			t.Errorf("at %v: overdue %d, want %d", tc.now, got, tc.days)
		}
	}
	// Around 2/9: due Thu 4/9 17:00; on Mon 8/9 10:00 it is 5/9 and 2 h of 8/9.
	d2 := received(at(8, 29, 15, 0), 2)
	if got := d2.OverdueDays(cal, at(9, 8, 10, 0)); got != 2 {
		t.Errorf("after 2/9: overdue %d, want 2", got)
	}
	// A result stops it; LateDays then tells how late it came.
	add(t, d, at(5, 9, 10, 0), dossier.ResultReady)
	if got := d.OverdueDays(cal, at(5, 20, 10, 0)); got != 0 {
		t.Errorf("finished dossier overdue %d", got)
	}
	if got := d.LateDays(cal); got != 3 {
		t.Errorf("late %d, want 3", got)
	}
}

func TestOutOfOrderEventsPlacedByTime(t *testing.T) {
	d := received(at(4, 29, 10, 0), 3)
	add(t, d, at(5, 7, 10, 0), dossier.ResultReady)
	add(t, d, at(5, 2, 8, 0), dossier.InProcessing) // arrives late
	if d.Status != dossier.ResultReady || !d.StatusAt.Equal(at(5, 7, 10, 0)) {
		t.Errorf("status %s at %v", d.Status, d.StatusAt)
	}
	var got []dossier.Status
	for _, e := range d.History {
		got = append(got, e.Status)
	}
	want := []dossier.Status{dossier.Received, dossier.InProcessing, dossier.ResultReady}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("history %v, want %v", got, want)
	}
	if !d.FinishedAt.Equal(at(5, 7, 10, 0)) || !d.ReturnedAt.IsZero() {
		t.Errorf("finished %v returned %v", d.FinishedAt, d.ReturnedAt)
	}
	add(t, d, at(5, 8, 9, 0), dossier.Returned)
	if d.Status != dossier.Returned || !d.ReturnedAt.Equal(at(5, 8, 9, 0)) {
		t.Errorf("after return: %s %v", d.Status, d.ReturnedAt)
	}
}

func TestTransitions(t *testing.T) {
	for _, tc := range []struct {
		from, to dossier.Status
		ok       bool
	}{
		{dossier.Received, dossier.InProcessing, true},
		{dossier.Received, dossier.Returned, true}, // a skipped step
		{dossier.ResultReady, dossier.Refused, false},
		{dossier.SupplementRequested, dossier.Received, true},
		{dossier.InProcessing, dossier.Received, false},
		{dossier.InProcessing, dossier.InProcessing, true},
		{dossier.Transferred, dossier.ResultReady, true},
		{dossier.ResultReady, dossier.Returned, true},
		{dossier.ResultReady, dossier.InProcessing, false},
		{dossier.Returned, dossier.InProcessing, false},
		{dossier.Refused, dossier.Refused, false},
		{dossier.Withdrawn, dossier.Received, false},
		{dossier.Cancelled, dossier.ResultReady, false},
	} {
		if got := dossier.CanTransition(tc.from, tc.to); got != tc.ok {
			t.Errorf("%s → %s: %v, want %v", tc.from, tc.to, got, tc.ok)
		}
	}
	for _, s := range []dossier.Status{dossier.Returned, dossier.Refused, dossier.Withdrawn, dossier.Cancelled} {
		if !s.Terminal() {
			t.Errorf("%s not terminal", s)
		}
	}
	if dossier.InProcessing.Terminal() || dossier.Status("done").Valid() {
		t.Error("wrong terminal or valid status")
	}
}

func TestInvalidTransitionsLeaveTheDossierAlone(t *testing.T) {
	d := received(at(4, 29, 10, 0), 3)
	add(t, d, at(5, 2, 8, 0), dossier.InProcessing)
	add(t, d, at(5, 6, 8, 0), dossier.Refused)
	before := len(d.History)
	for name, ev := range map[string]dossier.Event{
		"after a terminal status":        {At: at(5, 7, 8, 0), Status: dossier.InProcessing},
		"back to received in the middle": {At: at(5, 3, 8, 0), Status: dossier.Received},
		"terminal before a later status": {At: at(5, 1, 8, 0), Status: dossier.Withdrawn},
		"unknown status":                 {At: at(5, 3, 8, 0), Status: "done"},
		"no time":                        {Status: dossier.InProcessing},
	} {
		_, err := d.AddEvent(ev, cal)
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if len(d.History) != before || d.Status != dossier.Refused {
		t.Errorf("dossier changed: %d events, status %s", len(d.History), d.Status)
	}
}

func TestApologySlipWhenAGivenAppointmentMovesAfterItPassed(t *testing.T) {
	d := received(at(4, 29, 10, 0), 0)
	d.ID = 9
	if _, err := d.AddEvent(dossier.Event{At: at(4, 29, 10, 1), AppointmentAt: at(5, 6, 17, 0)}, cal); err != nil {
		t.Fatal(err)
	}
	if d.AppointmentBasis != dossier.Given || !d.AppointmentAt.Equal(at(5, 6, 17, 0)) {
		t.Fatalf("given appointment not taken: %v %s", d.AppointmentAt, d.AppointmentBasis)
	}
	// Moved later before it passed: no slip.
	slip, _ := d.AddEvent(dossier.Event{At: at(5, 5, 9, 0), Status: dossier.InProcessing, AppointmentAt: at(5, 7, 17, 0)}, cal)
	if slip != nil {
		t.Errorf("slip before the appointment passed: %+v", slip)
	}
	// Moved later after 7/5 17:00 passed: a slip.
	slip, _ = d.AddEvent(dossier.Event{At: at(5, 8, 9, 0), Status: dossier.InProcessing, AppointmentAt: at(5, 12, 17, 0), PublicNote: "Chờ ý kiến cơ quan phối hợp"}, cal)
	if slip == nil || !slip.OldAppointment.Equal(at(5, 7, 17, 0)) || !slip.NewAppointment.Equal(at(5, 12, 17, 0)) ||
		slip.DossierID != 9 || slip.Reason != "Chờ ý kiến cơ quan phối hợp" || !slip.EventAt.Equal(at(5, 8, 9, 0)) {
		t.Errorf("slip %+v", slip)
	}
	// An older event with an appointment, arriving late, changes nothing.
	slip, _ = d.AddEvent(dossier.Event{At: at(5, 4, 9, 0), AppointmentAt: at(5, 30, 17, 0)}, cal)
	if slip != nil || !d.AppointmentAt.Equal(at(5, 12, 17, 0)) {
		t.Errorf("late old appointment: slip %v, appointment %v", slip, d.AppointmentAt)
	}
}

func TestSetHeaderIgnoresOlderUpserts(t *testing.T) {
	d := &dossier.Dossier{}
	if !d.SetHeader(dossier.Header{ApplicantName: "B", ContactSealed: "box", ReceivedAt: at(5, 1, 9, 0)}, at(5, 2, 9, 0)) {
		t.Fatal("first header refused")
	}
	if d.SetHeader(dossier.Header{ApplicantName: "A"}, at(5, 1, 9, 0)) || d.ApplicantName != "B" {
		t.Error("older header applied")
	}
	if !d.SetHeader(dossier.Header{ApplicantName: "C"}, at(5, 3, 9, 0)) || d.ApplicantName != "C" || d.ContactSealed != "box" {
		t.Errorf("newer header: %q %q", d.ApplicantName, d.ContactSealed)
	}
}
