package jobqueue_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// BenchmarkThroughput measures jobs per second on the database selected by
// CONG_TEST_DATABASE, end to end: from Start until every job is recorded
// completed. Run with a fixed count, e.g.
//
//	go test -run '^$' -bench Throughput -benchtime 5000x ./internal/jobqueue/
func BenchmarkThroughput(b *testing.B) {
	noop := func(*sqlstore.DB) job.HandlerFunc[markArgs] {
		return func(context.Context, markArgs) error { return nil }
	}
	for _, workers := range []int{10, 50} {
		w := strconv.Itoa(workers)
		b.Run("noop-workers="+w, func(b *testing.B) { benchWork(b, workers, noop) })
		b.Run("write-workers="+w, func(b *testing.B) { benchWork(b, workers, mark) })
	}
	b.Run("enqueue-tx", benchEnqueue)
}

// benchWork inserts b.N jobs, then times workers draining them.
func benchWork(b *testing.B, workers int, handler func(*sqlstore.DB) job.HandlerFunc[markArgs]) {
	ctx := context.Background()
	db := newDB(b)
	q, err := jobqueue.New(db, jobqueue.Options{Workers: workers})
	if err != nil {
		b.Fatal(err)
	}
	if err := jobqueue.Handle(q, handler(db), jobqueue.KindOptions{}); err != nil {
		b.Fatal(err)
	}
	insert(b, db, q, b.N)
	b.ResetTimer()
	start := time.Now()
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	for scalar(b, db, "SELECT COUNT(*) FROM river_job WHERE state = 'completed'") < b.N {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "jobs/s")
	q.Stop(ctx)
}

// insert enqueues n jobs, a thousand per transaction.
func insert(b *testing.B, db *sqlstore.DB, q *jobqueue.Queue, n int) {
	ctx := context.Background()
	for i := 0; i < n; i += 1000 {
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			for j := i; j < min(i+1000, n); j++ {
				if err := q.EnqueueTx(ctx, tx, markArgs{Key: strconv.Itoa(j)}, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// benchEnqueue times the domain's pattern: one transaction per change,
// each inserting a row and its job.
func benchEnqueue(b *testing.B) {
	ctx := context.Background()
	db := newDB(b)
	q, err := jobqueue.New(db, jobqueue.Options{})
	if err != nil {
		b.Fatal(err)
	}
	jobqueue.Handle(q, mark(db), jobqueue.KindOptions{})
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO test_marks (key) VALUES (?)", strconv.Itoa(i)); err != nil {
				return err
			}
			return q.EnqueueTx(ctx, tx, markArgs{Key: strconv.Itoa(i)}, nil)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "tx/s")
}
