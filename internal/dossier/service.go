package dossier

import (
	"context"
	"slices"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
)

// Calendars returns the current working-day calendar;
// *workcal.Service implements it.
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// Service is the staff's view of dossiers: lookups and listings limited to
// the centres an actor may see (access.ViewPrivate on the receiving
// centre), and overdue lists. It is safe for concurrent use.
type Service struct {
	store Store
	cals  Calendars
	now   func() time.Time
}

// NewService returns a Service on store and the calendar source cals.
func NewService(store Store, cals Calendars) *Service {
	return &Service{store: store, cals: cals, now: time.Now}
}

// FindDossierByReceipt returns the dossier with receipt code code and its
// full history (internal notes included). It returns Unauthorized for an
// anonymous actor and NotFound when there is no such dossier or the actor
// may not see its centre.
func (s *Service) FindDossierByReceipt(ctx context.Context, code string) (*Dossier, error) {
	const op = "dossier.FindDossierByReceipt"
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return nil, errs.E(op, errs.Unauthorized)
	}
	d, err := s.store.FindDossierByReceipt(ctx, code)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if !access.Can(actor, access.ViewPrivate, d.Target()) {
		return nil, errs.E(op, errs.NotFound, "dossier.not_found")
	}
	return d, nil
}

// FindApologySlips returns the apology slips recorded for the dossier with
// receipt code code, oldest first. Access as FindDossierByReceipt:
// Unauthorized for an anonymous actor, NotFound when there is no such
// dossier or the actor may not see its centre.
func (s *Service) FindApologySlips(ctx context.Context, code string) ([]*ApologySlip, error) {
	const op = "dossier.FindApologySlips"
	d, err := s.FindDossierByReceipt(ctx, code)
	if err != nil {
		return nil, errs.E(op, err)
	}
	list, err := s.store.FindApologySlips(ctx, SlipFilter{DossierID: &d.ID})
	if err != nil {
		return nil, errs.E(op, err)
	}
	return list, nil
}

// OverdueDays returns by how many working days d is overdue now (see
// Dossier.OverdueDays), with the current calendar and the service's
// clock, so a staff page agrees with FindOverdue. It returns the
// calendar's errors.
func (s *Service) OverdueDays(ctx context.Context, d *Dossier) (int, error) {
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return 0, errs.E("dossier.OverdueDays", err)
	}
	return d.OverdueDays(cal, s.now()), nil
}

// FindDossiers lists the dossiers matching f that the actor may see, with
// their total count; Limit defaults to 50 and is at most 500. It returns
// Unauthorized for an anonymous actor and Forbidden for one who may see no
// centre's dossiers.
func (s *Service) FindDossiers(ctx context.Context, f Filter) ([]*Dossier, int, error) {
	const op = "dossier.FindDossiers"
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return nil, 0, errs.E(op, errs.Unauthorized)
	}
	all, grants := access.UnitScope(actor, access.ViewPrivate)
	if !all && len(grants) == 0 {
		return nil, 0, errs.E(op, errs.Forbidden, "error.forbidden")
	}
	f.Scope = Scope{All: all, Grants: grants}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 500)
	list, total, err := s.store.FindDossiers(ctx, f)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	return list, total, nil
}

// Overdue is a dossier with its overdue days at the time of the listing.
type Overdue struct {
	Dossier *Dossier
	Days    int
}

// FindOverdue lists the open dossiers of centre unitID (or every centre
// the actor may see, for 0) that are overdue now, most overdue first, at
// most limit (default and maximum 500). Candidates come from the store by
// appointment; the days are computed here with the current calendar,
// pauses included, so a dossier awaiting a supplement is not counted.
// Errors are those of FindDossiers, and the calendar's.
func (s *Service) FindOverdue(ctx context.Context, unitID int64, limit int) ([]Overdue, error) {
	const op = "dossier.FindOverdue"
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	now, open := s.now(), true
	f := Filter{Open: &open, DueBefore: &now, Limit: 500, WithHistory: true}
	if unitID != 0 {
		f.CentreUnitID = &unitID
	}
	list, _, err := s.FindDossiers(ctx, f)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return overdueOf(list, cal, now, limit), nil
}

func overdueOf(list []*Dossier, cal *calendar.Calendar, now time.Time, limit int) []Overdue {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	var out []Overdue
	for _, d := range list {
		if n := d.OverdueDays(cal, now); n > 0 {
			out = append(out, Overdue{Dossier: d, Days: n})
		}
	}
	sortOverdue(out)
	return out[:min(len(out), limit)]
}

// sortOverdue orders by days descending, then appointment.
func sortOverdue(out []Overdue) {
	slices.SortStableFunc(out, func(a, b Overdue) int {
		if a.Days != b.Days {
			return b.Days - a.Days
		}
		return a.Dossier.AppointmentAt.Compare(b.Dossier.AppointmentAt)
	})
}

// SetClock replaces the service's clock, for tests.
func (s *Service) SetClock(now func() time.Time) { s.now = now }
