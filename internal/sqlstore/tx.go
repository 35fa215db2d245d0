package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/cong-vn/cong/internal/errs"
)

// Tx is a write transaction. Queries use ? placeholders.
type Tx struct {
	db *DB
	tx *sql.Tx
	// after runs once the transaction has committed (e.g. waking the
	// search indexer); never on rollback.
	after []func()
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.Rebind(q), args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.db.Rebind(q), args...)
}

// QueryRow runs a query returning at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.Rebind(q), args...)
}

// SQL returns the underlying transaction, for libraries that insert in it
// (the job queue's InsertTx).
func (t *Tx) SQL() *sql.Tx { return t.tx }

// Dialect reports the database dialect.
func (t *Tx) Dialect() Dialect { return t.db.dialect }

// AfterCommit registers fn to run after a successful commit.
func (t *Tx) AfterCommit(fn func()) { t.after = append(t.after, fn) }

// InTx runs fn in a write transaction on the writer, committing when fn
// returns nil and rolling back otherwise. On SQLite the transaction starts
// with BEGIN IMMEDIATE (the DSN's _txlock), so writers queue on the busy
// timeout instead of failing on upgrade. fn's error is returned as is.
func (db *DB) InTx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return errs.E("sqlstore.InTx", errs.Unavailable, err)
	}
	t := &Tx{db: db, tx: sqlTx}
	if err := fn(t); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, rbErr)
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return MapErr("sqlstore.InTx", err)
	}
	for _, f := range t.after {
		f()
	}
	if hooks := db.commitHooks.Load(); hooks != nil {
		for _, fn := range *hooks {
			fn()
		}
	}
	return nil
}

// OnCommit adds fn to the functions run after every committed write
// transaction of this process (caches drop what a write may have changed).
func (db *DB) OnCommit(fn func()) {
	db.hookMu.Lock()
	defer db.hookMu.Unlock()
	var hooks []func()
	if cur := db.commitHooks.Load(); cur != nil {
		hooks = append(hooks, *cur...)
	}
	hooks = append(hooks, fn)
	db.commitHooks.Store(&hooks)
}
