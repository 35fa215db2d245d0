package dossier

import (
	"context"
	"slices"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// Statistics are kept as one row per receiving centre, procedure and month
// (StatsRow), updated by StatsKeeper in the transaction that changes a
// dossier: the difference between the dossier's contribution after and
// before the change is added, so a page reads a few thousand small rows
// instead of aggregating every dossier. What a dossier contributes:
//
//   - to the month it was received in (Vietnam time): Received, Online for
//     an online submission, and InProgress while it is open, or
//     ClosedOther once refused, withdrawn or cancelled;
//   - to the month its result came (FinishedAt, result ready or returned):
//     OnTime or Late. A result is late when working time passed between
//     the appointment and the result (calendar.WorkingTimeBetween > 0): a
//     result on the appointment day, or on a Saturday after a Friday
//     appointment, is on time; a result the next working day is late;
//   - Ratings and RatingSum, to the month of its result, once rated.
//
// Overdue depends on the clock, so it is never stored: StatsService counts
// the open dossiers past their appointment when asked (see OverdueBefore).

// StatsKey names one row of the statistics.
type StatsKey struct {
	CentreUnitID  int64
	ProcedureCode string
	Month         string // "2006-01", Vietnam time
}

// StatsCounts are the figures of a row, a unit, a month or a total.
type StatsCounts struct {
	Received    int64 // received in the month
	Online      int64 // of which submitted online
	InProgress  int64 // of which still open now (overdue included)
	ClosedOther int64 // of which refused, withdrawn or cancelled
	OnTime      int64 // results in the month, on time
	Late        int64 // results in the month, late
	Ratings     int64 // satisfaction ratings of those results
	RatingSum   int64 // the sum of their scores
	Overdue     int64 // of the received, open and past the appointment now
}

// StatsRow is the figures of one key.
type StatsRow struct {
	StatsKey
	ProcedureName string // the latest name seen, for pages
	StatsCounts
}

// Add adds o to c.
func (c *StatsCounts) Add(o StatsCounts) {
	c.Received += o.Received
	c.Online += o.Online
	c.InProgress += o.InProgress
	c.ClosedOther += o.ClosedOther
	c.OnTime += o.OnTime
	c.Late += o.Late
	c.Ratings += o.Ratings
	c.RatingSum += o.RatingSum
	c.Overdue += o.Overdue
}

// negate returns -c.
func (c StatsCounts) negate() StatsCounts {
	return StatsCounts{-c.Received, -c.Online, -c.InProgress, -c.ClosedOther, -c.OnTime, -c.Late, -c.Ratings, -c.RatingSum, -c.Overdue}
}

// IsZero reports whether every figure is 0.
func (c StatsCounts) IsZero() bool { return c == StatsCounts{} }

// Finished is the number of results, on time or late.
func (c StatsCounts) Finished() int64 { return c.OnTime + c.Late }

// OnTimeRate is the share of results on time, from 0 to 1; ok is false
// without results.
func (c StatsCounts) OnTimeRate() (rate float64, ok bool) { return ratio(c.OnTime, c.Finished()) }

// OnlineShare is the share of dossiers received online; ok is false
// without dossiers.
func (c StatsCounts) OnlineShare() (share float64, ok bool) { return ratio(c.Online, c.Received) }

// Satisfaction is the average score, 1 to 5; ok is false without ratings.
func (c StatsCounts) Satisfaction() (avg float64, ok bool) { return ratio(c.RatingSum, c.Ratings) }

func ratio(a, b int64) (float64, bool) {
	if b <= 0 {
		return 0, false
	}
	return float64(a) / float64(b), true
}

// Month returns t's month in Vietnam time, "2006-01".
func Month(t time.Time) string { return t.In(calendar.Zone()).Format("2006-01") }

// FinishedLate reports whether the result of d came late: after working
// time passed beyond the appointment. A dossier without a result or
// without an appointment is not late.
func FinishedLate(d *Dossier, cal *calendar.Calendar) bool {
	if d.FinishedAt.IsZero() || d.AppointmentAt.IsZero() || !d.FinishedAt.After(d.AppointmentAt) {
		return false
	}
	return cal.WorkingTimeBetween(d.AppointmentAt, d.FinishedAt, nil) > 0
}

// Contribution returns what d adds to the statistics (see the
// statistics' documentation above), without ratings: one or two rows.
// It returns nil for a nil dossier.
func Contribution(d *Dossier, cal *calendar.Calendar) []StatsRow {
	if d == nil || d.ReceivedAt.IsZero() {
		return nil
	}
	in := StatsRow{StatsKey: StatsKey{d.CentreUnitID, d.ProcedureCode, Month(d.ReceivedAt)}, ProcedureName: d.ProcedureName}
	in.Received = 1
	if d.Channel == Online {
		in.Online = 1
	}
	switch {
	case !d.Status.Closed():
		in.InProgress = 1
	case d.Status == Refused || d.Status == Withdrawn || d.Status == Cancelled:
		in.ClosedOther = 1
	}
	out := []StatsRow{in}
	if (d.Status == ResultReady || d.Status == Returned) && !d.FinishedAt.IsZero() {
		done := StatsRow{StatsKey: StatsKey{d.CentreUnitID, d.ProcedureCode, Month(d.FinishedAt)}, ProcedureName: d.ProcedureName}
		if FinishedLate(d, cal) {
			done.Late = 1
		} else {
			done.OnTime = 1
		}
		out = append(out, done)
	}
	return out
}

// RatingContribution returns what a rating of score adds: to the month of
// d's result.
func RatingContribution(d *Dossier, score int) StatsRow {
	at := d.FinishedAt
	if at.IsZero() {
		at = d.StatusAt
	}
	return StatsRow{StatsKey: StatsKey{d.CentreUnitID, d.ProcedureCode, Month(at)}, ProcedureName: d.ProcedureName,
		StatsCounts: StatsCounts{Ratings: 1, RatingSum: int64(score)}}
}

// StatsDeltas returns what the changes add to the statistics: for each key,
// the contributions after the changes less those before, leaving out keys
// that do not change. Rows come ordered by key, so concurrent writers
// update them in the same order.
func StatsDeltas(changes []Changed, cal *calendar.Calendar) []StatsRow {
	acc := map[StatsKey]*StatsRow{}
	add := func(r StatsRow, sign bool) {
		if !sign {
			r.StatsCounts = r.StatsCounts.negate()
		}
		a := acc[r.StatsKey]
		if a == nil {
			a = &StatsRow{StatsKey: r.StatsKey}
			acc[r.StatsKey] = a
		}
		if sign || a.ProcedureName == "" {
			a.ProcedureName = r.ProcedureName
		}
		a.StatsCounts.Add(r.StatsCounts)
	}
	for _, ch := range changes {
		for _, r := range Contribution(ch.Before, cal) {
			add(r, false)
		}
		for _, r := range Contribution(ch.After, cal) {
			add(r, true)
		}
	}
	out := make([]StatsRow, 0, len(acc))
	for _, r := range acc {
		if !r.StatsCounts.IsZero() {
			out = append(out, *r)
		}
	}
	SortStatsRows(out)
	return out
}

// SortStatsRows orders rows by centre, procedure and month.
func SortStatsRows(rows []StatsRow) {
	slices.SortFunc(rows, func(a, b StatsRow) int {
		switch {
		case a.CentreUnitID != b.CentreUnitID:
			return int(min(max(a.CentreUnitID-b.CentreUnitID, -1), 1))
		case a.ProcedureCode != b.ProcedureCode:
			if a.ProcedureCode < b.ProcedureCode {
				return -1
			}
			return 1
		}
		if a.Month < b.Month {
			return -1
		} else if a.Month > b.Month {
			return 1
		}
		return 0
	})
}

// StatsLevel says which rows FindStats reads.
type StatsLevel int

// The levels.
const (
	ByKey       StatsLevel = iota // per centre, procedure and month
	ByCentre                      // per centre and month, summed over procedures; ProcedureCode ""
	ByProcedure                   // per procedure and month, summed over centres; CentreUnitID 0
)

// StatsStore keeps and reads the statistics rows.
type StatsStore interface {
	// FindStats returns the rows matching q at level, Overdue left 0.
	// ByCentre takes no procedure in q and ByProcedure no centres
	// (Internal otherwise).
	FindStats(ctx context.Context, q StatsQuery, level StatsLevel) ([]StatsRow, error)
	// CountOverdue returns, per key of the month received, how many
	// dossiers matching q are open, not awaiting a supplement, and have
	// an appointment before dueBefore; only Overdue is set.
	CountOverdue(ctx context.Context, q StatsQuery, dueBefore time.Time) ([]StatsRow, error)
	// ApplyStats adds each row's counts to its key, and to the sums per
	// centre and per procedure, in tx.
	ApplyStats(ctx context.Context, tx job.Tx, deltas []StatsRow) error
}

// StatsQuery selects statistics rows; zero fields select everything.
type StatsQuery struct {
	CentreIDs     []int64 // nil: every centre; empty but non-nil: none
	ProcedureCode string
	FromMonth     string // "2006-01", inclusive
	ToMonth       string // inclusive
}

// StatsKeeper keeps the statistics rows: as a ChangeHook it adds the
// difference each change makes, in the transaction of the change.
type StatsKeeper struct {
	store StatsStore
	cals  Calendars
}

// NewStatsKeeper returns a StatsKeeper writing to store with the calendar
// of cals.
func NewStatsKeeper(store StatsStore, cals Calendars) *StatsKeeper {
	return &StatsKeeper{store: store, cals: cals}
}

// DossiersChanged adds the changes' differences to the statistics. It
// returns the calendar's or the store's error.
func (k *StatsKeeper) DossiersChanged(ctx context.Context, tx job.Tx, changes []Changed) error {
	const op = "dossier.StatsKeeper"
	cal, err := k.cals.Calendar(ctx)
	if err != nil {
		return errs.E(op, err)
	}
	deltas := StatsDeltas(changes, cal)
	if len(deltas) == 0 {
		return nil
	}
	if err := k.store.ApplyStats(ctx, tx, deltas); err != nil {
		return errs.E(op, err)
	}
	return nil
}
