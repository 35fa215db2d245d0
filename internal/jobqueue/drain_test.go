package jobqueue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// The drain tests stop a queue while a job runs: the job finishes when it
// fits in Stop's deadline, and is put back to be worked again (its attempt
// not counted) when it does not. Channels say when the job has started;
// the deadlines are generous, and nothing is asserted about speed.

// blockArgs is a job whose handler waits for the test to let it go.
type blockArgs struct {
	Key string `json:"key"`
}

func (blockArgs) Kind() string { return "test.block" }

// newBlockQueue returns a queue whose test.block handler reports the
// attempt on started, then waits for release or its context's end; when
// released it marks its key and returns nil, otherwise the context's
// error, after closing cancelled when given. It is the test's to stop.
func newBlockQueue(t *testing.T, db *sqlstore.DB, started chan<- int, release <-chan struct{}, cancelled ...chan struct{}) *jobqueue.Queue {
	t.Helper()
	q, err := jobqueue.New(db, fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	block := func(ctx context.Context, a blockArgs) error {
		at, _ := job.AttemptFrom(ctx)
		started <- at.Number
		select {
		case <-release:
			return mark(db)(ctx, markArgs(a))
		case <-ctx.Done():
			for _, c := range cancelled {
				close(c)
			}
			return ctx.Err()
		}
	}
	if err := jobqueue.Handle(q, block, jobqueue.KindOptions{Timeout: time.Hour}); err != nil {
		t.Fatal(err)
	}
	return q
}

// startBlocked enqueues a test.block job for key, starts q and returns
// once the job runs.
func startBlocked(t *testing.T, q *jobqueue.Queue, key string, started <-chan int) {
	t.Helper()
	if err := q.Enqueue(context.Background(), blockArgs{Key: key}, nil); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the job did not start")
	}
}

// blockJob returns the state and attempt count of the test.block job.
func blockJob(t *testing.T, db *sqlstore.DB) (state string, attempt int) {
	t.Helper()
	err := db.QueryRow(context.Background(), "SELECT state, attempt FROM river_job WHERE kind = 'test.block'").Scan(&state, &attempt)
	if err != nil {
		t.Fatal(err)
	}
	return state, attempt
}

func TestStopLetsARunningJobFinish(t *testing.T) {
	db := newDB(t)
	started, release := make(chan int, 1), make(chan struct{})
	q := newBlockQueue(t, db, started, release)
	startBlocked(t, q, "finished", started)

	stopped := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		stopped <- q.Stop(ctx)
	}()
	select {
	case err := <-stopped:
		t.Fatalf("Stop returned (%v) while the job was still running", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("stop: %v", err)
	}
	if state, _ := blockJob(t, db); state != "completed" || countMarks(t, db) != 1 {
		t.Fatalf("after the drain the job is %s with %d marks, want completed with 1", state, countMarks(t, db))
	}
}

func TestStopPutsBackAJobPastTheDeadline(t *testing.T) {
	db := newDB(t)
	started := make(chan int, 1)
	cancelled := make(chan struct{})
	q := newBlockQueue(t, db, started, nil, cancelled) // never released: it outlasts any deadline
	startBlocked(t, q, "interrupted", started)

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	// Stop keeps to its deadline: it cancels the job while part of the
	// deadline is left for the job to return (it used to cancel only
	// once the deadline had passed, then wait up to 5 s more).
	cancelledFirst := make(chan bool, 1)
	go func() {
		select {
		case <-cancelled:
			cancelledFirst <- ctx.Err() == nil
		case <-ctx.Done():
			cancelledFirst <- false
		}
	}()
	if err := q.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("stop: got %v, want the deadline's error", err)
	}
	if !<-cancelledFirst {
		t.Error("the running job was cancelled only at or after Stop's deadline")
	}
	if state, attempt := blockJob(t, db); state != "available" || attempt != 0 {
		t.Fatalf("the interrupted job is %s after %d attempts, want available after 0", state, attempt)
	}

	// Another process (or this one restarted) works it, as a first attempt.
	release := make(chan struct{})
	close(release)
	again := newBlockQueue(t, db, started, release)
	if err := again.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := again.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	select {
	case n := <-started:
		if n != 1 {
			t.Errorf("the interrupted job ran again as attempt %d, want 1", n)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the interrupted job did not run again")
	}
	waitFor(t, 15*time.Second, "the job to complete", func() bool { s, _ := blockJob(t, db); return s == "completed" })
	var key string
	if err := db.QueryRow(context.Background(), "SELECT key FROM test_marks").Scan(&key); err != nil || key != "interrupted" {
		t.Fatalf("marked %q (%v), want the interrupted job's key", key, err)
	}
}
