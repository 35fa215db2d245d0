package account

import (
	"context"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

// VerifyTOTP checks the TOTP code of a session Pending on PendingTOTP and
// returns its replacement, under a new token, with the second factor passed
// (it may still be Pending a password change). A code is accepted at most
// once, within one step (30 s) either side of now.
//
// Errors: Conflict "totp.not_pending" for a session not waiting for a
// code; RateLimited "auth.rate_limited" after too many wrong codes for the
// user in the window (the code is then not checked); Unauthorized
// "auth.totp_invalid" for a wrong or reused code; Unauthorized
// "auth.session_invalid" when the session is gone. Every attempt is
// written to the audit log.
func (s *Service) VerifyTOTP(ctx context.Context, sess *Session, code string) (*Session, error) {
	const op = "account.VerifyTOTP"
	u, err := s.sessionUser(ctx, sess)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if sess.MFAPassed || !u.TOTPEnabled {
		return nil, errs.E(op, errs.Conflict, "totp.not_pending")
	}
	if err := s.checkCode(ctx, u, code, sess.IP); err != nil {
		return nil, errs.E(op, err)
	}
	n, err := s.rotate(ctx, sess, u, true)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if err := s.recordAttempt(ctx, attempt{action: "auth.totp", outcome: "ok", name: u.Username,
		userID: u.ID, object: u.Username, ip: sess.IP}); err != nil {
		return nil, errs.E(op, err)
	}
	return n, nil
}

// sessionUser loads the user of sess, which Authenticate returned; a nil
// session is Unauthorized.
func (s *Service) sessionUser(ctx context.Context, sess *Session) (*User, error) {
	if sess == nil || sess.TokenHash == "" {
		return nil, invalidSession()
	}
	u, err := s.store.FindUserByID(ctx, sess.UserID)
	if errs.Is(err, errs.NotFound) || (err == nil && u.Disabled) {
		return nil, invalidSession(err)
	}
	return u, err
}

// checkCode checks a TOTP code of u against the user's failure limit and
// its last used step, auditing failures.
func (s *Service) checkCode(ctx context.Context, u *User, code, ip string) error {
	now := s.now()
	limits, window := s.totpLimits(u.ID), s.window(now)
	over, err := s.reserve(ctx, limits, window)
	if err != nil {
		return err
	}
	fail := func(outcome, detail string, e error) error {
		if err := s.recordAttempt(ctx, attempt{action: "auth.totp_failed", outcome: outcome,
			name: u.Username, object: u.Username, ip: ip, detail: detail}); err != nil {
			return err
		}
		return e
	}
	if over {
		return fail("denied", "rate_limited", failure(errs.RateLimited, "auth.rate_limited"))
	}
	secret, err := s.totpSecret(u)
	if err != nil {
		return err
	}
	step, ok := MatchTOTP(secret, code, now)
	if !ok {
		return fail("failed", "bad_code", failure(errs.Unauthorized, "auth.totp_invalid"))
	}
	err = s.store.UseTOTPStep(ctx, u.ID, step)
	if errs.Is(err, errs.Conflict) {
		return fail("failed", "reused_code", failure(errs.Unauthorized, "auth.totp_invalid"))
	}
	if err != nil {
		return err
	}
	return s.refund(ctx, limits, window)
}

// EnrollTOTP starts TOTP enrolment for the user of sess (a full session,
// or one Pending on PendingEnrol) and returns the secret and otpauth URL
// to show. Enrolling again before confirming replaces the secret.
// Conflict "totp.already_enabled" when TOTP is on.
func (s *Service) EnrollTOTP(ctx context.Context, sess *Session) (*TOTPEnrolment, error) {
	const op = "account.EnrollTOTP"
	u, err := s.enrollingUser(ctx, sess)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if u.TOTPEnabled {
		return nil, errs.E(op, errs.Conflict, "totp.already_enabled")
	}
	enr, err := NewTOTPSecret(u.Username)
	if err != nil {
		return nil, errs.E(op, errs.Internal, err)
	}
	if u.TOTPSecret, err = s.sealTOTP(u, enr.Secret); err != nil {
		return nil, errs.E(op, err)
	}
	u.Updated = s.now()
	if err := s.store.UpdateUser(ctx, u, false, s.selfEntry(ctx, "user.totp_enrol", u, sess)); err != nil {
		return nil, errs.E(op, err)
	}
	return enr, nil
}

// enrollingUser loads the user of a session that may enrol TOTP.
func (s *Service) enrollingUser(ctx context.Context, sess *Session) (*User, error) {
	u, err := s.sessionUser(ctx, sess)
	if err != nil {
		return nil, err
	}
	if p := pendingStep(sess, u); p != PendingNone && p != PendingEnrol && p != PendingPassword {
		return nil, failure(errs.Forbidden, "auth.step_required")
	}
	return u, nil
}

// ConfirmTOTP turns TOTP on for the user of sess with a first valid code
// for the secret EnrollTOTP gave, and returns the session's replacement
// under a new token with the second factor passed. Errors: Conflict
// "totp.not_enrolling" without a pending enrolment, and those of
// VerifyTOTP for the code.
func (s *Service) ConfirmTOTP(ctx context.Context, sess *Session, code string) (*Session, error) {
	const op = "account.ConfirmTOTP"
	u, err := s.enrollingUser(ctx, sess)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if u.TOTPEnabled || u.TOTPSecret == "" {
		return nil, errs.E(op, errs.Conflict, "totp.not_enrolling")
	}
	if err := s.checkCode(ctx, u, code, sess.IP); err != nil {
		return nil, errs.E(op, err)
	}
	u.TOTPEnabled, u.Updated = true, s.now()
	if err := s.store.UpdateUser(ctx, u, false, s.selfEntry(ctx, "user.totp_enable", u, sess)); err != nil {
		return nil, errs.E(op, err)
	}
	n, err := s.rotate(ctx, sess, u, true)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return n, nil
}

// selfEntry is an audit entry by the user of sess about itself, for
// self-service steps that run before the session has an actor.
func (s *Service) selfEntry(ctx context.Context, action string, u *User, sess *Session) *audit.Entry {
	e := s.entry(access.WithActor(ctx, ActorOf(u)), action, u)
	if e.IP == "" {
		e.IP = sess.IP
	}
	return e
}

// DisableTOTP turns TOTP off for user id and forgets its secret. Users may
// turn off their own, except portal admins, who must keep it (Conflict
// "totp.required"); an actor who may manage the user may turn it off for a
// lost phone, which also ends the user's sessions (a portal admin then
// enrols again at the next login). NotFound and Forbidden as UpdateUser.
func (s *Service) DisableTOTP(ctx context.Context, id int64) error {
	const op = "account.DisableTOTP"
	u, err := s.selfOrManaged(ctx, id)
	if err != nil {
		return errs.E(op, err)
	}
	self := access.ActorFrom(ctx).UserID == u.ID
	if self && u.IsPortalAdmin() {
		return errs.E(op, errs.Conflict, "totp.required")
	}
	if !u.TOTPEnabled && u.TOTPSecret == "" {
		return nil
	}
	u.TOTPEnabled, u.TOTPSecret, u.Updated = false, "", s.now()
	if err := s.store.UpdateUser(ctx, u, !self, s.entry(ctx, "user.totp_disable", u)); err != nil {
		return errs.E(op, err)
	}
	return nil
}
