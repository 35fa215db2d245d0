package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// Migration 0013 gives the former districts, stored by earlier versions
// as agencies with a 3-digit GSO code, the kind district, and tells the
// search feed; other agencies and units keep their kind.
func TestMigration0013FormerDistricts(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	now := time.Now().UTC()
	insert := func(code, kind string, gso any) {
		t.Helper()
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO units (code, kind, gso_code, name_vi, active, created_at, updated_at)
				VALUES (?, ?, ?, ?, FALSE, ?, ?)`, code, kind, gso, "Đơn vị "+code, now, now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	insert("009", "agency", "009")        // a former district, as stored before
	insert("so-moi", "agency", nil)       // an agency
	insert("00099", "ward", "00099")      // a ward
	insert("cq-ma-so", "agency", "12345") // an agency with a 5-digit code
	var sql string
	all, err := sqlstore.Migrations(db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.Version == 13 {
			sql = m.SQL
		}
	}
	if sql == "" {
		t.Fatal("no migration 13")
	}
	// Run it again as it ran on the old database.
	if err := db.InTx(ctx, func(tx *sqlstore.Tx) error { _, err := tx.Exec(ctx, sql); return err }); err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"009": "district", "so-moi": "agency", "00099": "ward", "cq-ma-so": "agency"} {
		var kind string
		if err := db.QueryRow(ctx, "SELECT kind FROM units WHERE code = ?", code).Scan(&kind); err != nil || kind != want {
			t.Errorf("%s: kind %q (%v), want %q", code, kind, err, want)
		}
	}
	var n int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM search_changes WHERE kind = 'unit' AND doc_id = '009'").Scan(&n); err != nil || n != 1 {
		t.Errorf("search changes for 009: %d (%v), want 1", n, err)
	}
}
