package account_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
)

// Only the SHA-256 of a token is stored, and every login gets a new token.
func TestSessionTokenStorage(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	ctx := context.Background()
	s1 := f.login("an.nv", goodPassword, "192.0.2.1")
	s2 := f.login("an.nv", goodPassword, "192.0.2.1")
	if s1.Token == s2.Token || s1.CSRFToken == s2.CSRFToken || len(s1.Token) != 43 {
		t.Errorf("tokens %q, %q", s1.Token, s2.Token)
	}
	if _, err := f.db.FindSession(ctx, s1.Token); !errs.Is(err, errs.NotFound) {
		t.Errorf("the raw token is a store key: %v", err)
	}
	stored, err := f.db.FindSession(ctx, account.HashToken(s1.Token))
	if err != nil || stored.CSRFToken != s1.CSRFToken {
		t.Errorf("stored session %+v, %v", stored, err)
	}
	f.authFails("", "empty token")
	f.authFails("not-a-token", "unknown token")
}

func TestSessionIdleTimeout(t *testing.T) {
	f := newFixture(t, account.Config{IdleTimeout: 30 * time.Minute})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	ctx := context.Background()
	lastSeen := func() time.Time {
		got, err := f.db.FindSession(ctx, s.TokenHash)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastSeen
	}
	start := f.clock.Now()
	f.clock.Advance(29 * time.Minute)
	f.authOK(s.Token) // touches: last seen 29 minutes ago
	if !lastSeen().Equal(start.Add(29 * time.Minute)) {
		t.Errorf("not touched after 29 minutes: %v", lastSeen())
	}
	f.clock.Advance(30 * time.Second)
	f.authOK(s.Token) // no write: touched less than a minute ago
	if !lastSeen().Equal(start.Add(29 * time.Minute)) {
		t.Errorf("touched twice within a minute: %v", lastSeen())
	}
	f.clock.Advance(30 * time.Minute) // 30.5 minutes since the last touch
	f.authFails(s.Token, "idle session")
	if _, err := f.db.FindSession(ctx, s.TokenHash); !errs.Is(err, errs.NotFound) {
		t.Errorf("expired session not deleted: %v", err)
	}
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	f := newFixture(t, account.Config{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 2 * time.Hour})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	for range 5 { // busy for 1h40m
		f.clock.Advance(20 * time.Minute)
		f.authOK(s.Token)
	}
	f.clock.Advance(20 * time.Minute) // exactly 2h after login
	f.authFails(s.Token, "session past its absolute lifetime")
}

func TestPurgeExpiredSessions(t *testing.T) {
	f := newFixture(t, account.Config{IdleTimeout: 30 * time.Minute})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	f.login("an.nv", goodPassword, "192.0.2.1")
	f.clock.Advance(20 * time.Minute)
	live := f.login("an.nv", goodPassword, "192.0.2.1")
	f.clock.Advance(15 * time.Minute)
	n, err := f.svc.PurgeExpiredSessions(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("purged %d (%v), want 1", n, err)
	}
	f.authOK(live.Token)
}

func TestLogout(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	other := f.login("an.nv", goodPassword, "192.0.2.1")
	if err := f.svc.Logout(context.Background(), s.Token); err != nil {
		t.Fatal(err)
	}
	f.authFails(s.Token, "logged-out session")
	f.authOK(other.Token)
}

func TestDisableEndsSessions(t *testing.T) {
	f := newFixture(t, account.Config{})
	u := f.user("an.nv", grant(access.Editor, f.dept, false))
	s1 := f.login("an.nv", goodPassword, "192.0.2.1")
	s2 := f.login("an.nv", goodPassword, "198.51.100.1")
	if err := f.svc.DisableUser(f.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	f.authFails(s1.Token, "first session after disable")
	f.authFails(s2.Token, "second session after disable")
	if err := f.svc.EnableUser(f.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	f.authFails(s1.Token, "session after re-enable")
	f.login("an.nv", goodPassword, "192.0.2.1")
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	here := f.login("an.nv", goodPassword, "192.0.2.1")
	there := f.login("an.nv", goodPassword, "198.51.100.1")
	_, sess := f.authOK(here.Token)
	ctx := context.Background()
	newPassword := "một mật khẩu mới dài"

	_, err := f.svc.ChangePassword(ctx, sess, "wrong current password", newPassword)
	if errs.FieldsOf(err)["current_password"] != "password.wrong" {
		t.Errorf("wrong current password: %v", err)
	}
	_, err = f.svc.ChangePassword(ctx, sess, goodPassword, "password1234")
	if errs.FieldsOf(err)["password"] != "password.common" {
		t.Errorf("common new password: %v", err)
	}
	next, err := f.svc.ChangePassword(ctx, sess, goodPassword, newPassword)
	if err != nil {
		t.Fatal(err)
	}
	f.authFails(here.Token, "the session that changed the password, under its old token")
	f.authFails(there.Token, "another browser")
	f.authOK(next.Token)
	if next.CSRFToken == here.CSRFToken {
		t.Error("CSRF token kept across rotation")
	}
	if _, err := f.svc.Login(ctx, "an.nv", goodPassword, "192.0.2.1", "ua", ""); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("old password still works: %v", err)
	}
	f.login("an.nv", newPassword, "192.0.2.1")
}

func TestResetPasswordForcesChange(t *testing.T) {
	f := newFixture(t, account.Config{})
	admin := f.user("admin", grant(access.UnitAdmin, f.dept, true))
	u := f.user("an.nv", grant(access.Editor, f.centre, false))
	old := f.login("an.nv", goodPassword, "192.0.2.1")
	temporary := account.GeneratePassword()
	if err := f.svc.ResetPassword(f.as(admin), u.ID, temporary); err != nil {
		t.Fatal(err)
	}
	f.authFails(old.Token, "session after a reset")
	s := f.login("an.nv", temporary, "192.0.2.1")
	if s.Pending != account.PendingPassword {
		t.Fatalf("pending %q, want a password change", s.Pending)
	}
	a, sess, err := f.svc.Authenticate(context.Background(), s.Token)
	if err != nil || a != nil || sess.Pending != account.PendingPassword {
		t.Fatalf("pending session gave actor %v, session %+v, err %v", a, sess, err)
	}
	next, err := f.svc.ChangePassword(context.Background(), sess, temporary, goodPassword+" mới")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := f.authOK(next.Token); len(a.Grants) != 1 {
		t.Errorf("actor after the change: %+v", a)
	}
	if err := f.svc.ResetPassword(f.as(admin), admin.ID, temporary); !errs.Is(err, errs.Forbidden) {
		t.Errorf("resetting one's own password: %v", err)
	}
}
