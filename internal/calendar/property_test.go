package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomCase draws a start between 2020 and 2030 (at a random minute,
// often on a period boundary), a limit and up to three pauses around it.
func randomCase(r *rand.Rand) (start time.Time, n int, pauses []Interval) {
	day := NewDate(2020, 1, 1).AddDays(r.IntN(11 * 365))
	minute := r.IntN(24 * 60)
	if r.IntN(4) == 0 {
		minute = []int{8 * 60, 12 * 60, 13 * 60, 17 * 60}[r.IntN(4)]
	}
	start = day.At(time.Duration(minute) * time.Minute)
	n = r.IntN(60)
	for range r.IntN(4) {
		pauses = append(pauses, randomInterval(r, start))
	}
	return start, n, pauses
}

func randomInterval(r *rand.Rand, around time.Time) Interval {
	from := around.Add(time.Duration(r.IntN(100*24*60)-5*24*60) * time.Minute)
	return Interval{from, from.Add(time.Duration(r.IntN(10*24*60)) * time.Minute)}
}

// isWorkingInstant reports whether t is in a working period of a working
// day, or at the end of one.
func isWorkingInstant(c *Calendar, t time.Time) bool {
	if !c.IsWorkingDay(DateOf(t)) {
		return false
	}
	y, m, d := t.Date()
	tod := t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
	for _, p := range c.Options().Hours {
		if tod > p.Start && tod <= p.End || tod == p.Start {
			return true
		}
	}
	return false
}

func TestPropertiesOfAddWorkingDays(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 1))
	c := New(Options{}, append(overrides2024, overrides2025...))
	cut := New(Options{ReceiptCutoff: 15*time.Hour + 30*time.Minute}, nil)
	for i := range 4000 {
		cal := c
		if i%4 == 3 {
			cal = cut
		}
		start, n, pauses := randomCase(r)
		due, _ := cal.AddWorkingDays(start, n, pauses)
		if got := cal.WorkingDaysBetween(start, due, pauses); got != n {
			t.Fatalf("%v +%d %v: due %v counts %d", start, n, pauses, due, got)
		}
		if !isWorkingInstant(cal, due) {
			t.Fatalf("%v +%d: due %v is not working time", start, n, due)
		}
		if next, _ := cal.AddWorkingDays(start, n+1, pauses); !next.After(due) {
			t.Fatalf("%v: n+1 gives %v, not after %v", start, next, due)
		}
		more := append(pauses[:len(pauses):len(pauses)], randomInterval(r, start))
		if later, _ := cal.AddWorkingDays(start, n, more); later.Before(due) {
			t.Fatalf("%v +%d: a pause moved %v earlier to %v", start, n, due, later)
		}
		checkOnTime(t, cal, start, n, due, pauses, r)
	}
}

// checkOnTime checks the counting of a random finishing time against the
// due time: not after it means within n days, and a count within n days
// after it means no working time has passed since.
func checkOnTime(t *testing.T, c *Calendar, start time.Time, n int, due time.Time, pauses []Interval, r *rand.Rand) {
	t.Helper()
	end := start.Add(time.Duration(r.IntN(int(due.Sub(start)/time.Minute)+3*24*60)) * time.Minute)
	count := c.WorkingDaysBetween(start, end, pauses)
	switch {
	case !end.After(due) && count > n:
		t.Fatalf("%v +%d: %v is before due %v but counts %d", start, n, end, due, count)
	case end.After(due) && count <= n && c.WorkingTimeBetween(due, end, pauses) > 0:
		t.Fatalf("%v +%d: %v is late but counts %d", start, n, end, count)
	}
}

func TestPropertiesOfAddWorkingHours(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 2))
	c := New(Options{}, overrides2025)
	for range 4000 {
		start, _, pauses := randomCase(r)
		d := time.Duration(r.IntN(200*60)+1) * time.Minute
		due, _ := c.AddWorkingHours(start, d, pauses)
		if got := c.WorkingTimeBetween(start, due, pauses); got != d {
			t.Fatalf("%v +%v %v: due %v measures %v", start, d, pauses, due, got)
		}
		if !isWorkingInstant(c, due) {
			t.Fatalf("%v +%v: due %v is not working time", start, d, due)
		}
		if next, _ := c.AddWorkingHours(start, d+time.Minute, pauses); !next.After(due) {
			t.Fatalf("%v: d+1m gives %v, not after %v", start, next, due)
		}
		more := append(pauses[:len(pauses):len(pauses)], randomInterval(r, start))
		if later, _ := c.AddWorkingHours(start, d, more); later.Before(due) {
			t.Fatalf("%v +%v: a pause moved %v earlier to %v", start, d, due, later)
		}
	}
}

// TestAddWorkingDaysAgainstNaive compares the fast path with counting
// working days one by one with IsWorkingDay, without pauses.
func TestAddWorkingDaysAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 3))
	c := New(Options{}, overrides2025)
	for range 3000 {
		day := NewDate(2015, 1, 1).AddDays(r.IntN(20 * 365))
		n := r.IntN(40)
		start := day.At(10 * time.Hour)
		for !c.IsWorkingDay(day) {
			day = day.AddDays(1) // received on a day off: counts from the next working day
		}
		for k := n; k > 0; k-- {
			for day = day.AddDays(1); !c.IsWorkingDay(day); day = day.AddDays(1) {
			}
		}
		if due, _ := c.AddWorkingDays(start, n, nil); !due.Equal(day.At(17 * time.Hour)) {
			t.Fatalf("%v +%d: %v, want %v 17:00", start, n, due, day)
		}
	}
}
