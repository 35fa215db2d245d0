package procedure

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// Units finds owning units; unit.Store satisfies it.
type Units interface {
	// FindUnitByID returns NotFound when there is no such unit.
	FindUnitByID(ctx context.Context, id int64) (*unit.Unit, error)
}

// Service is the procedure domain's use cases. The acting user travels in
// ctx (access.ActorFrom); a nil actor is the anonymous public. It is safe
// for concurrent use.
type Service struct {
	store Store
	units Units
	now   func() time.Time
}

// NewService returns a Service on store, resolving owners through units.
func NewService(store Store, units Units) *Service {
	return &Service{store: store, units: units, now: func() time.Time { return time.Now().UTC() }}
}

// SetClock replaces the clock that stamps versions, for tests.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// FindProcedureByCode returns the procedure with code as the actor may see
// it: the newest version for staff with ViewPrivate on the owning unit, the
// published (or abolished) version for everyone else. It returns NotFound
// when there is no such procedure or the actor may not see any version.
func (s *Service) FindProcedureByCode(ctx context.Context, code string) (*Procedure, error) {
	const op = "procedure.FindProcedureByCode"
	cur, err := s.store.FindProcedureByCode(ctx, code)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if canViewPrivate(ctx, cur) {
		return cur, nil
	}
	if cur.PublishedVersion == 0 {
		return nil, notFound(op)
	}
	p, err := s.store.FindProcedureVersion(ctx, code, cur.PublishedVersion)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return publicCopy(p), nil
}

// FindProcedures returns the procedures matching f that the actor may see,
// ordered by name, and their total count. A private filter lists the newest
// versions of the units where the actor has ViewPrivate (every unit for a
// portal admin); for an actor with no such unit it falls back to the public
// view. The public view lists published versions only, or abolished ones
// when f.Status asks for them.
func (s *Service) FindProcedures(ctx context.Context, f Filter) ([]*Procedure, int, error) {
	f = s.scoped(ctx, f)
	ps, n, err := s.store.FindProcedures(ctx, f)
	if err != nil {
		return nil, 0, errs.E("procedure.FindProcedures", err)
	}
	if !f.Private {
		for i, p := range ps {
			ps[i] = publicCopy(p)
		}
	}
	return ps, n, nil
}

// Facets counts the procedures of f the actor may see by level, field,
// agency, online level and owner, under the rules of FindProcedures.
func (s *Service) Facets(ctx context.Context, f Filter) (*Facets, error) {
	fc, err := s.store.ProcedureFacets(ctx, s.scoped(ctx, f))
	if err != nil {
		return nil, errs.E("procedure.Facets", err)
	}
	return fc, nil
}

// Versions returns the history of the procedure with code, oldest first:
// every version for staff with ViewPrivate on the owning unit, the versions
// that were public for everyone else. NotFound when the actor may see none.
func (s *Service) Versions(ctx context.Context, code string) ([]*Revision, error) {
	const op = "procedure.Versions"
	cur, err := s.store.FindProcedureByCode(ctx, code)
	if err != nil {
		return nil, errs.E(op, err)
	}
	revs, err := s.store.FindProcedureRevisions(ctx, code)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if canViewPrivate(ctx, cur) {
		return revs, nil
	}
	var out []*Revision
	for _, r := range revs {
		if visible(cur.PublishedVersion, r.Version, r.Status) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, notFound(op)
	}
	return out, nil
}

// Version returns version n of the procedure with code, whole. Versions
// that were never public are NotFound to actors without ViewPrivate on the
// owning unit.
func (s *Service) Version(ctx context.Context, code string, n int) (*Procedure, error) {
	const op = "procedure.Version"
	p, err := s.store.FindProcedureVersion(ctx, code, n)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if canViewPrivate(ctx, p) {
		return p, nil
	}
	if !visible(p.PublishedVersion, p.Version, p.Status) {
		return nil, notFound(op)
	}
	return publicCopy(p), nil
}

// visible reports whether the public may read version n, with status st,
// of a procedure whose public version is pub: every version that was
// published, and the public one (which may be the abolishing version).
// Nothing of a procedure never published is public, even once abolished.
func visible(pub, n int, st Status) bool {
	return pub > 0 && (st == Published || n == pub)
}

// scoped returns f with the view and scope the actor is entitled to.
func (s *Service) scoped(ctx context.Context, f Filter) Filter {
	f.Scope = nil
	if !f.Private {
		return f
	}
	all, grants := access.UnitScope(access.ActorFrom(ctx), access.ViewPrivate)
	switch {
	case all:
		return f
	case len(grants) == 0:
		f.Private = false
		return f
	}
	sc := &Scope{}
	for _, g := range grants {
		sc.UnitIDs = append(sc.UnitIDs, g.UnitID)
		if g.Subtree && g.UnitPath != "" {
			sc.Subtrees = append(sc.Subtrees, g.UnitPath)
		}
	}
	f.Scope = sc
	return f
}

func canViewPrivate(ctx context.Context, p *Procedure) bool {
	return access.Can(access.ActorFrom(ctx), access.ViewPrivate, p.Target())
}

// publicCopy hides from the public the number of a newer, unpublished
// version.
func publicCopy(p *Procedure) *Procedure {
	if p.PublishedVersion > 0 {
		p.Latest = p.PublishedVersion
	} else {
		p.Latest = p.Version
	}
	return p
}

func notFound(op string) error {
	return errs.E(op, errs.NotFound, "procedure.not_found")
}
