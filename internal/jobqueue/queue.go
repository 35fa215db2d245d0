package jobqueue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// Options configure a Queue. The zero value is usable.
type Options struct {
	// Logger receives River's and the handlers' logs; nil discards them.
	Logger *slog.Logger
	// Workers is how many jobs run at once in this process (default 10).
	Workers int
	// MaxAttempts is the default number of attempts of a job before it is
	// discarded (default 10). Handle may set another per kind.
	MaxAttempts int
	// JobTimeout cancels a handler's context after this long (default 1
	// minute). Handle may set another per kind.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is presumed
	// lost with a crashed (killed) process and retried (default
	// DefaultRescueAfter; never less than JobTimeout). A kind whose
	// timeout is longer is presumed lost only once that timeout has
	// passed, since River checks each job against its kind's timeout
	// (TestRescueWaitsForTheKindTimeout): so RescueAfter need not cover
	// the longest timeout, only the short kinds' with a margin, and it is
	// how late their jobs (a citizen's notification) run after a crash.
	RescueAfter time.Duration
	// PollInterval is how often workers look for new jobs when nothing
	// wakes them (default 1 s).
	PollInterval time.Duration
	// FetchCooldown is the least time between two fetches of jobs (default
	// 10 ms). With short jobs, throughput is at most Workers per cooldown.
	FetchCooldown time.Duration
	// Backoff gives the delay before retry n (n ≥ 1); nil is DefaultBackoff.
	Backoff func(n int) time.Duration
	// Retention is how long finished jobs stay listed: completed and
	// cancelled ones a day by default, discarded ones (dead letters) 30
	// days.
	CompletedRetention time.Duration
	DiscardedRetention time.Duration
	// ListenURL, on PostgreSQL, is the database URL used for one LISTEN
	// connection so workers wake as soon as a job is committed; empty polls.
	ListenURL string
}

// DefaultRescueAfter is the default Options.RescueAfter: a few minutes
// more than the default job timeout and the notifications' two minutes,
// for a job to return after its context is cancelled.
const DefaultRescueAfter = 5 * time.Minute

func (o *Options) defaults() {
	o.Workers = max(o.Workers, 0)
	if o.Workers == 0 {
		o.Workers = 10
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = time.Minute
	}
	if o.RescueAfter <= 0 {
		o.RescueAfter = DefaultRescueAfter
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.FetchCooldown <= 0 {
		o.FetchCooldown = 10 * time.Millisecond
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.CompletedRetention <= 0 {
		o.CompletedRetention = 24 * time.Hour
	}
	if o.DiscardedRetention <= 0 {
		o.DiscardedRetention = 30 * 24 * time.Hour
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Queue is River on the project's database. It implements job.Enqueuer
// and job.Admin, and is safe for concurrent use once handlers are
// registered.
type Queue struct {
	db      *sqlstore.DB
	opts    Options
	client  *river.Client[*sql.Tx]
	workers *river.Workers
	listen  *pgxpool.Pool // nil unless ListenURL is used

	mu          sync.Mutex
	maxAttempts map[string]int // per-kind defaults set by Handle
	started     bool
}

var _ job.Enqueuer = (*Queue)(nil)

// New returns a Queue on db. Jobs may be enqueued at once; they are worked
// only by a started Queue (in this process or another). River's tables
// must exist (Migrate). It returns Unavailable when the listen connection
// cannot be set up.
func New(db *sqlstore.DB, opts Options) (*Queue, error) {
	const op = "jobqueue.New"
	opts.defaults()
	q := &Queue{db: db, opts: opts, workers: river.NewWorkers(), maxAttempts: map[string]int{}}
	driver, err := q.driver()
	if err != nil {
		return nil, errs.E(op, errs.Unavailable, err)
	}
	q.client, err = river.NewClient(driver, q.config())
	if err != nil {
		q.closeListen()
		return nil, errs.E(op, err)
	}
	return q, nil
}

// driver picks River's driver for the dialect; everything else is shared.
func (q *Queue) driver() (riverdriver.Driver[*sql.Tx], error) {
	if q.db.Dialect() == sqlstore.SQLite {
		return riversqlite.New(q.db.Writer()), nil
	}
	if q.opts.ListenURL == "" {
		return riverdatabasesql.New(q.db.Writer()), nil
	}
	cfg, err := pgxpool.ParseConfig(q.opts.ListenURL)
	if err != nil {
		return nil, fmt.Errorf("listen URL: %w", err)
	}
	cfg.MinConns, cfg.MaxConns = 0, 1
	q.listen, err = pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	return riverdatabasesql.NewWithPgxListener(q.db.Writer(), q.listen), nil
}

func (q *Queue) config() *river.Config {
	o := q.opts
	return &river.Config{
		Logger:                      o.Logger,
		Workers:                     q.workers,
		Queues:                      map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}},
		MaxAttempts:                 o.MaxAttempts,
		JobTimeout:                  o.JobTimeout,
		RescueStuckJobsAfter:        max(o.RescueAfter, o.JobTimeout),
		FetchPollInterval:           o.PollInterval,
		FetchCooldown:               min(o.FetchCooldown, o.PollInterval),
		RetryPolicy:                 backoffPolicy{o.Backoff},
		CompletedJobRetentionPeriod: o.CompletedRetention,
		CancelledJobRetentionPeriod: o.CompletedRetention,
		DiscardedJobRetentionPeriod: o.DiscardedRetention,
	}
}

// Start starts working jobs in the background: the handlers registered so
// far, the periodic jobs (on whichever process is elected leader) and the
// rescue of jobs left running by a crashed process. ctx only carries
// values; call Stop to end. Handlers cannot be added afterwards.
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	q.started = true
	q.mu.Unlock()
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return errs.E("jobqueue.Start", err)
	}
	return nil
}

// Stop stops fetching jobs and waits for running ones to finish; when
// time runs short it cancels their contexts and waits for them to return.
// River puts a job cut short this way back to be worked again (by another
// process, or on restart) without counting the attempt. Stop keeps to
// ctx's deadline: the last part of it (half, at most hardStop) is left for
// cancelled jobs to return. Without a deadline it waits until ctx is done,
// then up to hardStop more. It returns ctx's error when the running jobs
// did not finish in time; a handler that ignores its context's
// cancellation leaves its job running, to be rescued (RescueAfter).
func (q *Queue) Stop(ctx context.Context) error {
	defer q.closeListen()
	if !q.isStarted() {
		return nil
	}
	soft, cancel := softStop(ctx)
	defer cancel()
	err := q.client.Stop(soft)
	if err == nil || soft.Err() == nil {
		return err
	}
	hard := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		hard, cancel = context.WithTimeout(context.WithoutCancel(ctx), hardStop)
		defer cancel()
	}
	return errors.Join(err, q.client.StopAndCancel(hard))
}

// hardStop is the most Stop leaves for cancelled jobs to return.
const hardStop = 5 * time.Second

// softStop returns the context of Stop's graceful phase: ctx, ending early
// enough to leave part of its deadline for the cancelled jobs.
func softStop(ctx context.Context) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	reserve := max(0, min(hardStop, time.Until(deadline)/2))
	return context.WithDeadline(ctx, deadline.Add(-reserve))
}

func (q *Queue) isStarted() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.started
}

func (q *Queue) closeListen() {
	if q.listen != nil {
		q.listen.Close()
	}
}
