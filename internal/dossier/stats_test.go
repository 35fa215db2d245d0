package dossier_test

import (
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
)

// statsCal is the calendar of the hand-computed cases: the computed 2025
// holidays without overrides (30/4 Wed and 1/5 Thu off, 2/5 Fri a working
// day), Saturdays and Sundays off, 08:00–12:00 and 13:00–17:00.
var statsCal = calendar.New(calendar.Options{}, nil)

func vn(m time.Month, d, h, min int) time.Time {
	return time.Date(2025, m, d, h, min, 0, 0, calendar.Zone())
}

// finished returns a dossier of centre 1 received at recv with a limit of
// n working days, with its result at done (zero: none).
func finished(t *testing.T, recv time.Time, n float64, done time.Time) *dossier.Dossier {
	t.Helper()
	d := &dossier.Dossier{ReceiptCode: "T-1", CentreUnitID: 1, ProcedureCode: "1.001193", ProcedureName: "Khai sinh",
		Channel: dossier.Online, ReceivedAt: recv, TimeLimit: dossier.TimeLimit{Value: n, Unit: dossier.WorkingDays}}
	if _, err := d.AddEvent(dossier.Event{Kind: dossier.Upsert, At: recv, Status: dossier.Received}, statsCal); err != nil {
		t.Fatal(err)
	}
	if !done.IsZero() {
		if _, err := d.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: done, Status: dossier.ResultReady}, statsCal); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// TestOnTimeInWorkingDays checks results against appointments computed by
// hand, around a weekend and the 30/4–1/5 holidays.
func TestOnTimeInWorkingDays(t *testing.T) {
	for _, tc := range []struct {
		name       string
		recv, done time.Time
		days       float64
		due        time.Time
		late       bool
	}{
		// Thu 6/3 is day 0; Fri 7/3 day 1; Sat–Sun skipped; Mon 10/3 day 2;
		// Tue 11/3 day 3. In calendar days Mon 10/3 would already be late.
		{"weekend: Monday is on time", vn(3, 6, 10, 0), vn(3, 10, 15, 0), 3, vn(3, 11, 17, 0), false},
		{"weekend: the appointment day itself", vn(3, 6, 10, 0), vn(3, 11, 16, 59), 3, vn(3, 11, 17, 0), false},
		{"weekend: Wednesday is late", vn(3, 6, 10, 0), vn(3, 12, 9, 0), 3, vn(3, 11, 17, 0), true},
		// Fri 14/3 17:00 is due; Saturday work adds no working time.
		{"Saturday after a Friday appointment", vn(3, 13, 9, 0), vn(3, 15, 10, 0), 1, vn(3, 14, 17, 0), false},
		{"evening of the appointment day", vn(3, 13, 9, 0), vn(3, 14, 19, 30), 1, vn(3, 14, 17, 0), false},
		// Tue 29/4 day 0; 30/4 and 1/5 holidays; Fri 2/5 day 1; Mon 5/5
		// day 2; Tue 6/5 day 3.
		{"holiday: Tuesday 6/5 on time", vn(4, 29, 9, 0), vn(5, 6, 16, 0), 3, vn(5, 6, 17, 0), false},
		{"holiday: Wednesday 7/5 late", vn(4, 29, 9, 0), vn(5, 7, 8, 30), 3, vn(5, 6, 17, 0), true},
		{"holiday: result on 1/5 early", vn(4, 29, 9, 0), vn(5, 1, 10, 0), 3, vn(5, 6, 17, 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := finished(t, tc.recv, tc.days, tc.done)
			if !d.AppointmentAt.Equal(tc.due) {
				t.Fatalf("appointment %v, want %v", d.AppointmentAt.In(calendar.Zone()), tc.due)
			}
			if got := dossier.FinishedLate(d, statsCal); got != tc.late {
				t.Errorf("late = %v, want %v", got, tc.late)
			}
			rows := dossier.Contribution(d, statsCal)
			if len(rows) != 2 || rows[1].Month != dossier.Month(tc.done) || (rows[1].Late == 1) != tc.late || rows[1].OnTime+rows[1].Late != 1 {
				t.Errorf("contribution %+v", rows)
			}
			if rows[0].Month != dossier.Month(tc.recv) || rows[0].Received != 1 || rows[0].Online != 1 || rows[0].InProgress != 0 {
				t.Errorf("received row %+v", rows[0])
			}
		})
	}
}

func TestStatsDeltas(t *testing.T) {
	before := finished(t, vn(4, 29, 9, 0), 3, time.Time{})
	after := *before
	if _, err := after.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: vn(5, 7, 9, 0), Status: dossier.ResultReady}, statsCal); err != nil {
		t.Fatal(err)
	}
	rows := dossier.StatsDeltas([]dossier.Changed{{Before: before, After: &after}}, statsCal)
	// April: still received, no longer in progress; May: one late result.
	want := map[string]dossier.StatsCounts{"2025-04": {InProgress: -1}, "2025-05": {Late: 1}}
	if len(rows) != 2 {
		t.Fatalf("deltas %+v", rows)
	}
	for _, r := range rows {
		if r.StatsCounts != want[r.Month] || r.ProcedureName != "Khai sinh" {
			t.Errorf("%s: %+v, want %+v", r.Month, r.StatsCounts, want[r.Month])
		}
	}
	if rows := dossier.StatsDeltas([]dossier.Changed{{Before: &after, After: &after}}, statsCal); len(rows) != 0 {
		t.Errorf("no change gave %+v", rows)
	}
	withdrawn := *before
	withdrawn.AddEvent(dossier.Event{Kind: dossier.StatusChange, At: vn(4, 30, 9, 0), Status: dossier.Withdrawn}, statsCal)
	rows = dossier.StatsDeltas([]dossier.Changed{{After: &withdrawn}}, statsCal)
	if len(rows) != 1 || rows[0].StatsCounts != (dossier.StatsCounts{Received: 1, Online: 1, ClosedOther: 1}) {
		t.Errorf("new withdrawn dossier: %+v", rows)
	}
}

func TestOverdueBefore(t *testing.T) {
	for _, tc := range []struct {
		now, want time.Time
	}{
		{vn(3, 12, 10, 0), vn(3, 12, 10, 0)},  // Wednesday morning: now
		{vn(3, 15, 10, 0), vn(3, 14, 17, 0)},  // Saturday: Friday's close
		{vn(3, 17, 7, 0), vn(3, 14, 17, 0)},   // Monday before opening
		{vn(3, 12, 12, 30), vn(3, 12, 12, 0)}, // lunch: the morning's close
		{vn(5, 1, 20, 0), vn(4, 29, 17, 0)},   // 1/5 evening: 29/4's close
	} {
		if got := dossier.OverdueBefore(statsCal, tc.now); !got.Equal(tc.want) {
			t.Errorf("OverdueBefore(%v) = %v, want %v", tc.now, got.In(calendar.Zone()), tc.want)
		}
	}
}

func TestMaskApplicantName(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Văn An":       "Nguyễn V** A**",
		"  Trần   Thị  Bích ": "Trần T** B**",
		"Đặng":                "Đ**",
		"":                    "",
	} {
		if got := dossier.MaskApplicantName(in); got != want {
			t.Errorf("MaskApplicantName(%q) = %q, want %q", in, got, want)
		}
	}
}
