// Package sqlstore is the storage adapter: one SQL code path for SQLite
// (modernc.org/sqlite, the default) and PostgreSQL (pgx through
// database/sql).
//
// Queries are written once with ? placeholders and standard SQL that both
// databases accept (RETURNING, ON CONFLICT, TRUE/FALSE); DB rebinds them to
// $n for PostgreSQL. Schemas differ only in numbered migration files per
// dialect under migrations/. Times are stored in UTC: TIMESTAMP columns in
// SQLite (modernc parses them back into time.Time) and TIMESTAMPTZ in
// PostgreSQL.
//
// SQLite runs in WAL mode with synchronous=FULL, a busy timeout, immediate
// write transactions, one writer connection and a pool of read connections.
//
// This package implements the domain's store interfaces; business rules stay
// in the domain packages.
package sqlstore
