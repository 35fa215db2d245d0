package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	db := storetest.New(t)
	applied, err := db.Migrate(context.Background())
	if err != nil || len(applied) != 0 {
		t.Fatalf("second Migrate applied %v, err %v", applied, err)
	}
	if n, err := db.Pending(context.Background()); n != 0 || err != nil {
		t.Fatalf("Pending = %d, %v", n, err)
	}
}

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, _ := sqlstore.Migrations(sqlstore.SQLite)
	pg, _ := sqlstore.Migrations(sqlstore.Postgres)
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: %s vs %s", i, lite[i].Name, pg[i].Name)
		}
	}
}

func TestRoundTripTypesAndErrors(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	now := time.Date(2025, 7, 1, 8, 30, 15, 123000000, time.UTC)
	var id int64
	err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO units (code, kind, name_vi, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, "00001", "ward", "Phường Ba Đình", true, now, now).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	var got time.Time
	var active bool
	var name string
	if err := db.QueryRow(ctx, "SELECT created_at, active, name_vi FROM units WHERE id = ?", id).Scan(&got, &active, &name); err != nil {
		t.Fatal(err)
	}
	if !got.Equal(now) || !active || name != "Phường Ba Đình" {
		t.Errorf("round trip: %v %v %q", got, active, name)
	}
	// A duplicate code is a Conflict and the transaction rolls back.
	err = db.InTx(ctx, func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO units (code, kind, name_vi, created_at, updated_at) VALUES (?, 'ward', 'x', ?, ?)`, "00001", now, now)
		return sqlstore.MapErr("test", err)
	})
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("duplicate insert: got %v, want conflict", err)
	}
}

func TestBackupRestore(t *testing.T) {
	if storetest.Dialect() != sqlstore.SQLite {
		t.Skip("SQLite online backup; PostgreSQL uses pg_dump")
	}
	ctx := context.Background()
	db := storetest.New(t)
	now := time.Now().UTC()
	db.InTx(ctx, func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO units (code, kind, name_vi, created_at, updated_at) VALUES ('00004', 'ward', 'Phường Hoàn Kiếm', ?, ?)`, now, now)
		return err
	})
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); !errs.Is(err, errs.Conflict) {
		t.Errorf("second backup over the same file: %v", err)
	}
	restored, err := sqlstore.Open(ctx, sqlstore.Options{SQLitePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	var name string
	if err := restored.QueryRow(ctx, "SELECT name_vi FROM units WHERE code = '00004'").Scan(&name); err != nil || name != "Phường Hoàn Kiếm" {
		t.Fatalf("restored read: %q, %v", name, err)
	}
	if n, _ := restored.Pending(ctx); n != 0 {
		t.Errorf("restored database has %d pending migrations", n)
	}
}
