package centreapi

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/unit"
)

// RotationGrace returns how long a rotated secret stays valid when the
// rotation keeps it.
func (s *Service) RotationGrace() time.Duration { return s.grace }

// DefaultRotationGrace is how long a rotated secret stays valid by default.
const DefaultRotationGrace = time.Hour

// Units finds units; *unit.Service implements it.
type Units interface {
	FindUnitByID(ctx context.Context, id int64) (*unit.Unit, error)
	FindUnitByCode(ctx context.Context, code string) (*unit.Unit, error)
	FindUnits(ctx context.Context, f unit.Filter) ([]*unit.Unit, int, error)
}

// Config tunes a Service.
type Config struct {
	// ReceiptFormat is the pattern of the receipt codes the portal issues
	// for dossiers sent without one (see dossier.ReceiptFormatter);
	// dossier.DefaultReceiptFormat when empty.
	ReceiptFormat string
	// RotationGrace is how long the previous secret stays valid after a
	// rotation that keeps it; DefaultRotationGrace when zero.
	RotationGrace time.Duration
}

// Deps are what a Service works with. Procedures may be nil: dossiers then
// need the appointment given by the centre.
type Deps struct {
	Store      Store
	Units      Units
	Calendars  dossier.Calendars
	Keys       *keyring.Keyring
	Procedures dossier.ProcedureLookup
	Config     Config
}

// Service is the centre integration's use cases. It is safe for
// concurrent use.
type Service struct {
	store    Store
	units    Units
	cals     dossier.Calendars
	keys     *keyring.Keyring
	procs    dossier.ProcedureLookup
	receipts *dossier.ReceiptFormatter
	grace    time.Duration
	now      func() time.Time
	// lastSweep is when this node last deleted expired nonces (Unix
	// nanoseconds); sweeping at most once a minute keeps it off the
	// path of most requests.
	lastSweep atomic.Int64
}

// NewService returns a Service on d. It returns Invalid for a bad receipt
// format, and Internal when a dependency is missing.
func NewService(d Deps) (*Service, error) {
	const op = "centreapi.NewService"
	if d.Store == nil || d.Units == nil || d.Calendars == nil || d.Keys == nil {
		return nil, errs.E(op, errs.Internal, errors.New("a dependency is missing"))
	}
	pattern := d.Config.ReceiptFormat
	if pattern == "" {
		pattern = dossier.DefaultReceiptFormat
	}
	f, err := dossier.ParseReceiptFormat(pattern)
	if err != nil {
		return nil, errs.E(op, err)
	}
	grace := d.Config.RotationGrace
	if grace <= 0 {
		grace = DefaultRotationGrace
	}
	return &Service{store: d.Store, units: d.Units, cals: d.Calendars, keys: d.Keys, procs: d.Procedures,
		receipts: f, grace: grace, now: time.Now}, nil
}

// SetClock replaces the service's clock, for tests.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// day returns the Vietnam-time day of t, "2006-01-02".
func day(t time.Time) string { return t.In(calendar.Zone()).Format(time.DateOnly) }

// wrap adds op to a non-nil err; errs.E would turn nil into an error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return errs.E(op, err)
}
