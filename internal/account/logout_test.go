package account_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

// A logout is audited as "auth.logout" by the session's user, from the
// address in the context, like a login; ending a token twice, or one that
// never existed, writes nothing.
func TestLogoutIsAudited(t *testing.T) {
	f := newFixture(t, account.Config{})
	u := f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	f.clock.Advance(5 * time.Minute)
	ctx := audit.WithIP(context.Background(), "198.51.100.7")
	if err := f.svc.Logout(ctx, s.Token); err != nil {
		t.Fatal(err)
	}
	f.authFails(s.Token, "logged-out session")

	entries := f.auditEntries("auth.logout")
	if len(entries) != 1 {
		t.Fatalf("%d logout entries, want 1", len(entries))
	}
	want := audit.Entry{ID: entries[0].ID, At: f.clock.Now(), ActorID: u.ID, ActorName: "an.nv",
		Action: "auth.logout", ObjectKind: "user", ObjectID: "an.nv", IP: "198.51.100.7", Outcome: "ok"}
	if *entries[0] != want {
		t.Errorf("entry\n got %+v\nwant %+v", *entries[0], want)
	}

	for _, token := range []string{s.Token, "never-issued", ""} {
		if err := f.svc.Logout(ctx, token); err != nil {
			t.Errorf("Logout(%q) = %v, want no error", token, err)
		}
	}
	if n := len(f.auditEntries("auth.logout")); n != 1 {
		t.Errorf("%d logout entries after ending gone tokens, want still 1", n)
	}
}

// A session still at a login step (here: a portal admin who must enrol
// TOTP) is a session all the same: leaving it is audited.
func TestLogoutOfPendingSessionIsAudited(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("root", grant(access.PortalAdmin, f.city, false))
	s := f.login("root", goodPassword, "192.0.2.1")
	if s.Pending != account.PendingEnrol {
		t.Fatalf("pending %q, want enrolment", s.Pending)
	}
	if err := f.svc.Logout(context.Background(), s.Token); err != nil {
		t.Fatal(err)
	}
	if e := f.auditEntries("auth.logout"); len(e) != 1 || e[0].ActorName != "root" {
		t.Fatalf("logout entries %+v, want one by root", e)
	}
}

// A session past its idle timeout ended then, not at the click: it is
// deleted without an entry.
func TestLogoutOfExpiredSessionIsNotAudited(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	f.clock.Advance(31 * time.Minute)
	if err := f.svc.Logout(context.Background(), s.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.FindSession(context.Background(), account.HashToken(s.Token)); !errs.Is(err, errs.NotFound) {
		t.Errorf("expired session after logout: %v, want NotFound", err)
	}
	if n := len(f.auditEntries("auth.logout")); n != 0 {
		t.Errorf("%d logout entries for an expired session, want 0", n)
	}
}

// The session a browser held before logging in again is ended with detail
// "replaced", so the log does not read as a logout of the new session.
func TestEndReplacedSession(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	old := f.login("an.nv", goodPassword, "192.0.2.1")
	fresh := f.login("an.nv", goodPassword, "192.0.2.1")
	if err := f.svc.EndReplacedSession(context.Background(), old.Token); err != nil {
		t.Fatal(err)
	}
	f.authFails(old.Token, "replaced session")
	f.authOK(fresh.Token)
	if e := f.auditEntries("auth.logout"); len(e) != 1 || e[0].Detail != "replaced" || e[0].ActorName != "an.nv" {
		t.Fatalf("logout entries %+v, want one by an.nv with detail replaced", e)
	}
}
