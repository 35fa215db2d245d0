package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/cong-vn/cong/internal/sqlstore"
)

// DefaultPostgresURL is used when CONG_TEST_POSTGRES_URL is unset.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Dialect returns the dialect selected for this test run.
func Dialect() sqlstore.Dialect {
	if os.Getenv("CONG_TEST_DATABASE") == "postgres" {
		return sqlstore.Postgres
	}
	return sqlstore.SQLite
}

// Options returns open options for a fresh, empty database for t: a new
// SQLite file, or a new PostgreSQL schema dropped at cleanup. Use it when the
// test opens the database itself (e.g. through the real binary).
func Options(t testing.TB) sqlstore.Options {
	t.Helper()
	if Dialect() == sqlstore.SQLite {
		return sqlstore.Options{SQLitePath: filepath.Join(t.TempDir(), "cong.db"), Readers: 4}
	}
	return sqlstore.Options{PostgresURL: freshSchema(t)}
}

// New returns a migrated database for t, closed at cleanup.
func New(t testing.TB) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, Options(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}

// PostgresURL returns the server URL used for PostgreSQL tests.
func PostgresURL() string {
	if u := os.Getenv("CONG_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// freshSchema creates a uniquely named schema and returns a URL whose
// search_path selects it.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL()
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI=true: %v", err)
		}
		t.Skipf("PostgreSQL not reachable at %s: %v", base, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
