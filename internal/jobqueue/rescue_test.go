package jobqueue_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// slowArgs is a job of a kind with a long timeout.
type slowArgs struct {
	Key string `json:"key"`
}

func (slowArgs) Kind() string { return "test.slow" }

// TestRescueWaitsForTheKindTimeout checks the rule that lets RescueAfter
// be shorter than the longest job timeout: River rescues a job left
// running by a killed process once it has run for RescueAfter and for its
// kind's timeout, so a kind with a long timeout is never rescued (and run
// twice) while it may still be running, and the others come back soon.
func TestRescueWaitsForTheKindTimeout(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	opts := fastOpts()
	opts.JobTimeout, opts.RescueAfter = time.Second, time.Second
	q, err := jobqueue.New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	markSlow := func(ctx context.Context, a slowArgs) error { return mark(db)(ctx, markArgs(a)) }
	if err := jobqueue.Handle(q, mark(db), jobqueue.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := jobqueue.Handle(q, markSlow, jobqueue.KindOptions{Timeout: time.Hour}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []interface{ Kind() string }{markArgs{Key: "short"}, slowArgs{Key: "long"}} {
		if err := q.Enqueue(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
	}
	leftRunning(t, db, time.Now().Add(-time.Minute))
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := q.Stop(stop); err != nil {
			t.Errorf("stop: %v", err)
		}
	})

	// Both jobs are judged in the same pass of the rescuer: once the short
	// one has run again, the long one has been seen and left alone.
	waitFor(t, 30*time.Second, "the short job to be rescued and run", func() bool { return countMarks(t, db) >= 1 })
	var state string
	var attempt int
	if err := db.QueryRow(ctx, "SELECT state, attempt FROM river_job WHERE kind = 'test.slow'").Scan(&state, &attempt); err != nil {
		t.Fatal(err)
	}
	var key string
	if err := db.QueryRow(ctx, "SELECT key FROM test_marks").Scan(&key); err != nil {
		t.Fatal(err)
	}
	if state != "running" || attempt != 1 || key != "short" || countMarks(t, db) != 1 {
		t.Fatalf("the long job is %s at attempt %d, marks %d (first %q); want it still running its first attempt and only the short job run again",
			state, attempt, countMarks(t, db), key)
	}
}

// leftRunning makes every job look like a first attempt started at `at`
// by a process that was then killed.
func leftRunning(t *testing.T, db *sqlstore.DB, at time.Time) {
	t.Helper()
	var attempted any = at.UTC()
	if db.Dialect() == sqlstore.SQLite {
		attempted = at.UTC().Format("2006-01-02 15:04:05.000") // River's SQLite time format
	}
	err := db.InTx(context.Background(), func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(context.Background(), "UPDATE river_job SET state = 'running', attempt = 1, attempted_at = ?", attempted)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
