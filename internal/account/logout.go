package account

import (
	"context"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

// Logout ends the session of token and records it in the audit log, in the
// same transaction, as "auth.logout" by the session's user from the client
// address in ctx (audit.WithIP). Like login attempts the entry has no unit,
// so only portal admins see it. An unknown token, or one already ended, is
// no error and writes nothing; an expired one is deleted unaudited, as
// Authenticate does.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.logout(ctx, "account.Logout", token, "")
}

// EndReplacedSession is Logout for the session a browser held before a new
// login on it (the caller of Login ends it), with detail "replaced": the
// log must not read as if the new session had been logged out.
func (s *Service) EndReplacedSession(ctx context.Context, token string) error {
	return s.logout(ctx, "account.EndReplacedSession", token, "replaced")
}

func (s *Service) logout(ctx context.Context, op, token, detail string) error {
	if token == "" {
		return nil
	}
	hash := HashToken(token)
	sess, err := s.store.FindSession(ctx, hash)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return errs.E(op, err)
	}
	if s.expired(sess) {
		// It ended at its timeout, not now: nothing to record.
		if err := s.store.DeleteSession(ctx, hash); err != nil {
			return errs.E(op, err)
		}
		return nil
	}
	e, err := s.logoutEntry(ctx, sess, detail)
	if err != nil {
		return errs.E(op, err)
	}
	if err := s.store.EndSession(ctx, hash, e); err != nil {
		return errs.E(op, err)
	}
	return nil
}

// logoutEntry is the audit entry of ending sess. Its user is named by
// username, as in login entries; a user gone meanwhile (its sessions go
// with it) leaves the names empty rather than keeping the session alive.
func (s *Service) logoutEntry(ctx context.Context, sess *Session, detail string) (*audit.Entry, error) {
	e := &audit.Entry{
		At: s.now(), ActorID: sess.UserID, Action: "auth.logout", ObjectKind: "user",
		IP: audit.IPFrom(ctx), Outcome: "ok", Detail: detail,
	}
	u, err := s.store.FindUserByID(ctx, sess.UserID)
	if errs.Is(err, errs.NotFound) {
		return e, nil
	}
	if err != nil {
		return nil, err
	}
	e.ActorName, e.ObjectID = u.Username, u.Username
	return e, nil
}
