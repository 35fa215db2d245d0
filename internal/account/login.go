package account

import (
	"context"
	"errors"
	"strings"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

// Login checks username and password from the client at ip and starts a
// session. The returned Session holds the token for the client; it is
// Pending when a TOTP code or TOTP enrolment (portal admins) or a password
// change must follow. Every attempt is written to the audit log.
//
// device is the device token the browser kept from an earlier successful
// login ("" for none): a browser that holds the user's token is counted
// apart from the per-account limit that others share (see loginLimits),
// so a guesser cannot lock the user out of a browser they use. A
// successful login returns a fresh token in Session.Device.
//
// Errors: RateLimited "auth.rate_limited" when the address, the
// (username, address) pair or the account failed too often in the current
// window (the password is then not checked); Unauthorized "auth.bad_credentials" for an
// unknown user, a wrong password or a disabled account alike, after the
// same amount of hashing; Unavailable when the hashing queue outlasts ctx.
//
// Login always issues a new token, so a token planted before login is
// useless; the caller ends the client's previous session, if any, with
// Logout.
func (s *Service) Login(ctx context.Context, username, password, ip, userAgent, device string) (*Session, error) {
	const op = "account.Login"
	now := s.now()
	name := truncate(strings.ToLower(strings.TrimSpace(username)), 64)
	limits, window := s.loginLimits(name, ip, device), s.window(now)
	over, err := s.reserve(ctx, limits, window)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if over {
		err := s.recordAttempt(ctx, attempt{action: "auth.login_failed", outcome: "denied", name: name, ip: ip, detail: "rate_limited"})
		return nil, errs.E(op, errs.RateLimited, "auth.rate_limited", err)
	}
	u, reason, err := s.checkCredentials(ctx, name, password)
	if err != nil {
		// Not the client's failure (the database, or the hashing queue):
		// give the reserved counts back.
		return nil, errs.E(op, errors.Join(err, s.refund(ctx, limits, window)))
	}
	if reason != "" {
		a := attempt{action: "auth.login_failed", outcome: "failed", name: name, ip: ip, detail: reason}
		if u != nil {
			a.object = u.Username
		}
		if err := s.recordAttempt(ctx, a); err != nil {
			return nil, errs.E(op, err)
		}
		return nil, errs.E(op, errs.Unauthorized, "auth.bad_credentials")
	}
	if err := s.refund(ctx, limits, window); err != nil {
		return nil, errs.E(op, err)
	}
	sess, err := s.startSession(ctx, u, password, ip, userAgent)
	if err != nil {
		return nil, errs.E(op, err)
	}
	sess.Device = s.issueDevice(name)
	return sess, nil
}

// checkCredentials returns the user when password is right, or a reason
// for the audit log ("unknown_user", "bad_password", "disabled"). An
// unknown user costs the same hashing as a known one.
func (s *Service) checkCredentials(ctx context.Context, name, password string) (*User, string, error) {
	if len(password) > 4*MaxPasswordLen {
		return nil, "too_long", nil
	}
	u, err := s.store.FindUserByUsername(ctx, name)
	if errs.Is(err, errs.NotFound) {
		if _, err := VerifyPassword(ctx, dummyHash(), password); err != nil {
			return nil, "", err
		}
		return nil, "unknown_user", nil
	}
	if err != nil {
		return nil, "", err
	}
	ok, err := VerifyPassword(ctx, u.PasswordHash, password)
	switch {
	case err != nil:
		return nil, "", err
	case !ok:
		return u, "bad_password", nil
	case u.Disabled:
		// Same answer as a wrong password: disabling an account must not
		// confirm to whoever holds it that the password is right.
		return u, "disabled", nil
	}
	return u, "", nil
}

// startSession creates the session of a successful password check,
// replaces an outdated password hash, and records the login.
func (s *Service) startSession(ctx context.Context, u *User, password, ip, userAgent string) (*Session, error) {
	now := s.now()
	sess := newSession(u.ID, !needsSecondFactor(u), ip, userAgent, now, s.cfg.AbsoluteTimeout)
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	rehash := ""
	if NeedsRehash(u.PasswordHash) {
		var err error
		if rehash, err = HashPassword(ctx, password); err != nil {
			return nil, err
		}
	}
	if err := s.store.RecordLogin(ctx, u.ID, now, rehash); err != nil {
		return nil, err
	}
	sess.Pending, sess.User = pendingStep(sess, u), u
	err := s.recordAttempt(ctx, attempt{action: "auth.login", outcome: "ok", name: u.Username,
		userID: u.ID, object: u.Username, ip: ip, detail: string(sess.Pending)})
	return sess, err
}

// attempt describes an authentication attempt for the audit log.
type attempt struct {
	action, outcome string
	name            string // the username attempted
	userID          int64  // the user, once authenticated
	object          string // the user's username when it exists
	ip, detail      string
}

// recordAttempt appends a to the audit log. The password never goes there.
func (s *Service) recordAttempt(ctx context.Context, a attempt) error {
	e := &audit.Entry{
		At: s.now(), ActorID: a.userID, ActorName: a.name, Action: a.action,
		ObjectKind: "user", ObjectID: a.object, IP: a.ip, Outcome: a.outcome, Detail: a.detail,
	}
	return s.store.AppendAudit(ctx, e)
}
