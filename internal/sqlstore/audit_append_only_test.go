package sqlstore_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// The database itself refuses to change or remove audit entries (migration
// 0012), whatever statement asks: the row read back is the row written.
func TestAuditLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	e := &audit.Entry{At: time.Date(2025, 5, 2, 3, 4, 5, 0, time.UTC), ActorID: 7, ActorName: "hoa",
		Action: "unit.update", ObjectKind: "unit", ObjectID: "12", UnitID: 12, IP: "192.0.2.1", Detail: "name"}
	if err := db.AppendAudit(ctx, e); err != nil {
		t.Fatalf("append: %v", err)
	}
	want := onlyEntry(t, db)

	statements := []struct{ name, sql string }{
		{"update one column", "UPDATE audit_log SET actor_name = 'someone else' WHERE id = ?"},
		{"update every row", "UPDATE audit_log SET outcome = 'failed'"},
		{"delete one row", "DELETE FROM audit_log WHERE id = ?"},
		{"delete every row", "DELETE FROM audit_log"},
	}
	if storetest.Dialect() == sqlstore.Postgres {
		statements = append(statements, struct{ name, sql string }{"truncate", "TRUNCATE audit_log"})
	}
	for _, st := range statements {
		var args []any
		if strings.Contains(st.sql, "?") {
			args = append(args, e.ID)
		}
		// Through the store's own transactions, as application code would.
		err := db.InTx(ctx, func(tx *sqlstore.Tx) error {
			_, err := tx.Exec(ctx, st.sql, args...)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", st.name, err)
		}
		if got := onlyEntry(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("%s changed the entry:\n got %+v\nwant %+v", st.name, got, want)
		}
	}

	// Appending still works after the refusals.
	if err := db.AppendAudit(ctx, &audit.Entry{Action: "auth.login"}); err != nil {
		t.Fatalf("append after refusals: %v", err)
	}
	if _, n, err := db.FindAudit(ctx, audit.Filter{}); err != nil || n != 2 {
		t.Fatalf("FindAudit = %d entries, %v; want 2", n, err)
	}
}

// onlyEntry returns the one entry of the log, failing unless there is one.
func onlyEntry(t *testing.T, db *sqlstore.DB) *audit.Entry {
	t.Helper()
	list, n, err := db.FindAudit(context.Background(), audit.Filter{})
	if err != nil || n != 1 || len(list) != 1 {
		t.Fatalf("FindAudit = %d entries (total %d), %v; want 1", len(list), n, err)
	}
	return list[0]
}
