package job

import (
	"context"
	"errors"
	"time"
)

// Args are the arguments of one job. They are stored as JSON, so every
// field that matters must be exported; keep them small (IDs, not objects).
// Kind names the handler and must be stable across releases, e.g.
// "notify.deliver".
type Args interface {
	Kind() string
}

// Tx is the caller's open write transaction. The domain passes it along
// without looking inside; the storage adapter's transaction
// (*sqlstore.Tx) is one, and adapters that write in it unwrap it.
type Tx interface {
	// AfterCommit registers fn to run once the transaction has committed,
	// and never when it rolls back.
	AfterCommit(fn func())
}

// Opts adjust one insertion. The zero value uses the kind's defaults.
type Opts struct {
	// MaxAttempts overrides the kind's maximum number of attempts.
	MaxAttempts int
	// ScheduledAt delays the job until this time.
	ScheduledAt time.Time
	// Priority is 1 (first) to 4 (last); 0 means the default, 1.
	Priority int
}

// Enqueuer inserts jobs. Implementations are safe for concurrent use.
type Enqueuer interface {
	// EnqueueTx inserts a job for args in tx; it becomes visible to workers
	// only when tx commits, and vanishes if tx rolls back. opts may be nil.
	// It returns Invalid for an unknown kind or bad options, and Internal
	// when the insertion fails (tx should then be rolled back).
	EnqueueTx(ctx context.Context, tx Tx, args Args, opts *Opts) error
}

// HandlerFunc does the work of one job kind. A nil error completes the
// job; an error schedules a retry (or discards the job after its last
// attempt); Cancel(err) stops it for good. ctx is cancelled at the kind's
// timeout and on a hard shutdown.
type HandlerFunc[T Args] func(ctx context.Context, args T) error

// cancelError marks an error as final: the job must not be retried.
type cancelError struct{ err error }

func (e *cancelError) Error() string { return "job cancelled: " + e.err.Error() }
func (e *cancelError) Unwrap() error { return e.err }

// Cancel wraps err so the queue stops the job without retrying it, e.g.
// when its object is gone or its input can never be valid.
func Cancel(err error) error {
	if err == nil {
		err = errors.New("cancelled by handler")
	}
	return &cancelError{err: err}
}

// IsCancel reports whether err was made by Cancel, and returns the cause.
func IsCancel(err error) (cause error, ok bool) {
	var c *cancelError
	if errors.As(err, &c) {
		return c.err, true
	}
	return nil, false
}

// Attempt describes the run of a job in progress, for handlers that
// behave differently on the last attempt (e.g. to record a final failure).
type Attempt struct {
	JobID       int64
	Number      int // 1 for the first run
	MaxAttempts int
}

// Last reports whether a failure of this run discards the job.
func (a Attempt) Last() bool { return a.Number >= a.MaxAttempts }

type attemptKey struct{}

// WithAttempt returns ctx carrying a; the queue adapter calls it before a
// handler runs.
func WithAttempt(ctx context.Context, a Attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, a)
}

// AttemptFrom returns the attempt in ctx, and false outside a job (the
// zero Attempt then reports Last, so callers fail safe).
func AttemptFrom(ctx context.Context) (Attempt, bool) {
	a, ok := ctx.Value(attemptKey{}).(Attempt)
	return a, ok
}
