package calendar

import (
	"iter"
	"time"
)

// Working time is counted on a local clock: nanoseconds since 1970-01-01
// 00:00 in Vietnam's civil time, so that day n spans [n·dayNs, (n+1)·dayNs).
// Instants must lie within the range of time.UnixNano (1678–2262); the
// package clamps what it is given to 1800–2200.
const (
	dayNs    = int64(24 * time.Hour)
	offsetNs = int64(7 * time.Hour)
)

var (
	minLocal = int64(daysFromCivil(1800, 1, 1)) * dayNs
	maxLocal = int64(daysFromCivil(2201, 1, 1)) * dayNs
)

// span is a half-open interval [from, to) of local nanoseconds (or, in
// Calendar.periods, of offsets from midnight).
type span struct{ from, to int64 }

// toLocal converts t to the local clock, clamped to 1800–2200.
func toLocal(t time.Time) int64 {
	if t.Year() < 1800 {
		return minLocal
	}
	if t.Year() > 2200 {
		return maxLocal
	}
	return t.UnixNano() + offsetNs
}

// fromLocal converts a local-clock instant to a time in Vietnam's zone.
func fromLocal(l int64) time.Time { return time.Unix(0, l-offsetNs).In(ict) }

func dayOf(l int64) int { return int(floorDiv64(l, dayNs)) }

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// days walks the working status of consecutive day numbers, fetching a
// year's set only when the walk enters that year.
type days struct {
	c   *Calendar
	set *yearSet
}

func (w *days) working(n int) bool {
	if w.set == nil || !w.set.contains(n) {
		w.set = w.c.yearOfDay(n)
	}
	return !w.set.isOff(n)
}

// nextWorking returns the first working instant at or after l: l itself
// during working hours, else the start of the next working period. An
// instant at the end of a period is not working time.
func (c *Calendar) nextWorking(l int64) int64 {
	w := days{c: c}
	n := dayOf(l)
	if w.working(n) {
		tod := l - int64(n)*dayNs
		for _, p := range c.periods {
			if tod < p.to {
				return int64(n)*dayNs + max(tod, p.from)
			}
		}
	}
	return c.nextDayStart(&w, n)
}

// nextDayStart returns the start of the first working day after day n.
func (c *Calendar) nextDayStart(w *days, n int) int64 {
	for n++; !w.working(n); n++ {
	}
	return int64(n)*dayNs + c.periods[0].from
}

// receipt returns the effective receipt instant of a dossier received at
// l: nextWorking, except that on or after the receipt cut-off of a working
// day it is the start of the next working day.
func (c *Calendar) receipt(l int64) int64 {
	if c.cutoff > 0 {
		n := dayOf(l)
		w := days{c: c}
		if w.working(n) && l-int64(n)*dayNs >= c.cutoff {
			return c.nextDayStart(&w, n)
		}
	}
	return c.nextWorking(l)
}

// restOfDay returns the working time (pauses ignored) from l to the end of
// l's day; l must be a working instant.
func (c *Calendar) restOfDay(l int64) int64 {
	tod := l - int64(dayOf(l))*dayNs
	var sum int64
	for _, p := range c.periods {
		sum += max(0, p.to-max(p.from, tod))
	}
	return sum
}

// free yields, in order, the spans of working time in [from, to) that no
// pause covers. pauses must be sorted and merged (see normalize).
func (c *Calendar) free(from, to int64, pauses []span) iter.Seq2[int64, int64] {
	return func(yield func(a, b int64) bool) {
		w := days{c: c}
		pi := 0
		for n := dayOf(from); int64(n)*dayNs < to; n++ {
			if !w.working(n) {
				continue
			}
			base := int64(n) * dayNs
			for _, p := range c.periods {
				a, b := max(base+p.from, from), min(base+p.to, to)
				for a < b {
					for pi < len(pauses) && pauses[pi].to <= a {
						pi++
					}
					if pi < len(pauses) && pauses[pi].from <= a {
						a = pauses[pi].to // inside a pause: jump past it
						continue
					}
					end := b
					if pi < len(pauses) && pauses[pi].from < b {
						end = pauses[pi].from
					}
					if !yield(a, end) {
						return
					}
					a = end
				}
			}
		}
	}
}

// advance returns the earliest instant t ≥ from at which the unpaused
// working time in [from, t) reaches budget (> 0): inside a working period
// or at its end, so never on a non-working day.
func (c *Calendar) advance(from, budget int64, pauses []span) int64 {
	for a, b := range c.free(from, maxLocal, pauses) {
		if b-a >= budget {
			return a + budget
		}
		budget -= b - a
	}
	return maxLocal
}

// measure returns the unpaused working time in [from, to).
func (c *Calendar) measure(from, to int64, pauses []span) int64 {
	var sum int64
	for a, b := range c.free(from, to, pauses) {
		sum += b - a
	}
	return sum
}

// isDayEnd reports whether l is the end of the last working period of its
// day.
func (c *Calendar) isDayEnd(l int64) bool {
	return l-int64(dayOf(l))*dayNs == c.periods[len(c.periods)-1].to
}
