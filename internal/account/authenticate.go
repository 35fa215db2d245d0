package account

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// touchEvery is how stale LastSeen may get before a request rewrites it,
// so that busy sessions do not write on every request. The idle timeout may
// thus end a session up to this much early.
const touchEvery = time.Minute

// Authenticate resolves a session token from the client, for the web
// middleware. It returns the actor (the user with its grants and their unit
// paths) and the session with User and Pending filled.
//
// For a Pending session the actor is nil: such a session may only do its
// pending step, through the methods that take the session (VerifyTOTP,
// EnrollTOTP and ConfirmTOTP, ChangePassword, Logout).
//
// Errors: Unauthorized "auth.session_invalid" for an unknown token, an
// expired session (idle or absolute timeout; it is deleted) or a disabled
// or deleted user.
func (s *Service) Authenticate(ctx context.Context, token string) (*access.Actor, *Session, error) {
	const op = "account.Authenticate"
	if token == "" {
		return nil, nil, errs.E(op, invalidSession())
	}
	sess, u, err := s.liveSession(ctx, HashToken(token))
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	now := s.now()
	if now.Sub(sess.LastSeen) >= touchEvery {
		if err := s.store.TouchSession(ctx, sess.TokenHash, now); err != nil {
			return nil, nil, errs.E(op, err)
		}
		sess.LastSeen = now
	}
	sess.Pending, sess.User = pendingStep(sess, u), u
	if sess.Pending != PendingNone {
		return nil, sess, nil
	}
	return ActorOf(u), sess, nil
}

// liveSession loads the session with tokenHash and its user, deleting it
// and answering Unauthorized when it expired or its user may not log in.
func (s *Service) liveSession(ctx context.Context, tokenHash string) (*Session, *User, error) {
	sess, err := s.store.FindSession(ctx, tokenHash)
	if errs.Is(err, errs.NotFound) {
		return nil, nil, invalidSession()
	}
	if err != nil {
		return nil, nil, err
	}
	if s.expired(sess) {
		return nil, nil, s.endSession(ctx, tokenHash)
	}
	u, err := s.store.FindUserByID(ctx, sess.UserID)
	if errs.Is(err, errs.NotFound) || (err == nil && u.Disabled) {
		return nil, nil, s.endSession(ctx, tokenHash)
	}
	if err != nil {
		return nil, nil, err
	}
	return sess, u, nil
}

// endSession deletes a session found invalid and answers Unauthorized.
func (s *Service) endSession(ctx context.Context, tokenHash string) error {
	if err := s.store.DeleteSession(ctx, tokenHash); err != nil {
		return err
	}
	return invalidSession()
}

func invalidSession(cause ...error) error {
	return failure(errs.Unauthorized, "auth.session_invalid", cause...)
}

// expired reports whether sess passed its absolute end or its idle timeout.
func (s *Service) expired(sess *Session) bool {
	now := s.now()
	return !now.Before(sess.Expires) || now.Sub(sess.LastSeen) >= s.cfg.IdleTimeout
}

// PurgeExpiredSessions deletes every session past its absolute end or idle
// timeout and returns how many, for a periodic job.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int, error) {
	now := s.now()
	n, err := s.store.DeleteExpiredSessions(ctx, now, now.Add(-s.cfg.IdleTimeout))
	if err != nil {
		return 0, errs.E("account.PurgeExpiredSessions", err)
	}
	return n, nil
}

// rotate replaces sess by a copy under a new token with mfa as its
// second-factor state, keeping its absolute end, and fills Pending for u.
// A session already gone (a concurrent rotation or logout) is Unauthorized.
func (s *Service) rotate(ctx context.Context, sess *Session, u *User, mfa bool) (*Session, error) {
	n := sess.rotated(s.now())
	n.MFAPassed = mfa
	err := s.store.RotateSession(ctx, sess.TokenHash, n)
	if errs.Is(err, errs.NotFound) {
		return nil, invalidSession(err)
	}
	if err != nil {
		return nil, err
	}
	n.Pending, n.User = pendingStep(n, u), u
	return n, nil
}
