package workcal

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
)

// The years the portal shows a calendar for and accepts overrides in.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Override is a calendar.Override as stored, with who added it and, once
// removed, who removed it. The embedded override (Date, Kind, NameVI,
// NameEN, Note) never changes after it is stored.
type Override struct {
	ID int64
	calendar.Override
	Created       time.Time // UTC
	CreatedBy     int64     // the user ID; 0 for the seed
	CreatedByName string
	Removed       time.Time // UTC; zero while the override is active
	RemovedBy     int64
	RemovedByName string
}

// Active reports whether the override still applies.
func (o *Override) Active() bool { return o.Removed.IsZero() }

// Filter selects stored overrides; nil fields are not filtered on.
type Filter struct {
	ID     *int64
	Year   *int  // the year of the override's date
	Active *bool // true: not removed; false: removed
}

// Store keeps the overrides and their history. sqlstore.DB implements it.
type Store interface {
	// FindCalendarOverrides returns the overrides matching f in the order
	// they were added (ascending ID), which is the order the active ones
	// apply in. No match is an empty slice, not an error.
	FindCalendarOverrides(ctx context.Context, f Filter) ([]*Override, error)
	// CreateCalendarOverride inserts o (its embedded override and Created,
	// CreatedBy, CreatedByName), increments the generation and appends e,
	// in one transaction. It sets o.ID, e.ID and e.ObjectID (to o.ID).
	CreateCalendarOverride(ctx context.Context, o *Override, e *audit.Entry) error
	// RemoveCalendarOverride marks the override o.ID removed at o.Removed by
	// o.RemovedBy and o.RemovedByName, increments the generation and
	// appends e, in one transaction; it sets e.ID and e.ObjectID. It
	// returns NotFound for no such override and Conflict
	// "calendar.override_removed" when it is already removed (another
	// administrator was first).
	RemoveCalendarOverride(ctx context.Context, o *Override, e *audit.Entry) error
	// CalendarGeneration returns a number that every change to the
	// overrides increases, for a cheap "did anything change?" check.
	CalendarGeneration(ctx context.Context) (int64, error)
}
