package jobqueue_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// The crash test runs this test binary again as a child process (selected
// by CONG_CRASH_PHASE) that enqueues jobs in transactions, a fifth of them
// rolled back, then starts working them; it kills the child with SIGKILL
// a quarter of the way, restarts it, and checks that every job of a
// committed transaction took effect exactly once and no job of a
// rolled-back one ran.

const (
	crashJobs        = 300
	crashRescueAfter = time.Second // a running job this old is presumed lost
)

// orderArgs is the follow-up job of a crash_orders row.
type orderArgs struct {
	Key string `json:"key"`
}

func (orderArgs) Kind() string { return "test.crash_order" }

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	opts := storetest.Options(t)
	db, err := sqlstore.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	setupCrashDB(t, db)
	dsn := opts.PostgresURL
	if dsn == "" {
		dsn = "sqlite:" + opts.SQLitePath
	}

	child := startChild(t, "enqueue", dsn)
	waitFor(t, 60*time.Second, "a quarter of the jobs", func() bool { return count(t, db, "crash_effects") >= crashJobs/4 })
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	atKill := count(t, db, "crash_effects")
	orders := count(t, db, "crash_orders")
	t.Logf("killed with %d of %d committed jobs done", atKill, orders)

	// River's leader lease of the killed process would take up to 15 s to
	// lapse; end it now, and let its running jobs age past RescueAfter.
	if _, err := db.Writer().Exec("DELETE FROM river_leader"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(crashRescueAfter + 200*time.Millisecond)
	child = startChild(t, "resume", dsn)
	if err := waitExit(child, 25*time.Second); err != nil {
		t.Fatalf("restarted child: %v", err)
	}
	checkCrashOutcome(t, db, atKill)
}

func setupCrashDB(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := jobqueue.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE crash_orders (key TEXT PRIMARY KEY)",
		"CREATE TABLE crash_effects (key TEXT PRIMARY KEY)",
		"CREATE TABLE crash_runs (key TEXT NOT NULL)",
	} {
		if _, err := db.Writer().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func checkCrashOutcome(t *testing.T, db *sqlstore.DB, atKill int) {
	t.Helper()
	orders := count(t, db, "crash_orders")
	if orders != crashJobs*4/5 {
		t.Fatalf("%d orders were committed, want %d", orders, crashJobs*4/5)
	}
	checks := map[string]string{
		"committed orders without their effect": "SELECT COUNT(*) FROM crash_orders o WHERE NOT EXISTS (SELECT 1 FROM crash_effects e WHERE e.key = o.key)",
		"effects without a committed order":     "SELECT COUNT(*) FROM crash_effects e WHERE NOT EXISTS (SELECT 1 FROM crash_orders o WHERE o.key = e.key)",
		"runs of rolled-back jobs":              "SELECT COUNT(*) FROM crash_runs WHERE key LIKE 'rb-%'",
		"jobs not completed":                    "SELECT COUNT(*) FROM river_job WHERE state <> 'completed'",
	}
	for what, q := range checks {
		if n := scalar(t, db, q); n != 0 {
			t.Errorf("%s: %d", what, n)
		}
	}
	if n := scalar(t, db, "SELECT COUNT(*) FROM river_job"); n != orders {
		t.Errorf("%d jobs for %d committed orders", n, orders)
	}
	if atKill >= orders {
		t.Errorf("the child finished every job (%d) before it was killed; the test proved nothing", atKill)
	}
	again := scalar(t, db, "SELECT COUNT(*) FROM (SELECT key FROM crash_runs GROUP BY key HAVING COUNT(*) > 1) r")
	t.Logf("%d committed jobs, %d done before the kill, %d ran more than once (idempotent effect)", orders, atKill, again)
}

// TestCrashChild is the child process of TestCrashRecovery; it does nothing
// in a normal run.
func TestCrashChild(t *testing.T) {
	phase := os.Getenv("CONG_CRASH_PHASE")
	if phase == "" {
		t.Skip("child of TestCrashRecovery only")
	}
	ctx := context.Background()
	db := openDSN(t, os.Getenv("CONG_CRASH_DSN"))
	q, err := jobqueue.New(db, jobqueue.Options{
		Workers: 4, PollInterval: 50 * time.Millisecond, JobTimeout: crashRescueAfter, RescueAfter: crashRescueAfter,
		Backoff: func(int) time.Duration { return 10 * time.Millisecond },
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := jobqueue.Handle(q, crashHandler(db), jobqueue.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	if phase == "enqueue" {
		enqueueOrders(t, db, q)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "every committed job", func() bool {
		return scalar(t, db, "SELECT COUNT(*) FROM river_job WHERE state <> 'completed'") == 0
	})
	stop, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := q.Stop(stop); err != nil {
		t.Fatal(err)
	}
}

// crashHandler records the run, applies the effect idempotently, then
// lingers so that kills land between effect and completion too.
func crashHandler(db *sqlstore.DB) func(context.Context, orderArgs) error {
	return func(ctx context.Context, a orderArgs) error {
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO crash_runs (key) VALUES (?)", a.Key); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO crash_effects (key) VALUES (?) ON CONFLICT DO NOTHING", a.Key)
			return err
		})
		time.Sleep(5 * time.Millisecond)
		return err
	}
}

// enqueueOrders commits four of every five orders with their job and rolls
// the fifth back after inserting both.
func enqueueOrders(t *testing.T, db *sqlstore.DB, q *jobqueue.Queue) {
	ctx := context.Background()
	for i := range crashJobs {
		key, rollback := "ok-"+strconv.Itoa(i), i%5 == 0
		if rollback {
			key = "rb-" + strconv.Itoa(i)
		}
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO crash_orders (key) VALUES (?)", key); err != nil {
				return err
			}
			if err := q.EnqueueTx(ctx, tx, orderArgs{Key: key}, nil); err != nil {
				return err
			}
			if rollback {
				return errRollback
			}
			return nil
		})
		if err != nil && err != errRollback {
			t.Fatal(err)
		}
	}
}

var errRollback = fmt.Errorf("deliberate rollback")

func openDSN(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	o := sqlstore.Options{PostgresURL: dsn, Readers: 2}
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		o = sqlstore.Options{SQLitePath: path, Readers: 2}
	}
	db, err := sqlstore.Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func startChild(t *testing.T, phase, dsn string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), "CONG_CRASH_PHASE="+phase, "CONG_CRASH_DSN="+dsn)
	cmd.Stdout, cmd.Stderr = testWriter{t, phase}, testWriter{t, phase}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func waitExit(cmd *exec.Cmd, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		cmd.Process.Kill()
		return fmt.Errorf("did not finish in %v", d)
	}
}

// testWriter sends a child's output to the test log.
type testWriter struct {
	t     *testing.T
	phase string
}

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("[%s] %s", w.phase, strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func count(t testing.TB, db *sqlstore.DB, table string) int {
	return scalar(t, db, "SELECT COUNT(*) FROM "+table)
}

func scalar(t testing.TB, db *sqlstore.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
