package account_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
)

func TestLogin(t *testing.T) {
	f := newFixture(t, account.Config{})
	u := f.user("an.nv", grant(access.Editor, f.dept, false))
	s := f.login("  AN.NV ", goodPassword, "192.0.2.1") // usernames are case-insensitive
	if s.Token == "" || s.UserID != u.ID || !s.MFAPassed || s.Pending != account.PendingNone || s.CSRFToken == "" {
		t.Fatalf("session %+v", s)
	}
	a, _ := f.authOK(s.Token)
	if a.UserID != u.ID || len(a.Grants) != 1 || a.Grants[0].UnitPath != f.dept.Path {
		t.Errorf("actor %+v", a)
	}
	stored, _ := f.db.FindUserByID(context.Background(), u.ID)
	if !stored.LastLogin.Equal(f.clock.Now()) {
		t.Errorf("last login %v", stored.LastLogin)
	}
	entries := f.auditEntries("auth.login")
	if len(entries) != 1 || entries[0].ActorName != "an.nv" || entries[0].IP != "192.0.2.1" || entries[0].Outcome != "ok" {
		t.Errorf("audit %+v", entries)
	}
}

func TestLoginFailures(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	off := f.user("binh", grant(access.Editor, f.dept, false))
	if err := f.svc.DisableUser(f.ctx, off.ID); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	fail := func(user, pw string) (error, time.Duration) {
		start := time.Now()
		_, err := f.svc.Login(ctx, user, pw, "192.0.2.1", "ua", "")
		return err, time.Since(start)
	}
	wrongErr, wrongTime := fail("an.nv", "not the password")
	unknownErr, unknownTime := fail("nobody", "not the password")
	disabledErr, _ := fail("binh", goodPassword)
	for name, err := range map[string]error{"wrong password": wrongErr, "unknown user": unknownErr, "disabled": disabledErr} {
		if !errs.Is(err, errs.Unauthorized) {
			t.Errorf("%s: %v", name, err)
		}
		if k, _ := errs.KeyOf(err); k != "auth.bad_credentials" {
			t.Errorf("%s: key %q", name, k)
		}
	}
	// The client cannot tell an unknown user from a wrong password: the
	// same error, and the same argon2id work (within a wide margin).
	if wrongErr.Error() != unknownErr.Error() || wrongErr.Error() != disabledErr.Error() {
		t.Errorf("errors differ:\n%v\n%v\n%v", wrongErr, unknownErr, disabledErr)
	}
	if unknownTime < wrongTime/4 {
		t.Errorf("unknown user answered in %v, wrong password in %v: no dummy hashing?", unknownTime, wrongTime)
	}
	failed := f.auditEntries("auth.login_failed")
	if len(failed) != 3 {
		t.Fatalf("%d failed attempts audited, want 3", len(failed))
	}
	details := map[string]bool{}
	for _, e := range failed {
		details[e.ActorName+":"+e.Detail] = true
	}
	for _, want := range []string{"an.nv:bad_password", "nobody:unknown_user", "binh:disabled"} {
		if !details[want] {
			t.Errorf("no audit entry %s in %v", want, details)
		}
	}
}

// The password never reaches the audit log, whatever the outcome.
func TestLoginNeverLogsPassword(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	secret := "a very secret passphrase"
	f.svc.Login(context.Background(), "an.nv", secret, "192.0.2.1", "ua", "")
	f.svc.Login(context.Background(), secret, secret, "192.0.2.1", "ua", "") // typed into the wrong box
	for _, e := range f.auditEntries("") {
		if strings.Contains(e.Detail, secret) || strings.Contains(e.ObjectID, secret) {
			t.Errorf("audit entry holds the password: %+v", e)
		}
	}
}

func TestLoginRateLimits(t *testing.T) {
	f := newFixture(t, account.Config{IPFailures: 4, PairFailures: 2})
	ctx := context.Background()
	f.user("an.nv", grant(access.Editor, f.dept, false))
	attacker, home, office := "203.0.113.9", "192.0.2.10", "198.51.100.7"

	// Per (username, address): two failures, then even the right password
	// is refused without being checked.
	for range 2 {
		if _, err := f.svc.Login(ctx, "an.nv", "guess guess guess", attacker, "ua", ""); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("guess: %v", err)
		}
	}
	_, err := f.svc.Login(ctx, "an.nv", goodPassword, attacker, "ua", "")
	if k, _ := errs.KeyOf(err); !errs.Is(err, errs.RateLimited) || k != "auth.rate_limited" {
		t.Fatalf("third attempt from the attacker: %v", err)
	}
	// The real user is not locked out: the same account logs in from home.
	f.login("an.nv", goodPassword, home)

	// Per address: failures on any usernames add up.
	for _, name := range []string{"x1", "x2", "x3", "x4"} {
		f.svc.Login(ctx, name, "guess guess guess", office, "ua", "")
	}
	if _, err := f.svc.Login(ctx, "an.nv", goodPassword, office, "ua", ""); !errs.Is(err, errs.RateLimited) {
		t.Fatalf("fifth attempt from one address: %v", err)
	}
	// Successful logins do not count: the home address is still free.
	for range 5 {
		f.login("an.nv", goodPassword, home)
	}
	// A new window starts afresh.
	f.clock.Advance(15 * time.Minute)
	f.login("an.nv", goodPassword, attacker)
	f.login("an.nv", goodPassword, office)

	limited := 0
	for _, e := range f.auditEntries("auth.login_failed") {
		if e.Detail == "rate_limited" && e.Outcome == "denied" {
			limited++
		}
	}
	if limited != 2 {
		t.Errorf("%d rate-limited attempts audited, want 2", limited)
	}
}

// Guesses at one account from many addresses stop at the account's
// limit, but not the user, who logs in from a browser holding the device
// token of an earlier login. A forged token, or another user's, counts as
// none; a device token has its own limit.
func TestLoginAccountLimitSparesTheUsersBrowsers(t *testing.T) {
	f := newFixture(t, account.Config{IPFailures: 100, PairFailures: 2, AccountFailures: 6})
	ctx := context.Background()
	f.user("an.nv", grant(access.Editor, f.dept, false))
	f.user("binh.tt", grant(access.Editor, f.dept, false))
	device := f.login("an.nv", goodPassword, "192.0.2.10").Device
	other := f.login("binh.tt", goodPassword, "192.0.2.11").Device
	if device == "" || other == "" || device == other {
		t.Fatalf("device tokens %q and %q", device, other)
	}

	// Six guesses, each from a new address: every one is checked.
	for i := range 6 {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		if _, err := f.svc.Login(ctx, "an.nv", "guess guess guess", ip, "ua", ""); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	// The seventh, from yet another address, is refused unchecked; so is
	// the right password from a browser new to the user, or with a
	// forged token or another user's.
	forged := device[:len(device)-4] + "0000"
	for name, tok := range map[string]string{"none": "", "forged": forged, "another user's": other, "garbage": "x.y"} {
		if _, err := f.svc.Login(ctx, "an.nv", goodPassword, "198.51.100.1", "ua", tok); !errs.Is(err, errs.RateLimited) {
			t.Errorf("device token %s: %v, want RateLimited", name, err)
		}
	}
	// The user's own browser still logs in, from any address, and gets a
	// fresh token.
	s, err := f.svc.Login(ctx, "an.nv", goodPassword, "198.51.100.2", "ua", device)
	if err != nil || s.Device == "" || s.Device == device {
		t.Fatalf("login with the device token: %v (token %q)", err, s.Device)
	}
	// Another account is not affected.
	f.login("binh.tt", goodPassword, "198.51.100.3")

	// Guesses with a stolen device token stop at its own limit.
	for i := range 2 {
		f.svc.Login(ctx, "an.nv", "guess guess guess", fmt.Sprintf("192.0.2.%d", 101+i), "ua", device)
	}
	if _, err := f.svc.Login(ctx, "an.nv", goodPassword, "192.0.2.200", "ua", device); !errs.Is(err, errs.RateLimited) {
		t.Errorf("third guess with one device token: %v, want RateLimited", err)
	}
	// A new window starts afresh.
	f.clock.Advance(15 * time.Minute)
	f.login("an.nv", goodPassword, "198.51.100.1")
}

// Without keys there are no device tokens and no account limit, which
// would lock the user out.
func TestLoginWithoutKeysHasNoAccountLimit(t *testing.T) {
	f := newFixture(t, account.Config{IPFailures: 100, PairFailures: 2, AccountFailures: 2})
	f.svc = account.NewService(f.db, account.Config{IPFailures: 100, PairFailures: 2, AccountFailures: 2, Now: f.clock.Now})
	f.user("an.nv", grant(access.Editor, f.dept, false))
	for i := range 4 {
		f.svc.Login(context.Background(), "an.nv", "guess guess guess", fmt.Sprintf("203.0.113.%d", i+1), "ua", "")
	}
	if s := f.login("an.nv", goodPassword, "198.51.100.1"); s.Device != "" {
		t.Errorf("device token %q without keys", s.Device)
	}
}

// An IPv6 client counts as its /64, which one subscriber usually holds.
func TestLoginRateLimitIPv6Prefix(t *testing.T) {
	f := newFixture(t, account.Config{IPFailures: 2, PairFailures: 10})
	ctx := context.Background()
	f.svc.Login(ctx, "x", "guess guess guess", "2001:db8:1:2::1", "ua", "")
	f.svc.Login(ctx, "y", "guess guess guess", "2001:db8:1:2::ffff", "ua", "")
	if _, err := f.svc.Login(ctx, "z", "guess", "2001:db8:1:2:abcd::9", "ua", ""); !errs.Is(err, errs.RateLimited) {
		t.Errorf("third address of one /64: %v", err)
	}
	if _, err := f.svc.Login(ctx, "z", "guess", "2001:db8:1:3::1", "ua", ""); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("another /64: %v", err)
	}
}

// A hash made with older parameters is replaced at the next login.
func TestLoginRehashes(t *testing.T) {
	f := newFixture(t, account.Config{})
	u := f.user("an.nv", grant(access.Editor, f.dept, false))
	old := account.CurrentParams
	account.CurrentParams.Time = 1
	weak, _ := account.HashPassword(context.Background(), goodPassword)
	account.CurrentParams = old
	u.PasswordHash = weak
	if err := f.db.RecordLogin(context.Background(), u.ID, f.clock.Now(), weak); err != nil {
		t.Fatal(err)
	}
	f.login("an.nv", goodPassword, "192.0.2.1")
	stored, _ := f.db.FindUserByID(context.Background(), u.ID)
	if !strings.Contains(stored.PasswordHash, "t=2") || account.NeedsRehash(stored.PasswordHash) {
		t.Errorf("hash not upgraded: %s", stored.PasswordHash)
	}
}
