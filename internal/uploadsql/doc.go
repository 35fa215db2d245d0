// Package uploadsql stores file records in the project's database (table
// files, migration 0004), implementing upload.Store with one SQL code
// path for SQLite and PostgreSQL through sqlstore.
package uploadsql
