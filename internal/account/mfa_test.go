package account_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

// A portal admin without TOTP gets a session good for enrolment only;
// after enrolling, every login needs a code.
func TestPortalAdminMustEnrolTOTP(t *testing.T) {
	f := newFixture(t, account.Config{})
	ctx := context.Background()
	f.user("root", grant(access.PortalAdmin, f.city, false))
	s := f.login("root", goodPassword, "192.0.2.1")
	if s.MFAPassed || s.Pending != account.PendingEnrol {
		t.Fatalf("session %+v, want enrolment pending", s)
	}
	a, sess, err := f.svc.Authenticate(ctx, s.Token)
	if err != nil || a != nil || sess.Pending != account.PendingEnrol {
		t.Fatalf("enrolment session: actor %v, pending %q, err %v", a, sess.Pending, err)
	}
	// Without an actor, the session can do nothing else.
	if _, _, err := f.svc.FindUsers(access.WithActor(ctx, a), account.UserFilter{}); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("FindUsers from an enrolment session: %v", err)
	}
	if _, err := f.svc.VerifyTOTP(ctx, sess, "123456"); !errs.Is(err, errs.Conflict) {
		t.Errorf("VerifyTOTP before enrolment: %v", err)
	}
	if _, err := f.svc.ConfirmTOTP(ctx, sess, "123456"); !errs.Is(err, errs.Conflict) {
		t.Errorf("ConfirmTOTP before EnrollTOTP: %v", err)
	}
	enr, err := f.svc.EnrollTOTP(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ConfirmTOTP(ctx, sess, "000000"); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("ConfirmTOTP with a wrong code: %v", err)
	}
	full, err := f.svc.ConfirmTOTP(ctx, sess, f.code(enr.Secret, 0))
	if err != nil {
		t.Fatal(err)
	}
	f.authFails(s.Token, "the enrolment token after rotation")
	if a, _ := f.authOK(full.Token); !a.IsPortalAdmin() {
		t.Errorf("actor after enrolment: %+v", a)
	}

	// The next login asks for a code.
	f.clock.Advance(time.Minute)
	s2 := f.login("root", goodPassword, "192.0.2.1")
	if s2.Pending != account.PendingTOTP {
		t.Fatalf("second login pending %q, want totp", s2.Pending)
	}
	if _, err := f.svc.EnrollTOTP(ctx, s2); !errs.Is(err, errs.Forbidden) {
		t.Errorf("re-enrolling before the code: %v", err)
	}
	_, sess2, _ := f.svc.Authenticate(ctx, s2.Token)
	if _, err := f.svc.ChangePassword(ctx, sess2, goodPassword, "another long passphrase"); !errs.Is(err, errs.Forbidden) {
		t.Errorf("password change before the code: %v", err)
	}
	done, err := f.svc.VerifyTOTP(ctx, sess2, f.code(enr.Secret, 0))
	if err != nil {
		t.Fatal(err)
	}
	f.authFails(s2.Token, "the pre-TOTP token after rotation")
	f.authOK(done.Token)
	// A portal admin may not turn off its own second factor.
	if err := f.svc.DisableTOTP(f.as(f.mustUser("root")), f.mustUser("root").ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("portal admin disabling own TOTP: %v", err)
	}
}

// A code is accepted once, even within its window, and codes of one step
// either side of now are accepted.
func TestTOTPCodesAreSingleUse(t *testing.T) {
	f := newFixture(t, account.Config{})
	ctx := context.Background()
	secret := f.enrolledUser("an.nv")

	first := f.login("an.nv", goodPassword, "192.0.2.1")
	code := f.code(secret, 0)
	if _, err := f.svc.VerifyTOTP(ctx, first, code); err != nil {
		t.Fatal(err)
	}
	second := f.login("an.nv", goodPassword, "192.0.2.1")
	_, err := f.svc.VerifyTOTP(ctx, second, code)
	if k, _ := errs.KeyOf(err); !errs.Is(err, errs.Unauthorized) || k != "auth.totp_invalid" {
		t.Fatalf("reused code: %v", err)
	}
	// A code from the next step (the phone's clock runs 30 s ahead) works.
	if _, err := f.svc.VerifyTOTP(ctx, second, f.code(secret, 30*time.Second)); err != nil {
		t.Errorf("skewed code: %v", err)
	}
	// ...after which the current step's code, being older, is refused.
	third := f.login("an.nv", goodPassword, "192.0.2.1")
	if _, err := f.svc.VerifyTOTP(ctx, third, f.code(secret, 0)); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("code older than the last used: %v", err)
	}
	failed := f.auditEntries("auth.totp_failed")
	if len(failed) != 2 || failed[0].Detail == "" {
		t.Errorf("audited TOTP failures: %+v", failed)
	}
}

// Wrong codes are limited per user: having the password is not enough to
// try all million codes.
func TestTOTPRateLimit(t *testing.T) {
	f := newFixture(t, account.Config{TOTPFailures: 3})
	ctx := context.Background()
	secret := f.enrolledUser("an.nv")
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	for range 3 {
		if _, err := f.svc.VerifyTOTP(ctx, s, "000000"); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("wrong code: %v", err)
		}
	}
	if _, err := f.svc.VerifyTOTP(ctx, s, f.code(secret, 0)); !errs.Is(err, errs.RateLimited) {
		t.Errorf("right code after the limit: %v", err)
	}
	f.clock.Advance(15 * time.Minute)
	s = f.login("an.nv", goodPassword, "192.0.2.1")
	if _, err := f.svc.VerifyTOTP(ctx, s, f.code(secret, 0)); err != nil {
		t.Errorf("next window: %v", err)
	}
}

// An admin turns off a user's TOTP (lost phone): its sessions end and it
// logs in with the password alone.
func TestDisableTOTPByAdmin(t *testing.T) {
	f := newFixture(t, account.Config{})
	f.enrolledUser("an.nv")
	admin := f.user("dept.admin", grant(access.UnitAdmin, f.dept, false))
	u := f.mustUser("an.nv")
	if err := f.svc.DisableTOTP(f.as(admin), u.ID); err != nil {
		t.Fatal(err)
	}
	if s := f.login("an.nv", goodPassword, "192.0.2.1"); s.Pending != account.PendingNone {
		t.Errorf("pending %q after TOTP was turned off", s.Pending)
	}
}

// enrolledUser creates an editor of the department with TOTP on and
// returns its secret.
func (f *fixture) enrolledUser(username string) string {
	f.t.Helper()
	ctx := context.Background()
	f.user(username, grant(access.Editor, f.dept, false))
	s := f.login(username, goodPassword, "192.0.2.1")
	_, sess := f.authOK(s.Token)
	enr, err := f.svc.EnrollTOTP(ctx, sess)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.svc.ConfirmTOTP(ctx, sess, f.code(enr.Secret, 0)); err != nil {
		f.t.Fatal(err)
	}
	f.clock.Advance(30 * time.Second) // the enrolment code's step is spent
	return enr.Secret
}

func (f *fixture) mustUser(username string) *account.User {
	f.t.Helper()
	u, err := f.db.FindUserByUsername(context.Background(), username)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// The first admin, created by "cong user create" with a generated password:
// enrol TOTP, then change the password, then act.
func TestFirstAdminFlow(t *testing.T) {
	f := newFixture(t, account.Config{})
	ctx := context.Background()
	generated := account.GeneratePassword()
	root := &account.User{Username: "root", Name: "Quản trị", MustChangePassword: true,
		Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: f.city.ID}}}
	if err := f.svc.CreateUser(f.ctx, root, generated); err != nil {
		t.Fatal(err)
	}
	s := f.login("root", generated, "192.0.2.1")
	if s.Pending != account.PendingEnrol {
		t.Fatalf("first step %q, want enrolment", s.Pending)
	}
	enr, err := f.svc.EnrollTOTP(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	s, err = f.svc.ConfirmTOTP(ctx, s, f.code(enr.Secret, 0))
	if err != nil || s.Pending != account.PendingPassword {
		t.Fatalf("after enrolment: pending %q, err %v", s.Pending, err)
	}
	if a, _, _ := f.svc.Authenticate(ctx, s.Token); a != nil {
		t.Fatal("an actor before the password change")
	}
	s, err = f.svc.ChangePassword(ctx, s, generated, goodPassword)
	if err != nil || s.Pending != account.PendingNone {
		t.Fatalf("after the change: %+v, %v", s, err)
	}
	if a, _ := f.authOK(s.Token); !a.IsPortalAdmin() {
		t.Errorf("actor %+v", a)
	}
}

// TOTP secrets are sealed in the database; a secret stored in clear
// before sealing still works, and SealTOTPSecrets seals it.
func TestTOTPSecretsAreSealedAtRest(t *testing.T) {
	f := newFixture(t, account.Config{})
	ctx := context.Background()
	secret := f.enrolledUser("an.nv")
	stored := f.mustUser("an.nv").TOTPSecret
	if stored == secret || strings.Contains(stored, secret) || !strings.HasPrefix(stored, "v1:") {
		t.Fatalf("stored TOTP secret %q, want it sealed (the secret is %q)", stored, secret)
	}
	// Nothing to seal: every secret already is.
	if n, err := f.svc.SealTOTPSecrets(f.ctx); err != nil || n != 0 {
		t.Fatalf("SealTOTPSecrets on sealed secrets = %d, %v", n, err)
	}

	// A secret from before sealing, in clear: it still verifies...
	u := f.mustUser("an.nv")
	u.TOTPSecret = secret
	if err := f.db.UpdateUser(ctx, u, false, &audit.Entry{Action: "test.clear_secret"}); err != nil {
		t.Fatal(err)
	}
	s := f.login("an.nv", goodPassword, "192.0.2.1")
	if _, err := f.svc.VerifyTOTP(ctx, s, f.code(secret, 0)); err != nil {
		t.Fatalf("a secret in clear: %v", err)
	}
	// ...until it is sealed, after which it still verifies.
	if n, err := f.svc.SealTOTPSecrets(f.ctx); err != nil || n != 1 {
		t.Fatalf("SealTOTPSecrets = %d, %v, want 1", n, err)
	}
	if got := f.mustUser("an.nv").TOTPSecret; !strings.HasPrefix(got, "v1:") {
		t.Fatalf("after SealTOTPSecrets the secret is %q", got)
	}
	if len(f.auditEntries("user.totp_sealed")) != 1 {
		t.Errorf("sealing is not audited")
	}
	f.clock.Advance(30 * time.Second)
	s = f.login("an.nv", goodPassword, "192.0.2.1")
	if _, err := f.svc.VerifyTOTP(ctx, s, f.code(secret, 0)); err != nil {
		t.Fatalf("the sealed secret: %v", err)
	}

	// Another secret key cannot open it: the code is refused as an
	// internal error, never accepted.
	other, err := keyring.New([]byte(strings.Repeat("o", 32)))
	if err != nil {
		t.Fatal(err)
	}
	stranger := account.NewService(f.db, account.Config{Keys: other, Now: f.clock.Now})
	f.clock.Advance(30 * time.Second)
	s, err = stranger.Login(ctx, "an.nv", goodPassword, "192.0.2.1", "test-agent", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stranger.VerifyTOTP(ctx, s, f.code(secret, 0)); !errs.Is(err, errs.Internal) {
		t.Fatalf("a service with another key: %v, want Internal", err)
	}
}
