package account

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

// Config tunes the Service. Zero fields take the defaults shown.
type Config struct {
	IdleTimeout     time.Duration // 30m: a session unused this long ends
	AbsoluteTimeout time.Duration // 12h: a session ends this long after login

	FailureWindow time.Duration // 15m: the fixed window of the failure counters
	IPFailures    int           // 20: failed logins per client address per window
	PairFailures  int           // 5: failed logins per (username, address), and per device token, per window
	// AccountFailures (30) is the failed logins per username per window
	// from browsers without a device token of that user (see Login).
	AccountFailures int
	TOTPFailures    int // 5: failed TOTP codes per user per window

	// Keys seal the TOTP secrets at rest (see totp_seal.go); nil stores
	// new secrets in clear, which only tests that do not care should do.
	Keys *keyring.Keyring

	// Now is the clock, for tests; time.Now when nil.
	Now func() time.Time
}

func (c *Config) setDefaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	def(&c.IdleTimeout, 30*time.Minute)
	def(&c.AbsoluteTimeout, 12*time.Hour)
	def(&c.FailureWindow, 15*time.Minute)
	defInt(&c.IPFailures, 20)
	defInt(&c.PairFailures, 5)
	defInt(&c.AccountFailures, 30)
	defInt(&c.TOTPFailures, 5)
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Service is the account domain's use cases. It is safe for concurrent use.
type Service struct {
	store Store
	cfg   Config
	now   func() time.Time // UTC, at the databases' microsecond precision
}

// NewService returns a Service on store with cfg (defaults filled in).
func NewService(store Store, cfg Config) *Service {
	cfg.setDefaults()
	clock := cfg.Now
	return &Service{store: store, cfg: cfg, now: func() time.Time {
		return clock().UTC().Truncate(time.Microsecond)
	}}
}

// actor returns the actor in ctx, or Unauthorized for an anonymous request.
func actor(ctx context.Context) (*access.Actor, error) {
	a := access.ActorFrom(ctx)
	if a == nil {
		return nil, failure(errs.Unauthorized, "auth.required")
	}
	return a, nil
}

// entry returns an audit entry by the actor in ctx about user u. The object
// is named by username, which is permanent and known before the insert.
func (s *Service) entry(ctx context.Context, action string, u *User) *audit.Entry {
	e := &audit.Entry{
		At: s.now(), Action: action, ObjectKind: "user", ObjectID: u.Username,
		IP: audit.IPFrom(ctx), Outcome: "ok",
	}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	if len(u.Grants) > 0 {
		e.UnitID = u.Grants[0].UnitID
	}
	return e
}

// failure returns an error with code, the translation key of its safe
// message and an optional internal cause; callers wrap it with their op.
// (errs.E would take a lone key for the op.)
func failure(code errs.Code, key string, cause ...error) error {
	e := &errs.Error{Code: code, Key: key}
	if len(cause) > 0 {
		e.Err = cause[0]
	}
	return e
}

// notFound is the answer for a user the actor may not see, and the cause.
func notFound(cause ...error) error {
	return failure(errs.NotFound, "account.user_not_found", cause...)
}
