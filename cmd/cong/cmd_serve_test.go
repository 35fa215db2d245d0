package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/storetest"
)

// holdArgs is a job that runs until its context is cancelled.
type holdArgs struct{}

func (holdArgs) Kind() string { return "test.hold" }

// serve drains the job workers from the signal on, beside the web server
// and within the same shutdown timeout, rather than after the web server
// has finished its own drain: a job that outlasts the timeout is cancelled
// and put back when the timeout counted from the signal runs out.
func TestServeDrainsJobsFromTheSignal(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := jobqueue.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobqueue.New(db, jobqueue.Options{PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	hold := func(ctx context.Context, _ holdArgs) error {
		started <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}
	if err := jobqueue.Handle(q, hold, jobqueue.KindOptions{Timeout: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if err := q.Enqueue(ctx, holdArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the job did not start")
	}

	cfg := config.Config{ShutdownTimeout: 2 * time.Second}
	sig, signal := context.WithCancel(ctx)
	drained := drainJobs(sig, cfg, &jobDeps{Queue: q}, slog.New(slog.DiscardHandler))
	signal() // nothing else happens: serve has not returned
	select {
	case <-drained:
	case <-time.After(30 * time.Second):
		t.Fatal("the workers were not stopped after the signal")
	}
	var state string
	if err := db.QueryRow(ctx, "SELECT state FROM river_job WHERE kind = 'test.hold'").Scan(&state); err != nil || state != "available" {
		t.Fatalf("the held job is %q (%v), want available: put back to be worked again", state, err)
	}
}
