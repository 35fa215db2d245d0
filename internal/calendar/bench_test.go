package calendar

import "testing"

// The benchmarks use a warm calendar (years cached), as a server does.

func BenchmarkAddWorkingDays(b *testing.B) {
	c := New(Options{}, overrides2025)
	start := at(2025, 1, 24, 16, 0)
	c.AddWorkingDays(start, 20, nil)
	for b.Loop() {
		c.AddWorkingDays(start, 20, nil)
	}
}

func BenchmarkAddWorkingDaysWithPauses(b *testing.B) {
	c := New(Options{}, overrides2025)
	start := at(2025, 1, 24, 16, 0)
	pauses := []Interval{{at(2025, 2, 5, 10, 0), at(2025, 2, 7, 9, 0)}, {at(2025, 2, 12, 8, 0), at(2025, 2, 13, 8, 0)}}
	c.AddWorkingDays(start, 20, pauses)
	for b.Loop() {
		c.AddWorkingDays(start, 20, pauses)
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := New(Options{}, overrides2025)
	from, to := at(2025, 1, 24, 16, 0), at(2025, 3, 3, 10, 0)
	c.WorkingDaysBetween(from, to, nil)
	for b.Loop() {
		c.WorkingDaysBetween(from, to, nil)
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := New(Options{}, overrides2025)
	d := Date{2025, 1, 29}
	c.IsWorkingDay(d)
	for b.Loop() {
		c.IsWorkingDay(d)
	}
}

func BenchmarkExplanationText(b *testing.B) {
	c := New(Options{}, overrides2025)
	_, x := c.AddWorkingDays(at(2025, 1, 24, 16, 0), 5, nil)
	for b.Loop() {
		_ = x.Text("vi")
	}
}

// BenchmarkBuildYear measures a cold year: holidays, lunar dates and the
// bitset.
func BenchmarkBuildYear(b *testing.B) {
	c := New(Options{}, overrides2025)
	for b.Loop() {
		c.buildYear(2025)
	}
}

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2025, 4, 7}
	for b.Loop() {
		SolarToLunar(d)
	}
}
