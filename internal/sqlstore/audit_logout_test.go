package sqlstore_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/storetest"
)

// EndSession deletes the session and appends its entry together: an entry
// that cannot be written keeps the session, and a session already gone
// writes no entry.
func TestEndSession(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "hoa", "Hoa")
	mustSession(t, db, "abc", u.ID)
	logouts := func() int {
		t.Helper()
		prefix := "auth.logout"
		_, n, err := db.FindAudit(ctx, audit.Filter{Action: &prefix})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	if err := db.EndSession(ctx, "abc", nil); !errs.Is(err, errs.Internal) {
		t.Fatalf("EndSession without an entry = %v, want Internal", err)
	}
	if _, err := db.FindSession(ctx, "abc"); err != nil {
		t.Fatalf("session after a failed EndSession: %v, want it kept", err)
	}

	entry := func() *audit.Entry {
		return &audit.Entry{ActorID: u.ID, ActorName: "hoa", Action: "auth.logout", ObjectKind: "user", ObjectID: "hoa"}
	}
	if err := db.EndSession(ctx, "abc", entry()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindSession(ctx, "abc"); !errs.Is(err, errs.NotFound) {
		t.Errorf("session after EndSession: %v, want NotFound", err)
	}
	if n := logouts(); n != 1 {
		t.Errorf("%d logout entries, want 1", n)
	}
	if err := db.EndSession(ctx, "abc", entry()); err != nil {
		t.Errorf("EndSession of a gone session = %v, want no error", err)
	}
	if n := logouts(); n != 1 {
		t.Errorf("%d logout entries after ending a gone session, want still 1", n)
	}
}
