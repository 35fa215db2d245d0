package calendar

import (
	"testing"
	"time"
)

// at returns y-m-d h:min in Vietnam.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Zone())
}

func TestAddWorkingDays(t *testing.T) {
	c := New(Options{}, overrides2025)
	cut := New(Options{ReceiptCutoff: 15 * time.Hour}, overrides2025)
	for _, tc := range []struct {
		name      string
		c         *Calendar
		start     time.Time
		n         int
		due       time.Time
		effective time.Time
	}{
		{"same day", c, at(2025, 2, 10, 9, 0), 0, at(2025, 2, 10, 17, 0), at(2025, 2, 10, 9, 0)},
		{"next day", c, at(2025, 2, 10, 9, 0), 1, at(2025, 2, 11, 17, 0), at(2025, 2, 10, 9, 0)},
		{"before opening", c, at(2025, 2, 10, 7, 30), 1, at(2025, 2, 11, 17, 0), at(2025, 2, 10, 8, 0)},
		{"at lunch", c, at(2025, 2, 10, 12, 30), 1, at(2025, 2, 11, 17, 0), at(2025, 2, 10, 13, 0)},
		{"at closing", c, at(2025, 2, 10, 17, 0), 1, at(2025, 2, 12, 17, 0), at(2025, 2, 11, 8, 0)},
		{"friday evening", c, at(2025, 2, 14, 17, 30), 1, at(2025, 2, 18, 17, 0), at(2025, 2, 17, 8, 0)},
		{"saturday", c, at(2025, 2, 15, 10, 0), 3, at(2025, 2, 20, 17, 0), at(2025, 2, 17, 8, 0)},
		{"a week", c, at(2025, 2, 14, 10, 0), 5, at(2025, 2, 21, 17, 0), at(2025, 2, 14, 10, 0)},
		{"over 30/4–4/5", c, at(2025, 4, 29, 10, 0), 2, at(2025, 5, 6, 17, 0), at(2025, 4, 29, 10, 0)},
		{"to a make-up saturday", c, at(2025, 4, 25, 10, 0), 1, at(2025, 4, 26, 17, 0), at(2025, 4, 25, 10, 0)},
		{"on a make-up saturday", c, at(2025, 4, 26, 9, 0), 0, at(2025, 4, 26, 17, 0), at(2025, 4, 26, 9, 0)},
		{"negative n", c, at(2025, 2, 10, 9, 0), -3, at(2025, 2, 10, 17, 0), at(2025, 2, 10, 9, 0)},
		{"other zone", c, time.Date(2025, 2, 10, 2, 0, 0, 0, time.UTC), 1, at(2025, 2, 11, 17, 0), at(2025, 2, 10, 9, 0)},
		{"before cut-off", cut, at(2025, 2, 10, 14, 59), 1, at(2025, 2, 11, 17, 0), at(2025, 2, 10, 14, 59)},
		{"at cut-off", cut, at(2025, 2, 10, 15, 0), 1, at(2025, 2, 12, 17, 0), at(2025, 2, 11, 8, 0)},
		{"cut-off on a day off", cut, at(2025, 2, 15, 16, 0), 1, at(2025, 2, 18, 17, 0), at(2025, 2, 17, 8, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, x := tc.c.AddWorkingDays(tc.start, tc.n, nil)
			if !due.Equal(tc.due) || due.Location() != Zone() {
				t.Errorf("due %v, want %v", due, tc.due)
			}
			if !x.Start.Equal(tc.effective) || !tc.c.EffectiveReceipt(tc.start).Equal(tc.effective) {
				t.Errorf("effective start %v, want %v", x.Start, tc.effective)
			}
			if got := tc.c.WorkingDaysBetween(tc.start, due, nil); got != max(tc.n, 0) {
				t.Errorf("WorkingDaysBetween = %d, want %d", got, tc.n)
			}
		})
	}
}

func TestAddWorkingDaysWithPauses(t *testing.T) {
	c := New(Options{}, overrides2025)
	start := at(2025, 2, 10, 9, 0) // Monday; 5 working days end Monday 17/02 17:00
	iv := func(a, b time.Time) Interval { return Interval{a, b} }
	for _, tc := range []struct {
		name   string
		pauses []Interval
		due    time.Time
	}{
		{"none", nil, at(2025, 2, 17, 17, 0)},
		{"two working days", []Interval{iv(at(2025, 2, 12, 8, 0), at(2025, 2, 14, 8, 0))}, at(2025, 2, 19, 17, 0)},
		{"three working hours", []Interval{iv(at(2025, 2, 12, 9, 0), at(2025, 2, 12, 12, 0))}, at(2025, 2, 18, 11, 0)},
		{"over lunch counts only working time", []Interval{iv(at(2025, 2, 12, 11, 0), at(2025, 2, 12, 14, 0))}, at(2025, 2, 18, 10, 0)},
		{"on a weekend", []Interval{iv(at(2025, 2, 15, 0, 0), at(2025, 2, 17, 0, 0))}, at(2025, 2, 17, 17, 0)},
		{"before receipt", []Interval{iv(at(2025, 2, 7, 8, 0), at(2025, 2, 10, 8, 0))}, at(2025, 2, 17, 17, 0)},
		{"covering receipt", []Interval{iv(at(2025, 2, 10, 8, 0), at(2025, 2, 11, 12, 0))}, at(2025, 2, 19, 11, 0)},
		{"overlapping, unordered", []Interval{
			iv(at(2025, 2, 13, 8, 0), at(2025, 2, 14, 8, 0)),
			iv(at(2025, 2, 12, 8, 0), at(2025, 2, 13, 12, 0)),
		}, at(2025, 2, 19, 17, 0)},
		{"empty and inverted ignored", []Interval{
			iv(at(2025, 2, 12, 8, 0), at(2025, 2, 12, 8, 0)),
			iv(at(2025, 2, 13, 12, 0), at(2025, 2, 12, 12, 0)),
		}, at(2025, 2, 17, 17, 0)},
		{"after the first due time", []Interval{iv(at(2025, 2, 18, 8, 0), at(2025, 2, 19, 8, 0))}, at(2025, 2, 17, 17, 0)},
		{"right at the due time", []Interval{iv(at(2025, 2, 17, 16, 0), at(2025, 2, 18, 9, 0))}, at(2025, 2, 18, 10, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, _ := c.AddWorkingDays(start, 5, tc.pauses)
			if !due.Equal(tc.due) {
				t.Errorf("due %v, want %v", due, tc.due)
			}
			if got := c.WorkingDaysBetween(start, due, tc.pauses); got != 5 {
				t.Errorf("WorkingDaysBetween = %d", got)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := New(Options{}, overrides2025)
	from := at(2025, 2, 10, 9, 0) // Monday
	for _, tc := range []struct {
		to   time.Time
		want int
	}{
		{at(2025, 2, 10, 8, 0), 0},
		{at(2025, 2, 10, 16, 0), 0},
		{at(2025, 2, 10, 23, 0), 0},
		{at(2025, 2, 11, 8, 0), 0},
		{at(2025, 2, 11, 8, 1), 1},
		{at(2025, 2, 11, 17, 0), 1},
		{at(2025, 2, 12, 8, 0), 1},
		{at(2025, 2, 12, 8, 1), 2},
		{at(2025, 2, 17, 17, 0), 5}, // Sat and Sun do not count
		{at(2025, 2, 8, 9, 0), 0},   // before receipt
	} {
		if got := c.WorkingDaysBetween(from, tc.to, nil); got != tc.want {
			t.Errorf("to %v: %d, want %d", tc.to, got, tc.want)
		}
	}
}

func TestAddWorkingHours(t *testing.T) {
	c := New(Options{}, overrides2025)
	for _, tc := range []struct {
		name   string
		start  time.Time
		d      time.Duration
		pauses []Interval
		due    time.Time
	}{
		{"over the weekend", at(2025, 2, 14, 16, 0), 2 * time.Hour, nil, at(2025, 2, 17, 9, 0)},
		{"to the end of the morning", at(2025, 2, 10, 11, 0), time.Hour, nil, at(2025, 2, 10, 12, 0)},
		{"over lunch", at(2025, 2, 10, 11, 0), 90 * time.Minute, nil, at(2025, 2, 10, 13, 30)},
		{"to closing", at(2025, 2, 14, 16, 0), time.Hour, nil, at(2025, 2, 14, 17, 0)},
		{"zero on a saturday", at(2025, 2, 15, 10, 0), 0, nil, at(2025, 2, 17, 8, 0)},
		{"after hours", at(2025, 2, 10, 18, 0), 4 * time.Hour, nil, at(2025, 2, 11, 12, 0)},
		{"one day", at(2025, 2, 10, 10, 0), 8 * time.Hour, nil, at(2025, 2, 11, 10, 0)},
		{"paused", at(2025, 2, 10, 10, 0), 2 * time.Hour,
			[]Interval{{at(2025, 2, 10, 11, 0), at(2025, 2, 11, 9, 0)}}, at(2025, 2, 11, 10, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, x := c.AddWorkingHours(tc.start, tc.d, tc.pauses)
			if !due.Equal(tc.due) || !x.Due.Equal(due) {
				t.Errorf("due %v, want %v", due, tc.due)
			}
			if got := c.WorkingTimeBetween(tc.start, due, tc.pauses); tc.d > 0 && got != tc.d {
				t.Errorf("WorkingTimeBetween = %v, want %v", got, tc.d)
			}
		})
	}
	if got := c.WorkingTimeBetween(at(2025, 2, 11, 0, 0), at(2025, 2, 10, 0, 0), nil); got != 0 {
		t.Errorf("backwards WorkingTimeBetween = %v", got)
	}
}

func TestCustomHours(t *testing.T) {
	// A centre open 07:30–11:30 and 13:30–17:00, Monday to Saturday.
	opts := Options{
		Hours:    []Period{{7*time.Hour + 30*time.Minute, 11*time.Hour + 30*time.Minute}, {13*time.Hour + 30*time.Minute, 17 * time.Hour}},
		Weekdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday},
	}
	c := New(opts, nil)
	if c.WorkingDayLength() != 7*time.Hour+30*time.Minute {
		t.Errorf("day length %v", c.WorkingDayLength())
	}
	due, _ := c.AddWorkingDays(at(2025, 2, 14, 12, 0), 1, nil) // Friday lunch
	if !due.Equal(at(2025, 2, 15, 17, 0)) {
		t.Errorf("due %v, want Saturday 17:00", due)
	}
	if !c.IsWorkingDay(Date{2025, 2, 15}) || c.IsWorkingDay(Date{2025, 2, 16}) {
		t.Error("Saturday should work, Sunday not")
	}
}

func TestWorkedExample(t *testing.T) {
	// Received Friday 24/01/2025 16:00, 5 working days, Tết 2025 as
	// announced: 25/01–02/02 off, of which 27–31/01 the Tết holidays.
	start := at(2025, 1, 24, 16, 0)
	c := New(Options{}, overrides2025)
	due, _ := c.AddWorkingDays(start, 5, nil)
	if want := at(2025, 2, 7, 17, 0); !due.Equal(want) {
		t.Errorf("due %v, want %v", due, want)
	}
	// With a 16:00 receipt cut-off the day of receipt is Monday 03/02.
	cut := New(Options{ReceiptCutoff: 16 * time.Hour}, overrides2025)
	if due, _ := cut.AddWorkingDays(start, 5, nil); !due.Equal(at(2025, 2, 10, 17, 0)) {
		t.Errorf("with cut-off: due %v, want 10/02 17:00", due)
	}
	// With the default Tết spread, 27/01 is day 1 and the compensatory 03/02
	// is off: the same due date by another path.
	if due, _ := New(Options{}, nil).AddWorkingDays(start, 5, nil); !due.Equal(at(2025, 2, 7, 17, 0)) {
		t.Errorf("default Tết: due %v, want 07/02 17:00", due)
	}
}
