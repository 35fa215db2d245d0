package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// mustSession stores a session under hash for userID, created at acctTime.
func mustSession(t *testing.T, db *sqlstore.DB, hash string, userID int64) *account.Session {
	t.Helper()
	s := &account.Session{TokenHash: hash, UserID: userID, CSRFToken: "csrf-" + hash, IP: "192.0.2.1",
		UserAgent: "test", Created: acctTime, LastSeen: acctTime, Expires: acctTime.Add(12 * time.Hour)}
	if err := db.CreateSession(context.Background(), s); err != nil {
		t.Fatalf("create session: %v", err)
	}
	return s
}

func TestSessionRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "hoa", "Hoa")
	want := mustSession(t, db, "abc", u.ID)
	got, err := db.FindSession(ctx, "abc")
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != u.ID || got.CSRFToken != want.CSRFToken || got.MFAPassed || !got.Expires.Equal(want.Expires) || got.IP != want.IP {
		t.Errorf("round trip: %+v", got)
	}
	later := acctTime.Add(5 * time.Minute)
	if err := db.TouchSession(ctx, "abc", later); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.FindSession(ctx, "abc"); !got.LastSeen.Equal(later) {
		t.Errorf("LastSeen = %v, want %v", got.LastSeen, later)
	}
	if err := db.DeleteSession(ctx, "abc"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindSession(ctx, "abc"); !errs.Is(err, errs.NotFound) {
		t.Errorf("deleted session: %v", err)
	}
	if err := db.DeleteSession(ctx, "abc"); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
}

func TestRotateSession(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "khanh", "Khánh")
	old := mustSession(t, db, "old", u.ID)
	next := *old
	next.TokenHash, next.MFAPassed = "new", true
	if err := db.RotateSession(ctx, "old", &next); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindSession(ctx, "old"); !errs.Is(err, errs.NotFound) {
		t.Errorf("old session survived rotation: %v", err)
	}
	if got, err := db.FindSession(ctx, "new"); err != nil || !got.MFAPassed {
		t.Errorf("new session: %+v, %v", got, err)
	}
	// A second rotation of the same old session loses, and inserts nothing.
	again := next
	again.TokenHash = "newer"
	if err := db.RotateSession(ctx, "old", &again); !errs.Is(err, errs.NotFound) {
		t.Errorf("second rotation: %v", err)
	}
	if _, err := db.FindSession(ctx, "newer"); !errs.Is(err, errs.NotFound) {
		t.Errorf("losing rotation inserted its session: %v", err)
	}
}

func TestDeleteExpiredSessions(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "lan", "Lan")
	now := acctTime.Add(40 * time.Minute)
	fresh := mustSession(t, db, "fresh", u.ID) // seen a minute ago
	if err := db.TouchSession(ctx, fresh.TokenHash, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	mustSession(t, db, "idle", u.ID) // last seen 40 minutes ago
	ended := &account.Session{TokenHash: "ended", UserID: u.ID, Created: acctTime,
		LastSeen: now, Expires: now.Add(-time.Second)} // active, but past its absolute end
	if err := db.CreateSession(ctx, ended); err != nil {
		t.Fatal(err)
	}
	n, err := db.DeleteExpiredSessions(ctx, now, now.Add(-30*time.Minute))
	if err != nil || n != 2 {
		t.Fatalf("deleted %d sessions (%v), want 2", n, err)
	}
	if _, err := db.FindSession(ctx, "fresh"); err != nil {
		t.Errorf("fresh session purged: %v", err)
	}
}
