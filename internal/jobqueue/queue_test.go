package jobqueue_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// markArgs asks for a row in test_marks: the job's visible, idempotent effect.
type markArgs struct {
	Key string `json:"key"`
}

func (markArgs) Kind() string { return "test.mark" }

// failArgs always fails, to exercise retries and the dead-letter state.
type failArgs struct{}

func (failArgs) Kind() string { return "test.fail" }

// fastOpts make retries and polling quick enough for tests.
func fastOpts() jobqueue.Options {
	return jobqueue.Options{
		PollInterval: 50 * time.Millisecond,
		Backoff:      func(int) time.Duration { return 10 * time.Millisecond },
	}
}

// newDB returns a migrated database with River's tables and a test table.
func newDB(t testing.TB) *sqlstore.DB {
	t.Helper()
	db := storetest.New(t)
	if _, err := jobqueue.Migrate(context.Background(), db); err != nil {
		t.Fatalf("river migrate: %v", err)
	}
	if _, err := db.Writer().Exec("CREATE TABLE test_marks (key TEXT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	return db
}

// mark is the idempotent handler of markArgs.
func mark(db *sqlstore.DB) job.HandlerFunc[markArgs] {
	return func(ctx context.Context, a markArgs) error {
		return db.InTx(ctx, func(tx *sqlstore.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO test_marks (key) VALUES (?) ON CONFLICT DO NOTHING", a.Key)
			return err
		})
	}
}

func startQueue(t testing.TB, db *sqlstore.DB, opts jobqueue.Options, register func(*jobqueue.Queue)) *jobqueue.Queue {
	t.Helper()
	q, err := jobqueue.New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	register(q)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return q
}

func countMarks(t testing.TB, db *sqlstore.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), "SELECT COUNT(*) FROM test_marks").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCommittedRunsRolledBackDoesNot(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	q := startQueue(t, db, fastOpts(), func(q *jobqueue.Queue) {
		if err := jobqueue.Handle(q, mark(db), jobqueue.KindOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	if err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
		return q.EnqueueTx(ctx, tx, markArgs{Key: "committed"}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("rolled back")
	err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
		if err := q.EnqueueTx(ctx, tx, markArgs{Key: "rolled-back"}, nil); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	waitFor(t, 10*time.Second, "the committed job", func() bool { return countMarks(t, db) == 1 })
	time.Sleep(300 * time.Millisecond) // give a wrongly inserted job time to run
	var key string
	if err := db.QueryRow(ctx, "SELECT key FROM test_marks").Scan(&key); err != nil || key != "committed" || countMarks(t, db) != 1 {
		t.Fatalf("marks: key %q err %v count %d", key, err, countMarks(t, db))
	}
}

func TestUnknownKindIsInvalid(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	q, err := jobqueue.New(db, fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	err = db.InTx(ctx, func(tx *sqlstore.Tx) error { return q.EnqueueTx(ctx, tx, markArgs{}, nil) })
	if !errs.Is(err, errs.Invalid) {
		t.Fatalf("got %v, want invalid", err)
	}
}

func TestRetriesThenDiscardsThenAdminRetries(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	var runs atomic.Int32
	var lastSeen atomic.Bool
	q := startQueue(t, db, fastOpts(), func(q *jobqueue.Queue) {
		fail := func(ctx context.Context, _ failArgs) error {
			runs.Add(1)
			a, _ := job.AttemptFrom(ctx)
			lastSeen.Store(a.Last())
			return fmt.Errorf("attempt %d failed", a.Number)
		}
		if err := jobqueue.Handle(q, fail, jobqueue.KindOptions{MaxAttempts: 3}); err != nil {
			t.Fatal(err)
		}
	})
	if err := db.InTx(ctx, func(tx *sqlstore.Tx) error { return q.EnqueueTx(ctx, tx, failArgs{}, nil) }); err != nil {
		t.Fatal(err)
	}
	admin := job.NewService(q, nil)
	actx := access.WithActor(ctx, &access.Actor{UserID: 1, Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1}}})
	discarded := job.Discarded
	var jobs []*job.Info
	waitFor(t, 15*time.Second, "the job to be discarded", func() bool {
		var err error
		jobs, err = admin.FindJobs(actx, job.Filter{State: &discarded})
		if err != nil {
			t.Fatal(err)
		}
		return len(jobs) == 1
	})
	j := jobs[0]
	if runs.Load() != 3 || !lastSeen.Load() || j.Attempt != 3 || len(j.Errors) != 3 || j.LastError() != "attempt 3 failed" || j.FinishedAt.IsZero() {
		t.Fatalf("runs %d last %v info %+v", runs.Load(), lastSeen.Load(), j)
	}
	counts, err := admin.CountJobs(actx)
	if err != nil || counts[job.Discarded] != 1 {
		t.Fatalf("counts %v err %v", counts, err)
	}
	if _, err := admin.RetryJob(actx, j.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the retried run", func() bool { return runs.Load() == 4 })
}

func TestCancelWaitingJob(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	q := startQueue(t, db, fastOpts(), func(q *jobqueue.Queue) {
		if err := jobqueue.Handle(q, mark(db), jobqueue.KindOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	later := &job.Opts{ScheduledAt: time.Now().Add(time.Hour)}
	if err := db.InTx(ctx, func(tx *sqlstore.Tx) error { return q.EnqueueTx(ctx, tx, markArgs{Key: "later"}, later) }); err != nil {
		t.Fatal(err)
	}
	admin := job.NewService(q, nil)
	actx := access.WithActor(ctx, &access.Actor{UserID: 1, Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1}}})
	scheduled := job.Scheduled
	jobs, err := admin.FindJobs(actx, job.Filter{State: &scheduled})
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs %v err %v", jobs, err)
	}
	got, err := admin.CancelJob(actx, jobs[0].ID)
	if err != nil || got.State != job.Cancelled {
		t.Fatalf("cancel: %+v %v", got, err)
	}
	if _, err := admin.CancelJob(actx, 999999); !errs.Is(err, errs.NotFound) {
		t.Fatalf("cancel missing: %v", err)
	}
}

func TestAdminNeedsPortalAdmin(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	q, err := jobqueue.New(db, fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	admin := job.NewService(q, nil)
	if _, err := admin.FindJobs(ctx, job.Filter{}); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("anonymous: %v", err)
	}
	editor := access.WithActor(ctx, &access.Actor{UserID: 2, Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: 1, UnitPath: "/1/", Subtree: true}}})
	if _, err := admin.RetryJob(editor, 1); !errs.Is(err, errs.Forbidden) {
		t.Errorf("unit admin: %v", err)
	}
}

// housekeeper counts the calls of every periodic job's work.
type housekeeper struct{ sessions, rates, files atomic.Int32 }

func (h *housekeeper) PurgeExpiredSessions(context.Context) (int, error) {
	h.sessions.Add(1)
	return 0, nil
}

func (h *housekeeper) PurgeRateCounters(context.Context) (int, error) {
	h.rates.Add(1)
	return 0, nil
}

func (h *housekeeper) SweepOrphans(context.Context) (int, error) {
	h.files.Add(1)
	return 0, nil
}

// TestPeriodicRunsOnStart checks that each periodic job is declared and
// runs once when the queue starts.
func TestPeriodicRunsOnStart(t *testing.T) {
	db := newDB(t)
	h := &housekeeper{}
	startQueue(t, db, fastOpts(), func(q *jobqueue.Queue) {
		if err := q.SetPeriodic(jobqueue.Periodic{Sessions: h, RateCounters: h, Files: h}); err != nil {
			t.Fatal(err)
		}
	})
	for what, calls := range map[string]*atomic.Int32{"session purge": &h.sessions, "rate counter purge": &h.rates, "orphan sweep": &h.files} {
		waitFor(t, 15*time.Second, "the "+what, func() bool { return calls.Load() >= 1 })
	}
}

func TestMigrateTwice(t *testing.T) {
	db := newDB(t)
	names, err := jobqueue.Migrate(context.Background(), db)
	if err != nil || len(names) != 0 {
		t.Fatalf("second migrate applied %v, err %v", names, err)
	}
}

func TestDefaultBackoffIsBounded(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Second, 3: 81 * time.Second, 10: 10000 * time.Second, 1000: jobqueue.MaxBackoff} {
		got := jobqueue.DefaultBackoff(n)
		if got < want*9/10 || got > want*11/10 {
			t.Errorf("DefaultBackoff(%d) = %v, want %v ±10%%", n, got, want)
		}
	}
}
