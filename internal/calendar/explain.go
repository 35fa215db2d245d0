package calendar

import "time"

// Explanation records how a due time was computed, for a page to show in
// either language (see Text) or to render its own way. Times are in
// Vietnam's zone.
type Explanation struct {
	Received time.Time     // the start as given
	Start    time.Time     // when counting began; differs from Received if moved
	Days     int           // the limit in working days (AddWorkingDays), else 0
	Hours    time.Duration // the limit in working time (AddWorkingHours), else 0
	Skipped  []Span        // non-working days from the date of Received to the day before Due
	Pauses   []Pause       // the pauses that stopped the clock, in order
	Due      time.Time     // the result
	// DueAtDayEnd reports that Due is the end of its working day (17:00 by
	// default), so the date alone says it.
	DueAtDayEnd bool

	dayLen time.Duration // working time in a day, to show pauses in days
}

// Moved reports whether counting began later than the dossier was
// received (outside working hours, on a day off, or after the cut-off).
func (e Explanation) Moved() bool { return !e.Start.Equal(e.Received) }

// Span is a run of consecutive non-working days of the same kind and name,
// e.g. 27/01–31/01 "Tết Nguyên đán".
type Span struct {
	From, To Date // inclusive; equal for a single day
	Kind     Kind
	NameVI   string
	NameEN   string
}

// Pause is an Interval that stopped the clock, with the working time it
// covered between the start and the due time.
type Pause struct {
	From, To time.Time
	Working  time.Duration
}

// explain builds the Explanation of a computation that began at start,
// counted from the effective instant e and ended at due.
func (c *Calendar) explain(start time.Time, e, due int64, pauses []span) Explanation {
	x := Explanation{
		Received:    start.In(ict),
		Start:       fromLocal(e),
		Due:         fromLocal(due),
		DueAtDayEnd: c.isDayEnd(due),
		dayLen:      time.Duration(c.dayLen),
	}
	x.Skipped = c.skipped(dayOf(toLocal(start)), dayOf(due))
	for _, p := range pauses {
		if w := c.measure(max(p.from, e), min(p.to, due), nil); w > 0 {
			x.Pauses = append(x.Pauses, Pause{fromLocal(p.from), fromLocal(p.to), time.Duration(w)})
		}
	}
	return x
}

// skipped returns the non-working days in [from, to) (day numbers) as
// spans, merging consecutive days of the same kind and name.
func (c *Calendar) skipped(from, to int) []Span {
	var out []Span
	w := days{c: c}
	last := from - 2 // day number of the last day added to out
	for n := from; n < to; n++ {
		if w.working(n) {
			continue
		}
		d := dateFromDays(n)
		day, ok := w.set.entry(d)
		if !ok {
			day = weekendDay(d)
		}
		k := len(out) - 1
		if n == last+1 && out[k].Kind == day.Kind && out[k].NameVI == day.NameVI && out[k].NameEN == day.NameEN {
			out[k].To, last = d, n
			continue
		}
		out = append(out, Span{From: d, To: d, Kind: day.Kind, NameVI: day.NameVI, NameEN: day.NameEN})
		last = n
	}
	return out
}
