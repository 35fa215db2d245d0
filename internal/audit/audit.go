package audit

import (
	"context"
	"time"
)

// Entry is one line of the audit log.
type Entry struct {
	ID         int64
	At         time.Time // UTC
	ActorID    int64     // 0 for anonymous (e.g. a failed login)
	ActorName  string
	Action     string // e.g. "unit.update", "auth.login"
	ObjectKind string // e.g. "unit"
	ObjectID   string
	UnitID     int64 // the owning unit, 0 when none
	IP         string
	Outcome    string // "ok", "denied", "failed"
	Detail     string // a short, non-personal description
}

// Filter selects audit entries; nil fields are not filtered on.
type Filter struct {
	ActorID    *int64
	Action     *string // prefix match, e.g. "auth."
	ObjectKind *string
	ObjectID   *string
	UnitIDs    []int64 // any of these; empty means all
	Since      *time.Time
	Until      *time.Time
	Offset     int
	Limit      int
}

// Store reads and appends the audit log. Append never updates or deletes.
type Store interface {
	// AppendAudit writes e outside any other transaction (for login attempts).
	AppendAudit(ctx context.Context, e *Entry) error
	// FindAudit returns matching entries, newest first, and the total count.
	FindAudit(ctx context.Context, f Filter) ([]*Entry, int, error)
}

type ipKey struct{}

// WithIP returns ctx carrying the client address that entries record.
func WithIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, ipKey{}, ip)
}

// IPFrom returns the client address in ctx, or "".
func IPFrom(ctx context.Context) string {
	s, _ := ctx.Value(ipKey{}).(string)
	return s
}
