package jobqueue

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// KindOptions adjust one job kind. Zero fields use the Queue's defaults.
type KindOptions struct {
	MaxAttempts int           // attempts before the job is discarded
	Timeout     time.Duration // the handler's deadline; -1 for none
}

// Handle registers fn as the handler of T's kind on q. It must be called
// before Start, once per kind; it returns Invalid otherwise.
func Handle[T job.Args](q *Queue, fn job.HandlerFunc[T], o KindOptions) error {
	const op = "jobqueue.Handle"
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started {
		return errs.E(op, errs.Invalid, errors.New("handlers must be registered before Start"))
	}
	var zero T
	if err := river.AddWorkerSafely(q.workers, &worker[T]{fn: fn, timeout: o.Timeout}); err != nil {
		return errs.E(op, errs.Invalid, err)
	}
	if o.MaxAttempts > 0 {
		q.maxAttempts[zero.Kind()] = o.MaxAttempts
	}
	return nil
}

// worker adapts a job.HandlerFunc to River's Worker.
type worker[T job.Args] struct {
	river.WorkerDefaults[T]
	fn      job.HandlerFunc[T]
	timeout time.Duration
}

func (w *worker[T]) Timeout(*river.Job[T]) time.Duration { return w.timeout }

// Work runs the handler with the attempt in its context and turns
// job.Cancel into River's cancellation.
func (w *worker[T]) Work(ctx context.Context, j *river.Job[T]) error {
	ctx = job.WithAttempt(ctx, job.Attempt{JobID: j.ID, Number: j.Attempt, MaxAttempts: j.MaxAttempts})
	err := w.fn(ctx, j.Args)
	if cause, ok := job.IsCancel(err); ok {
		return river.JobCancel(cause)
	}
	return err
}

// EnqueueTx inserts a job in tx, which must be the storage adapter's
// transaction (it unwraps to a *sql.Tx). See job.Enqueuer.
func (q *Queue) EnqueueTx(ctx context.Context, tx job.Tx, args job.Args, o *job.Opts) error {
	const op = "jobqueue.EnqueueTx"
	st, ok := tx.(interface{ SQL() *sql.Tx })
	if !ok {
		return errs.E(op, errs.Internal, errors.New("transaction does not unwrap to *sql.Tx"))
	}
	if _, err := q.client.InsertTx(ctx, st.SQL(), args, q.insertOpts(args.Kind(), o)); err != nil {
		return errs.E(op, insertCode(err), err)
	}
	return nil
}

// Enqueue inserts a job on its own, outside any transaction: for work not
// tied to a change (a test message, a command-line request).
func (q *Queue) Enqueue(ctx context.Context, args job.Args, o *job.Opts) error {
	if _, err := q.client.Insert(ctx, args, q.insertOpts(args.Kind(), o)); err != nil {
		return errs.E("jobqueue.Enqueue", insertCode(err), err)
	}
	return nil
}

func (q *Queue) insertOpts(kind string, o *job.Opts) *river.InsertOpts {
	ro := &river.InsertOpts{}
	q.mu.Lock()
	ro.MaxAttempts = q.maxAttempts[kind]
	q.mu.Unlock()
	if o == nil {
		return ro
	}
	if o.MaxAttempts > 0 {
		ro.MaxAttempts = o.MaxAttempts
	}
	ro.ScheduledAt, ro.Priority = o.ScheduledAt, o.Priority
	return ro
}

// insertCode classifies an insertion error: a kind without a handler is a
// programming error the caller can see, anything else is internal.
func insertCode(err error) errs.Code {
	var unknown *rivertype.UnknownJobKindError
	if errors.As(err, &unknown) {
		return errs.Invalid
	}
	return errs.Internal
}
