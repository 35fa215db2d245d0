package jobqueue

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// migrateLock is the PostgreSQL advisory lock key that serialises River's
// migrations between processes starting together (the project's own
// migrations use 7310001).
const migrateLock = 7310002

// Migrate creates or upgrades River's tables (river_job, river_leader…)
// and returns the names of the migrations applied. Call it right after
// the project's own migrations (sqlstore.DB.Migrate). Each River migration
// runs in its own transaction; on PostgreSQL concurrent callers wait on an
// advisory lock, on SQLite on the write lock.
func Migrate(ctx context.Context, db *sqlstore.DB) ([]string, error) {
	const op = "jobqueue.Migrate"
	var driver riverdriver.Driver[*sql.Tx]
	if db.Dialect() == sqlstore.SQLite {
		driver = riversqlite.New(db.Writer())
	} else {
		driver = riverdatabasesql.New(db.Writer())
		unlock, err := lockPostgres(ctx, db)
		if err != nil {
			return nil, errs.E(op, errs.Unavailable, err)
		}
		defer unlock()
	}
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, errs.E(op, err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, errs.E(op, err)
	}
	var names []string
	for _, v := range res.Versions {
		names = append(names, fmt.Sprintf("river_%03d_%s", v.Version, v.Name))
	}
	return names, nil
}

// lockPostgres holds a session advisory lock on a connection of its own
// (the migrator uses the pool's others) until unlock is called.
func lockPostgres(ctx context.Context, db *sqlstore.DB) (unlock func(), err error) {
	conn, err := db.Writer().Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrateLock); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLock)
		conn.Close()
	}, nil
}
