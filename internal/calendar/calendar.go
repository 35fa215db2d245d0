package calendar

import (
	"sync/atomic"
	"time"
)

// MaxWorkingDays bounds the n of AddWorkingDays (and hours to as many
// working days); larger values are clamped. No time limit comes near it.
const MaxWorkingDays = 10000

// Years whose sets of special days are cached in a Calendar; other years
// are computed on every use.
const (
	firstCachedYear = 1900
	lastCachedYear  = 2200
)

// Calendar answers which days are working days and counts working time. It
// is immutable after New and safe for concurrent use; each year's special
// days are computed on first use and cached. When the overrides change,
// build a new Calendar and swap it in (for example with atomic.Pointer).
type Calendar struct {
	opts      Options
	workWeek  [7]bool // indexed by time.Weekday
	periods   []span  // working periods as nanosecond offsets from midnight
	dayLen    int64   // working time in one working day, in nanoseconds
	cutoff    int64   // receipt cut-off as an offset from midnight; 0 = none
	overrides map[int][]Override

	// years caches the special days of each year; a slot is set once, by
	// compare-and-swap, so readers need no lock.
	years [lastCachedYear - firstCachedYear + 1]atomic.Pointer[yearSet]
}

// New returns a calendar with the built-in rules, opts (zero fields take
// their defaults) and the overrides. It panics if opts.Validate fails:
// options come from configuration, checked at start-up. Overrides that fail
// Validate are ignored; check them when they are saved.
func New(opts Options, overrides []Override) *Calendar {
	if err := opts.Validate(); err != nil {
		panic(err)
	}
	opts = opts.withDefaults()
	c := &Calendar{opts: opts, overrides: groupByYear(overrides)}
	for _, wd := range opts.Weekdays {
		c.workWeek[wd] = true
	}
	for _, p := range opts.Hours {
		c.periods = append(c.periods, span{int64(p.Start), int64(p.End)})
		c.dayLen += int64(p.End - p.Start)
	}
	c.cutoff = int64(opts.ReceiptCutoff)
	return c
}

// Options returns the calendar's options with the defaults filled in.
func (c *Calendar) Options() Options { return c.opts }

// Overrides returns the valid overrides of year y in the order given to
// New.
func (c *Calendar) Overrides(y int) []Override {
	return append([]Override(nil), c.overrides[y]...)
}

// IsWorkingDay reports whether d is a working day: a working weekday that
// is no holiday, compensatory or extra day off, or a Swapped rest day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	n := d.days()
	s := c.yearOf(d.Year)
	if !s.contains(n) { // d is not normalised, e.g. 2025-02-30
		s = c.yearOfDay(n)
	}
	return !s.isOff(n)
}

// Lookup returns the special day at d: its holiday, compensatory, extra or
// swapped entry, or a Weekend entry for a plain rest day. ok is false for
// an ordinary working day.
func (c *Calendar) Lookup(d Date) (day Day, ok bool) {
	d = dateFromDays(d.days())
	s := c.yearOf(d.Year)
	if e, ok := s.entry(d); ok {
		return e, true
	}
	if c.isRest(d.Weekday()) {
		return weekendDay(d), true
	}
	return Day{}, false
}

// NonWorkingDays returns the special days of year y in date order: every
// weekend, holiday, compensatory and extra day off, and also the Swapped
// rest days (which are working days, listed so that a page can show them;
// Kind.Working tells them apart). The slice is the caller's.
func (c *Calendar) NonWorkingDays(y int) []Day {
	s := c.yearOf(y)
	out := make([]Day, 0, 120)
	i := 0
	for d := NewDate(y, 1, 1); d.Year == y; d = d.AddDays(1) {
		switch {
		case i < len(s.special) && s.special[i].Date == d:
			out = append(out, s.special[i])
			i++
		case c.isRest(d.Weekday()):
			out = append(out, weekendDay(d))
		}
	}
	return out
}

// isRest reports whether wd is a weekly rest day.
func (c *Calendar) isRest(wd time.Weekday) bool { return !c.workWeek[wd] }

// yearOf returns the (cached) special days of year y.
func (c *Calendar) yearOf(y int) *yearSet {
	if y < firstCachedYear || y > lastCachedYear {
		return c.buildYear(y)
	}
	slot := &c.years[y-firstCachedYear]
	if s := slot.Load(); s != nil {
		return s
	}
	slot.CompareAndSwap(nil, c.buildYear(y))
	return slot.Load()
}

// yearOfDay returns the set of the year containing day number n.
func (c *Calendar) yearOfDay(n int) *yearSet {
	y, _, _ := civilFromDays(n)
	return c.yearOf(y)
}
