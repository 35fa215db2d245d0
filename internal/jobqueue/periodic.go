package jobqueue

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// This file is the one place where periodic jobs are declared. Each runs
// on the elected leader only, once at start and then at its interval; a
// period's uniqueness keeps a change of leader from running it twice.

// SessionPurger removes expired staff sessions; the account service
// satisfies it.
type SessionPurger interface {
	PurgeExpiredSessions(ctx context.Context) (int, error)
}

// RateCounterPurger removes the login and TOTP failure counters of past
// windows; the account service satisfies it.
type RateCounterPurger interface {
	PurgeRateCounters(ctx context.Context) (int, error)
}

// OrphanSweeper removes stored files nothing refers to; the upload service
// satisfies it.
type OrphanSweeper interface {
	SweepOrphans(ctx context.Context) (int, error)
}

// Periodic are the dependencies of the periodic jobs. A nil field leaves
// its job out (e.g. in tests, or before the account service exists).
type Periodic struct {
	Sessions     SessionPurger     // hourly
	RateCounters RateCounterPurger // hourly
	Files        OrphanSweeper     // daily
}

// PurgeSessionsArgs is the hourly purge of expired sessions.
type PurgeSessionsArgs struct{}

// Kind implements job.Args.
func (PurgeSessionsArgs) Kind() string { return "account.purge_sessions" }

// PurgeRateCountersArgs is the hourly purge of the failure counters of
// past windows, without which rate_counters grows with every login.
type PurgeRateCountersArgs struct{}

// Kind implements job.Args.
func (PurgeRateCountersArgs) Kind() string { return "account.purge_rate_counters" }

// SweepOrphansArgs is the daily sweep of orphan files.
type SweepOrphansArgs struct{}

// Kind implements job.Args.
func (SweepOrphansArgs) Kind() string { return "upload.sweep_orphans" }

// SetPeriodic registers the periodic jobs whose dependency is set, with
// their handlers. Call it once, before Start; Invalid otherwise.
func (q *Queue) SetPeriodic(p Periodic) error {
	jobs, err := q.periodicJobs(p)
	if err != nil {
		return errs.E("jobqueue.SetPeriodic", err)
	}
	_, err = q.client.PeriodicJobs().AddManySafely(jobs)
	if err != nil {
		return errs.E("jobqueue.SetPeriodic", errs.Invalid, err)
	}
	return nil
}

// periodicJobs registers the handlers of the periodic jobs whose
// dependency is set, and returns their schedules for River.
func (q *Queue) periodicJobs(p Periodic) ([]*river.PeriodicJob, error) {
	var out []*river.PeriodicJob
	if p.Sessions != nil {
		err := handleCount[PurgeSessionsArgs](q, "purged expired sessions", p.Sessions.PurgeExpiredSessions, KindOptions{MaxAttempts: 3})
		if err != nil {
			return nil, err
		}
		out = append(out, every(time.Hour, PurgeSessionsArgs{}))
	}
	if p.RateCounters != nil {
		err := handleCount[PurgeRateCountersArgs](q, "purged past rate counters", p.RateCounters.PurgeRateCounters, KindOptions{MaxAttempts: 3})
		if err != nil {
			return nil, err
		}
		out = append(out, every(time.Hour, PurgeRateCountersArgs{}))
	}
	if p.Files != nil {
		err := handleCount[SweepOrphansArgs](q, "swept orphan files", p.Files.SweepOrphans, KindOptions{MaxAttempts: 3, Timeout: time.Hour})
		if err != nil {
			return nil, err
		}
		out = append(out, every(24*time.Hour, SweepOrphansArgs{}))
	}
	return out, nil
}

// handleCount registers run as the handler of A's kind, logging how many
// things it removed under msg.
func handleCount[A job.Args](q *Queue, msg string, run func(context.Context) (int, error), o KindOptions) error {
	fn := func(ctx context.Context, _ A) error {
		n, err := run(ctx)
		q.opts.Logger.InfoContext(ctx, msg, "count", n)
		return err
	}
	return Handle(q, fn, o)
}

// every schedules args at interval, unique per period.
func every(interval time.Duration, args job.Args) *river.PeriodicJob {
	return river.NewPeriodicJob(
		river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) {
			return args, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: interval}}
		},
		&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: true},
	)
}
