package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations of a dialect, in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", name)
		}
		body, err := fs.ReadFile(migrationFS, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("two migrations numbered %d", out[i].Version)
		}
	}
	return out, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// Migrate applies every pending migration, each in its own transaction, and
// returns the names of those applied. Concurrent callers on PostgreSQL are
// serialised by an advisory lock; on SQLite by the write lock.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	const op = "sqlstore.Migrate"
	all, err := Migrations(db.dialect)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if _, err := db.w.ExecContext(ctx, createMigrationsTable); err != nil {
		return nil, errs.E(op, err)
	}
	var applied []string
	for _, m := range all {
		done, err := db.applyOne(ctx, m)
		if err != nil {
			return applied, errs.E(op, fmt.Errorf("migration %s: %w", m.Name, err))
		}
		if done {
			applied = append(applied, m.Name)
		}
	}
	return applied, nil
}

// applyOne applies m unless it is already recorded, in one transaction.
func (db *DB) applyOne(ctx context.Context, m Migration) (bool, error) {
	applied := false
	err := db.InTx(ctx, func(tx *Tx) error {
		if db.dialect == Postgres {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7310001)"); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		applied = true
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
		return err
	})
	return applied, err
}

// Pending returns how many embedded migrations are not applied, for /readyz.
func (db *DB) Pending(ctx context.Context) (int, error) {
	all, err := Migrations(db.dialect)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRow(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n)
	if err != nil {
		return len(all), nil // no table yet: nothing applied
	}
	return len(all) - n, nil
}
