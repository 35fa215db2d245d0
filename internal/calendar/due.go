package calendar

import "time"

// AddWorkingDays returns the due time of a limit of n working days for a
// dossier received at start, and how it was computed. The rule of the
// one-stop centres:
//
//   - A dossier received during working hours on a working day counts that
//     day as the day of receipt (day 0). One received outside working hours
//     or on a non-working day counts as received at the start of the next
//     working period: before opening, at opening that day; at lunch, at
//     13:00 that day; after closing (at 17:00 exactly included) or on a day
//     off, at 08:00 of the next working day. With Options.ReceiptCutoff set,
//     one received on a working day at or after the cut-off also counts as
//     received at 08:00 of the next working day.
//   - The limit ends at the end of the last working period (17:00) of the
//     n-th working day after the day of receipt. n = 0 means the end of
//     the day of receipt; n < 0 counts as 0, n > MaxWorkingDays as that.
//   - Pauses stop the clock: the due time moves later by the working time
//     the pauses cover between receipt and due time (a pause of two whole
//     working days moves it two working days; a pause of three working
//     hours moves 17:00 to 11:00 of the next working day). Pauses that do
//     not cover working time change nothing.
//
// The result is always within or at the end of a working period of a
// working day, in Vietnam's zone. WorkingDaysBetween is its inverse.
func (c *Calendar) AddWorkingDays(start time.Time, n int, pauses []Interval) (time.Time, Explanation) {
	n = min(max(n, 0), MaxWorkingDays)
	ps := normalize(pauses)
	e := c.receipt(toLocal(start))
	due := c.advance(e, c.restOfDay(e)+int64(n)*c.dayLen, ps)
	x := c.explain(start, e, due, ps)
	x.Days = n
	return x.Due, x
}

// WorkingDaysBetween returns the working day, counted from the day of
// receipt as AddWorkingDays counts it, on which to falls, for a dossier
// received at from: 0 on the day of receipt, k when to is after the end of
// working day k−1 and not after the end of day k (time covered by pauses
// does not count). It is 0 when to is not after the effective receipt.
//
// It inverts AddWorkingDays: for due, _ := AddWorkingDays(from, n, p),
// WorkingDaysBetween(from, due, p) == n. A dossier finished at t is on time
// when WorkingDaysBetween(received, t, p) ≤ n, and at now it is overdue by
// WorkingDaysBetween(received, now, p) − n working days when that is
// positive.
func (c *Calendar) WorkingDaysBetween(from, to time.Time, pauses []Interval) int {
	e, t := c.receipt(toLocal(from)), toLocal(to)
	if t <= e {
		return 0
	}
	w := c.measure(e, t, normalize(pauses)) - c.restOfDay(e)
	if w <= 0 {
		return 0
	}
	return int((w + c.dayLen - 1) / c.dayLen)
}

// EffectiveReceipt returns when the counting of a limit in working days
// starts for a dossier received at t, by the rule of AddWorkingDays.
func (c *Calendar) EffectiveReceipt(t time.Time) time.Time {
	return fromLocal(c.receipt(toLocal(t)))
}

// AddWorkingHours returns the earliest time at which d of working time has
// passed since start, counting only working hours of working days and
// skipping pauses, and how it was computed. Counting starts at the first
// working instant at or after start (no receipt cut-off applies). A result
// that completes a period is its end (12:00 or 17:00), not the start of the
// next one. d ≤ 0 gives that first working instant; d is clamped to
// MaxWorkingDays days of working time. WorkingTimeBetween is its inverse.
func (c *Calendar) AddWorkingHours(start time.Time, d time.Duration, pauses []Interval) (time.Time, Explanation) {
	d = min(d, time.Duration(MaxWorkingDays*c.dayLen))
	ps := normalize(pauses)
	e := c.nextWorking(toLocal(start))
	due := e
	if d > 0 {
		due = c.advance(e, int64(d), ps)
	}
	x := c.explain(start, e, due, ps)
	x.Hours = d
	return x.Due, x
}

// WorkingTimeBetween returns the working time in [from, to) not covered by
// pauses; 0 when to is not after from. For due, _ := AddWorkingHours(from,
// d, p) with d > 0, WorkingTimeBetween(from, due, p) == d.
func (c *Calendar) WorkingTimeBetween(from, to time.Time, pauses []Interval) time.Duration {
	f, t := toLocal(from), toLocal(to)
	if t <= f {
		return 0
	}
	return time.Duration(c.measure(f, t, normalize(pauses)))
}

// WorkingDayLength returns the working time in one working day (8 hours
// by default).
func (c *Calendar) WorkingDayLength() time.Duration { return time.Duration(c.dayLen) }
