package account

import (
	"context"

	"github.com/cong-vn/cong/internal/errs"
)

// ChangePassword changes the password of the user of sess, who must give
// the current one. It ends every session of the user and returns a new one
// for the caller (same second-factor state and absolute end, new token),
// so other browsers are logged out. It is allowed to a full session and to
// one Pending on PendingPassword, and clears MustChangePassword.
//
// Errors: Invalid on field "current_password" ("password.wrong") or
// "password" (the policy, or "password.unchanged"); RateLimited after too
// many wrong current passwords; Forbidden "auth.step_required" while a
// second factor is pending; Unauthorized when the session is gone.
func (s *Service) ChangePassword(ctx context.Context, sess *Session, current, next string) (*Session, error) {
	const op = "account.ChangePassword"
	u, err := s.sessionUser(ctx, sess)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if p := pendingStep(sess, u); p != PendingNone && p != PendingPassword {
		return nil, errs.E(op, errs.Forbidden, "auth.step_required")
	}
	if err := s.checkCurrentPassword(ctx, u, current); err != nil {
		return nil, errs.E(op, err)
	}
	if err := checkNewPassword(current, next, u.Username); err != nil {
		return nil, errs.E(op, err)
	}
	if u.PasswordHash, err = HashPassword(ctx, next); err != nil {
		return nil, errs.E(op, err)
	}
	now := s.now()
	u.MustChangePassword, u.PasswordChanged, u.Updated = false, now, now
	if err := s.store.UpdateUser(ctx, u, true, s.selfEntry(ctx, "user.change_password", u, sess)); err != nil {
		return nil, errs.E(op, err)
	}
	n := sess.rotated(now)
	if err := s.store.CreateSession(ctx, n); err != nil {
		return nil, errs.E(op, err)
	}
	n.Pending, n.User = pendingStep(n, u), u
	return n, nil
}

// checkCurrentPassword verifies the current password under the user's
// failure limit.
func (s *Service) checkCurrentPassword(ctx context.Context, u *User, current string) error {
	limits, window := s.passwordLimits(u.ID), s.window(s.now())
	over, err := s.reserve(ctx, limits, window)
	if err != nil {
		return err
	}
	if over {
		return failure(errs.RateLimited, "auth.rate_limited")
	}
	ok, err := VerifyPassword(ctx, u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		return errs.E("", errs.Invalid, "error.invalid", map[string]string{"current_password": "password.wrong"})
	}
	return s.refund(ctx, limits, window)
}

// checkNewPassword applies the policy and refuses the current password.
func checkNewPassword(current, next, username string) error {
	if err := CheckPassword(next, username); err != nil {
		return err
	}
	if next == current {
		return errs.E("", errs.Invalid, "error.invalid", map[string]string{"password": "password.unchanged"})
	}
	return nil
}
