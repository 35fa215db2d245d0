package audit

import (
	"context"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// Units lists the unit tree for scoping: every unit's path (its ancestors'
// ids and its own, "/1/5/23/") by unit ID. The unit domain answers it; this
// package cannot import unit, which imports audit.
type Units interface {
	AllUnitPaths(ctx context.Context) (map[int64]string, error)
}

// UnitsFunc adapts a function to Units.
type UnitsFunc func(ctx context.Context) (map[int64]string, error)

// AllUnitPaths calls f.
func (f UnitsFunc) AllUnitPaths(ctx context.Context) (map[int64]string, error) { return f(ctx) }

// Service is the audit log's read side for staff: who may browse which
// entries. It is safe for concurrent use.
//
// Scoping: a portal admin sees every entry. Anyone else sees the entries
// whose unit is one where access.Can(actor, ViewAudit, unit) holds: the unit
// of each grant that allows ViewAudit and, for Subtree grants, every unit
// below it. Entries store only a unit ID, so subtree grants are resolved to
// the IDs of their units through Units at each call (the tree has a few
// hundred units; the list is read once per page view). Entries without a
// unit (login attempts) are the portal admins' only.
type Service struct {
	store Store
	units Units
}

// NewService returns a Service reading store and resolving subtrees with
// units.
func NewService(store Store, units Units) *Service {
	return &Service{store: store, units: units}
}

// FindAudit returns the entries matching f that the actor in ctx may see,
// newest first, and their total count. f.UnitIDs narrows the actor's scope
// further (a unit outside it matches nothing). Errors: Unauthorized for an
// anonymous caller, Forbidden for an actor who may view no unit's log.
func (s *Service) FindAudit(ctx context.Context, f Filter) ([]*Entry, int, error) {
	const op = "audit.FindAudit"
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return nil, 0, errs.E(op, errs.Unauthorized, "auth.required")
	}
	all, grants := access.UnitScope(actor, access.ViewAudit)
	if !all {
		if len(grants) == 0 {
			return nil, 0, errs.E(op, errs.Forbidden, "error.forbidden")
		}
		ids, err := s.scopeIDs(ctx, grants)
		if err != nil {
			return nil, 0, errs.E(op, err)
		}
		if f.UnitIDs = intersect(f.UnitIDs, ids); len(f.UnitIDs) == 0 {
			// An empty list means "all" to the store: answer here instead.
			return nil, 0, nil
		}
	}
	entries, n, err := s.store.FindAudit(ctx, f)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	return entries, n, nil
}

// scopeIDs returns the IDs of the units grants cover: each grant's unit,
// and for Subtree grants every unit whose path starts with the grant's.
func (s *Service) scopeIDs(ctx context.Context, grants []access.Grant) ([]int64, error) {
	seen := map[int64]bool{}
	var subtrees []string
	for _, g := range grants {
		seen[g.UnitID] = true
		if g.Subtree && g.UnitPath != "" {
			subtrees = append(subtrees, g.UnitPath)
		}
	}
	if len(subtrees) > 0 {
		paths, err := s.units.AllUnitPaths(ctx)
		if err != nil {
			return nil, err
		}
		for id, p := range paths {
			for _, prefix := range subtrees {
				if strings.HasPrefix(p, prefix) {
					seen[id] = true
				}
			}
		}
	}
	ids := make([]int64, 0, len(seen))
	for id := range seen {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// intersect returns scope narrowed to asked, or scope when asked is empty.
func intersect(asked, scope []int64) []int64 {
	if len(asked) == 0 {
		return scope
	}
	in := make(map[int64]bool, len(scope))
	for _, id := range scope {
		in[id] = true
	}
	var out []int64
	for _, id := range asked {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}
