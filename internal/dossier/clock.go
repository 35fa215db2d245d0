package dossier

import (
	"math"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
)

// Due returns when a limit l ends for a dossier received at received with
// the given pauses, and how it was computed:
//
//   - working days: calendar.AddWorkingDays (receipt day is day 0; the
//     limit ends at the close of the n-th working day after it); a
//     fractional number of days (0.5) counts as that much working time
//     from the receipt (calendar.AddWorkingHours);
//   - hours: that much working time from the receipt;
//   - days (calendar days): the end of the working day of the n-th day
//     after the receipt date, plus the pauses in whole days rounded up;
//     a last day that is not a working day moves to the next working day
//     (Civil Code 2015, art. 148).
//
// ok is false for a zero limit.
func (l TimeLimit) Due(cal *calendar.Calendar, received time.Time, pauses []calendar.Interval) (due time.Time, x calendar.Explanation, ok bool) {
	if l.IsZero() {
		return time.Time{}, calendar.Explanation{}, false
	}
	switch {
	case l.Unit == WorkingDays && l.Value == math.Trunc(l.Value):
		due, x = cal.AddWorkingDays(received, int(min(l.Value, calendar.MaxWorkingDays)), pauses)
	case l.Unit == WorkingDays:
		due, x = cal.AddWorkingHours(received, time.Duration(l.Value*float64(cal.WorkingDayLength())), pauses)
	case l.Unit == Hours:
		due, x = cal.AddWorkingHours(received, time.Duration(l.Value*float64(time.Hour)), pauses)
	default:
		due, x = calendarDays(cal, received, l.Value, pauses)
	}
	return due, x, true
}

// calendarDays implements a limit in calendar days.
func calendarDays(cal *calendar.Calendar, received time.Time, n float64, pauses []calendar.Interval) (time.Time, calendar.Explanation) {
	var paused time.Duration
	for _, p := range pauses {
		if p.To.After(p.From) {
			paused += p.To.Sub(p.From)
		}
	}
	days := int(math.Ceil(n)) + int(math.Ceil(paused.Hours()/24))
	last := calendar.DateOf(received).AddDays(min(days, 3660))
	due, _ := cal.AddWorkingDays(last.At(8*time.Hour), 0, nil)
	return due, calendar.Explanation{Received: received.In(calendar.Zone()), Start: received.In(calendar.Zone()), Due: due, DueAtDayEnd: true}
}

// Pauses returns the intervals during which the clock stopped: from each
// supplement request until the next status event of another status, in
// event time. A pause still running at now is closed at now; with a zero
// now it is left out.
func (d *Dossier) Pauses(now time.Time) []calendar.Interval {
	var out []calendar.Interval
	var from time.Time
	for _, e := range d.History {
		switch {
		case e.Status == "":
		case e.Status == SupplementRequested && from.IsZero():
			from = e.At
		case e.Status != SupplementRequested && !from.IsZero():
			out = append(out, calendar.Interval{From: from, To: e.At})
			from = time.Time{}
		}
	}
	if !from.IsZero() && now.After(from) {
		out = append(out, calendar.Interval{From: from, To: now})
	}
	return out
}

// ExplainAppointment returns how a computed appointment was computed, for
// pages: the receipt, the limit, the days skipped and the pauses. ok is
// false when the appointment was given by the centre or is unknown.
func (d *Dossier) ExplainAppointment(cal *calendar.Calendar) (x calendar.Explanation, ok bool) {
	if d.AppointmentBasis != Computed {
		return calendar.Explanation{}, false
	}
	_, x, ok = d.TimeLimit.Due(cal, d.ReceivedAt, d.Pauses(time.Time{}))
	return x, ok
}

// OverdueDays returns by how many working days d is overdue at now: the
// working time from the appointment to now, not counting pauses (a
// supplement awaited from the applicant), in working days rounded up. It
// is 0 — not overdue — for a dossier that has its result or was closed,
// that has no appointment, or when no working time has passed since the
// appointment (a Saturday after a Friday appointment).
func (d *Dossier) OverdueDays(cal *calendar.Calendar, now time.Time) int {
	if d.Status.Closed() || d.AppointmentAt.IsZero() {
		return 0
	}
	return lateness(cal, d.AppointmentAt, now, d.Pauses(now))
}

// LateDays returns by how many working days the result came after the
// appointment (0 when on time, not finished, or without an appointment),
// for statistics of dossiers finished late.
func (d *Dossier) LateDays(cal *calendar.Calendar) int {
	if d.FinishedAt.IsZero() || d.AppointmentAt.IsZero() {
		return 0
	}
	return lateness(cal, d.AppointmentAt, d.FinishedAt, d.Pauses(d.FinishedAt))
}

// lateness is the working time in (due, at] outside pauses, in working
// days rounded up.
func lateness(cal *calendar.Calendar, due, at time.Time, pauses []calendar.Interval) int {
	if !at.After(due) {
		return 0
	}
	w := cal.WorkingTimeBetween(due, at, pauses)
	day := cal.WorkingDayLength()
	return int((w + day - 1) / day)
}
