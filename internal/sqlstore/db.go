package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/cong-vn/cong/internal/errs"
)

// Dialect names the database behind a DB.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options says which database to open.
type Options struct {
	// PostgresURL selects PostgreSQL when set.
	PostgresURL string
	// SQLitePath is the database file used otherwise; its directory is created.
	SQLitePath string
	// Readers is the size of the SQLite read pool (PostgreSQL shares one pool).
	Readers int
}

// DB is a database handle with separate writer and reader pools. It is safe
// for concurrent use.
type DB struct {
	dialect Dialect
	w       *sql.DB // the writer: one connection on SQLite
	r       *sql.DB // readers: a pool; the same as w on PostgreSQL
	binds   sync.Map
	// stmts are the read pool's prepared statements by query text, on
	// SQLite (pgx caches its own); nstmts counts them up to maxStmts.
	stmts  sync.Map
	nstmts atomic.Int32
	path   string // the SQLite file; empty on PostgreSQL
	// searchHook runs after commits that wrote to the search feed.
	searchHook atomic.Pointer[func()]
	// commitHooks run after every committed write transaction.
	commitHooks atomic.Pointer[[]func()]
	hookMu      sync.Mutex // serialises OnCommit
}

// Open opens the database described by o. It does not run migrations.
func Open(ctx context.Context, o Options) (*DB, error) {
	const op = "sqlstore.Open"
	var db *DB
	var err error
	if o.PostgresURL != "" {
		db, err = openPostgres(o.PostgresURL)
	} else {
		db, err = openSQLite(o.SQLitePath, max(o.Readers, 1))
	}
	if err != nil {
		return nil, errs.E(op, errs.Unavailable, err)
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, errs.E(op, errs.Unavailable, err)
	}
	return db, nil
}

func openPostgres(dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(20)
	return &DB{dialect: Postgres, w: p, r: p}, nil
}

// sqliteDSN builds a modernc DSN with the pragmas every connection needs.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
	} else {
		q.Set("_txlock", "immediate")
	}
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(path string, readers int) (*DB, error) {
	if path == "" {
		return nil, errors.New("no SQLite path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	// Open the writer first so WAL mode is set before readers attach.
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return &DB{dialect: SQLite, w: w, r: r, path: path}, nil
}

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes both pools.
func (db *DB) Close() error {
	db.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Writer returns the writer pool, for libraries (the job queue) that need a
// *sql.DB. Application code uses Tx.
func (db *DB) Writer() *sql.DB { return db.w }

// Reader returns the read pool.
func (db *DB) Reader() *sql.DB { return db.r }

// Stats returns the pool statistics of the writer and the readers, for metrics.
func (db *DB) Stats() (writer, reader sql.DBStats) { return db.w.Stats(), db.r.Stats() }

// Rebind turns ? placeholders into $1, $2... for PostgreSQL. Question marks
// inside single-quoted literals are left alone. Results are cached.
func (db *DB) Rebind(q string) string {
	if db.dialect != Postgres {
		return q
	}
	if v, ok := db.binds.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n, inQuote := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
		case c == '?' && !inQuote:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	db.binds.Store(q, out)
	return out
}

// Query runs a read query on the read pool.
func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := db.readStmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.r.QueryContext(ctx, db.Rebind(q), args...)
}

// QueryRow runs a read query returning at most one row on the read pool.
func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := db.readStmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.r.QueryRowContext(ctx, db.Rebind(q), args...)
}

// maxStmts bounds the prepared statements kept: the queries are constant
// strings, but a few are built with a varying number of placeholders.
const maxStmts = 512

// readStmt returns the read pool's prepared statement for q on SQLite,
// preparing it on first use, or nil (PostgreSQL, whose driver keeps its own
// statement cache; the cache full; or a query that does not prepare, which
// the caller then runs unprepared to get its error). On SQLite, parsing and
// planning a statement costs more than running a typical indexed read, so
// the hot read paths (the dossier lookup, search results' units) would
// otherwise spend most of their time in SQLite's parser. database/sql
// prepares the statement once on each connection of the pool that runs it.
func (db *DB) readStmt(ctx context.Context, q string) *sql.Stmt {
	if db.dialect != SQLite {
		return nil
	}
	if v, ok := db.stmts.Load(q); ok {
		return v.(*sql.Stmt)
	}
	if db.nstmts.Load() >= maxStmts {
		return nil
	}
	st, err := db.r.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if v, loaded := db.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return v.(*sql.Stmt)
	}
	db.nstmts.Add(1)
	return st
}

// Ping checks that both pools answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return err
	}
	return db.r.PingContext(ctx)
}

// String describes the database without secrets, for logs.
func (db *DB) String() string { return fmt.Sprintf("%s database", db.dialect) }
