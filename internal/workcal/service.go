package workcal

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
)

// DefaultRecheck is how long a Service trusts its cached calendar before it
// reads the store's generation again.
const DefaultRecheck = 10 * time.Second

// Service is the calendar's use cases: the current Calendar, built from the
// stored overrides and cached, and the administrators' changes to them. It
// is safe for concurrent use.
type Service struct {
	// Recheck is how long the cached calendar is trusted before the store's
	// generation is read again to catch changes made by other nodes;
	// DefaultRecheck unless changed, and 0 or less reads it on every call.
	// Set it before the Service is used.
	Recheck time.Duration

	store Store
	opts  calendar.Options
	now   func() time.Time

	// mu serialises rebuilds and invalidation, so that a rebuild begun
	// before a change can never be stored after the change dropped it.
	mu sync.Mutex
	// snap is the cached calendar; nil when there is none or it was
	// dropped. Readers load it without the lock.
	snap atomic.Pointer[snapshot]
}

// snapshot is a built calendar with the generation it was built at.
type snapshot struct {
	cal     *calendar.Calendar
	gen     int64
	checked time.Time // when gen was last read from the store
}

// NewService returns a Service on store whose calendars use opts (from
// configuration). It returns opts.Validate's Invalid error for bad options.
func NewService(store Store, opts calendar.Options) (*Service, error) {
	if err := opts.Validate(); err != nil {
		return nil, errs.E("workcal.NewService", err)
	}
	return &Service{
		Recheck: DefaultRecheck,
		store:   store, opts: opts,
		now: func() time.Time { return time.Now().UTC() },
	}, nil
}

// Calendar returns the calendar with the active stored overrides. It is
// cached: see the package documentation for how changes reach it. It
// returns the store's error (Internal, Unavailable) when the calendar must
// be read and cannot be.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	const op = "workcal.Calendar"
	now := s.now()
	if c := s.snap.Load(); c != nil && s.fresh(c, now) {
		return c.cal, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.snap.Load()
	if c != nil && s.fresh(c, now) {
		return c.cal, nil // another caller refreshed it while we waited
	}
	// The generation is read before the overrides: a change committed in
	// between is built in but labelled older, which costs one extra
	// rebuild later and never hides the change.
	gen, err := s.store.CalendarGeneration(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if c != nil && c.gen == gen {
		s.snap.Store(&snapshot{cal: c.cal, gen: gen, checked: now})
		return c.cal, nil
	}
	active := true
	stored, err := s.store.FindCalendarOverrides(ctx, Filter{Active: &active})
	if err != nil {
		return nil, errs.E(op, err)
	}
	list := make([]calendar.Override, len(stored))
	for i, o := range stored {
		list[i] = o.Override
	}
	cal := calendar.New(s.opts, list)
	s.snap.Store(&snapshot{cal: cal, gen: gen, checked: now})
	return cal, nil
}

// fresh reports whether c may be used without asking the store.
func (s *Service) fresh(c *snapshot, now time.Time) bool {
	return s.Recheck > 0 && now.Sub(c.checked) < s.Recheck
}

// invalidate drops the cached calendar after a change through s.
func (s *Service) invalidate() {
	s.mu.Lock()
	s.snap.Store(nil)
	s.mu.Unlock()
}

// NonWorkingDays returns the special days of year y (calendar's
// NonWorkingDays: weekends, holidays, compensatory and extra days off, and
// swapped working days) from the current calendar. A year outside
// MinYear–MaxYear is NotFound "calendar.year_not_found".
func (s *Service) NonWorkingDays(ctx context.Context, y int) ([]calendar.Day, error) {
	const op = "workcal.NonWorkingDays"
	if y < MinYear || y > MaxYear {
		return nil, errs.E(op, errs.NotFound, "calendar.year_not_found", errs.MsgArgs{MinYear, MaxYear})
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return cal.NonWorkingDays(y), nil
}

// Overrides returns the active overrides of year y in the order they apply.
// They are public: the calendar page shows what they make of the year.
func (s *Service) Overrides(ctx context.Context, y int) ([]*Override, error) {
	active := true
	out, err := s.store.FindCalendarOverrides(ctx, Filter{Year: &y, Active: &active})
	if err != nil {
		return nil, errs.E("workcal.Overrides", err)
	}
	return out, nil
}

// History returns every override of year y ever added, active or removed,
// in the order they were added, with who added and removed them. Only
// portal administrators may read it: Unauthorized for an anonymous actor,
// Forbidden for other staff.
func (s *Service) History(ctx context.Context, y int) ([]*Override, error) {
	const op = "workcal.History"
	if err := denied(access.ActorFrom(ctx)); err != nil {
		return nil, errs.E(op, err)
	}
	out, err := s.store.FindCalendarOverrides(ctx, Filter{Year: &y})
	if err != nil {
		return nil, errs.E(op, err)
	}
	return out, nil
}

// AddOverride stores o as a new active override of its year, added by the
// actor in ctx, and returns it. Only portal administrators may: Unauthorized
// for an anonymous actor, Forbidden for other staff. It returns Invalid with
// the fields of calendar.Override.Validate (and "date" =
// "calendar.year_range" for a year outside MinYear–MaxYear), Conflict
// "calendar.override_exists" when an active override already does the same
// to the same date (remove it first to change its names), or the store's
// error.
func (s *Service) AddOverride(ctx context.Context, o calendar.Override) (*Override, error) {
	const op = "workcal.AddOverride"
	actor := access.ActorFrom(ctx)
	if err := denied(actor); err != nil {
		return nil, errs.E(op, err)
	}
	o.NameVI, o.NameEN, o.Note = strings.TrimSpace(o.NameVI), strings.TrimSpace(o.NameEN), strings.TrimSpace(o.Note)
	if err := validate(o); err != nil {
		return nil, errs.E(op, err)
	}
	active := true
	same, err := s.store.FindCalendarOverrides(ctx, Filter{Year: &o.Date.Year, Active: &active})
	if err != nil {
		return nil, errs.E(op, err)
	}
	for _, x := range same {
		if x.Date == o.Date && x.Kind == o.Kind {
			return nil, errs.E(op, errs.Conflict, "calendar.override_exists")
		}
	}
	stored := &Override{Override: o, Created: s.now(), CreatedBy: actor.UserID, CreatedByName: actor.Name}
	e := s.entry(ctx, "calendar.override_add", stored)
	if err := s.store.CreateCalendarOverride(ctx, stored, e); err != nil {
		if errs.Is(err, errs.Conflict) { // added meanwhile by someone else
			return nil, errs.E(op, errs.Conflict, "calendar.override_exists")
		}
		return nil, errs.E(op, err)
	}
	s.invalidate()
	return stored, nil
}

// RemoveOverride removes the active override id on behalf of the actor in
// ctx; it stays in the history. Only portal administrators may: Unauthorized
// for an anonymous actor, Forbidden for other staff. It returns NotFound
// "calendar.override_not_found" for no such override, Conflict
// "calendar.override_removed" when it was already removed, or the store's
// error.
func (s *Service) RemoveOverride(ctx context.Context, id int64) error {
	const op = "workcal.RemoveOverride"
	actor := access.ActorFrom(ctx)
	if err := denied(actor); err != nil {
		return errs.E(op, err)
	}
	found, err := s.store.FindCalendarOverrides(ctx, Filter{ID: &id})
	if err != nil {
		return errs.E(op, err)
	}
	if len(found) == 0 {
		return errs.E(op, errs.NotFound, "calendar.override_not_found")
	}
	o := found[0]
	if !o.Active() {
		return errs.E(op, errs.Conflict, "calendar.override_removed")
	}
	o.Removed, o.RemovedBy, o.RemovedByName = s.now(), actor.UserID, actor.Name
	if err := s.store.RemoveCalendarOverride(ctx, o, s.entry(ctx, "calendar.override_remove", o)); err != nil {
		return errs.E(op, err)
	}
	s.invalidate()
	return nil
}

// validate checks o as calendar.Override.Validate does, and its year.
func validate(o calendar.Override) error {
	var fe errs.FieldErrors
	for field, key := range errs.FieldsOf(o.Validate()) {
		fe.Add(field, key)
	}
	if o.Date.IsValid() && (o.Date.Year < MinYear || o.Date.Year > MaxYear) {
		fe.Add("date", "calendar.year_range")
	}
	return fe.Err("workcal.validate")
}

// denied returns why actor may not change the calendar, or nil. The
// calendar belongs to no unit: only portal administrators hold Administer
// on it.
func denied(actor *access.Actor) error {
	switch {
	case actor == nil:
		return errs.E(errs.Unauthorized)
	case !access.Can(actor, access.Administer, access.Target{}):
		return errs.E(errs.Forbidden, "error.forbidden")
	}
	return nil
}

// entry is the audit entry of a change to o. Its detail names the date and
// what the override does; the store sets ObjectID to the override's ID.
func (s *Service) entry(ctx context.Context, action string, o *Override) *audit.Entry {
	e := &audit.Entry{
		At: s.now(), Action: action, ObjectKind: "calendar_override", IP: audit.IPFrom(ctx), Outcome: "ok",
		Detail: o.Date.String() + " " + string(o.Kind),
	}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	return e
}
