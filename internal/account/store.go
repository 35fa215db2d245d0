package account

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
)

// Store persists accounts, sessions and rate counters. Methods that change
// an account write the audit entry they are given in the same transaction.
type Store interface {
	UserStore
	SessionStore
	RateStore
}

// UserStore persists users and their grants.
type UserStore interface {
	// FindUserByID returns the user with its grants (UnitPath filled) and
	// their units' names, or NotFound.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByUsername is FindUserByID by exact username.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// FindUsers returns matching users with their grants, ordered by
	// username, and the total count before Offset/Limit.
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CountPortalAdmins counts enabled users holding the portal admin role.
	CountPortalAdmins(ctx context.Context) (int, error)
	// UnitPaths returns the path of each existing unit among ids; unknown
	// ids are absent from the map.
	UnitPaths(ctx context.Context, ids []int64) (map[int64]string, error)

	// CreateUser inserts u and its grants, setting ID, Version and times.
	// A username in use is a Conflict.
	CreateUser(ctx context.Context, u *User, e *audit.Entry) error
	// UpdateUser writes every field of u except the username, grants and
	// login bookkeeping if the stored version is u.Version (else Conflict
	// "error.stale"), and increments u.Version. With endSessions it deletes
	// every session of the user in the same transaction.
	UpdateUser(ctx context.Context, u *User, endSessions bool, e *audit.Entry) error
	// SetGrants replaces the grants of user userID.
	SetGrants(ctx context.Context, userID int64, grants []access.Grant, e *audit.Entry) error
	// RecordLogin sets the user's last login time and, when rehash is not
	// empty, replaces its password hash (same password, current parameters).
	RecordLogin(ctx context.Context, userID int64, at time.Time, rehash string) error
	// UseTOTPStep records step as the user's last accepted TOTP step if it
	// is after the stored one, else returns Conflict: the code was used.
	UseTOTPStep(ctx context.Context, userID int64, step int64) error
	// AppendAudit appends e in a transaction of its own: the audit entry of
	// a login or TOTP attempt, which changes nothing else (audit.Store).
	AppendAudit(ctx context.Context, e *audit.Entry) error
}

// SessionStore persists sessions by the hash of their token.
type SessionStore interface {
	// CreateSession inserts s (TokenHash and the stored fields).
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with tokenHash, or NotFound.
	FindSession(ctx context.Context, tokenHash string) (*Session, error)
	// TouchSession sets the session's last-seen time.
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	// RotateSession deletes the session oldHash and inserts s in one
	// transaction; NotFound when oldHash is already gone.
	RotateSession(ctx context.Context, oldHash string, s *Session) error
	// DeleteSession deletes the session with tokenHash; none is no error.
	DeleteSession(ctx context.Context, tokenHash string) error
	// EndSession deletes the session with tokenHash and appends e (the
	// logout) in the same transaction; when there is no such session it
	// writes nothing and is no error.
	EndSession(ctx context.Context, tokenHash string, e *audit.Entry) error
	// DeleteExpiredSessions deletes sessions that expired before now or
	// were last seen before idleBefore, and returns how many.
	DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error)
}

// RateStore keeps fixed-window counters shared by every node.
type RateStore interface {
	// HitRate adds one to the counter key for the window starting at
	// window and returns the new count; a counter of an earlier window
	// restarts at one.
	HitRate(ctx context.Context, key string, window time.Time) (int, error)
	// RefundRate takes one back from key if its window is still window.
	RefundRate(ctx context.Context, key string, window time.Time) error
	// DeleteRateCounters deletes counters whose window started before t.
	DeleteRateCounters(ctx context.Context, before time.Time) (int, error)
}
