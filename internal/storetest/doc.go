// Package storetest opens a fresh, migrated database for a test.
//
// The dialect comes from CONG_TEST_DATABASE: "sqlite" (the default) opens a
// new SQLite file in the test's temporary directory; "postgres" creates a
// new schema on the server named by CONG_TEST_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/test) and drops it when the test ends.
// "make test" runs the whole suite once per dialect, so every test that
// opens a database through this package is a conformance test on both.
//
// When PostgreSQL is asked for and cannot be reached the test is skipped,
// except under CI=true, where it fails.
package storetest
