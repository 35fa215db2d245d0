package unit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/vntext"
)

// Service is the unit domain's use cases. It is safe for concurrent use.
type Service struct {
	store Store
	now   func() time.Time
	dir   *dirCache // nil: every read goes to the store
}

// NewService returns a Service on store.
func NewService(store Store) *Service {
	return &Service{store: store, now: func() time.Time { return time.Now().UTC() }}
}

// FindUnitByCode returns the unit with code, or NotFound.
func (s *Service) FindUnitByCode(ctx context.Context, code string) (*Unit, error) {
	return s.store.FindUnitByCode(ctx, code)
}

// FindUnitByID returns the unit with id, or NotFound.
func (s *Service) FindUnitByID(ctx context.Context, id int64) (*Unit, error) {
	return s.store.FindUnitByID(ctx, id)
}

// FindUnits returns matching units (without leaders) in the store's order
// and their total count.
func (s *Service) FindUnits(ctx context.Context, f Filter) ([]*Unit, int, error) {
	if s.dir == nil {
		return s.store.FindUnits(ctx, f)
	}
	d, err := s.dir.get(ctx, s.store)
	if err != nil {
		return nil, 0, err
	}
	folded := ""
	if f.Query != nil {
		folded = vntext.Fold(*f.Query)
	}
	units, total := d.find(f, folded)
	return units, total, nil
}

// Tree returns the units down to maxDepth (0 for the root only; a
// negative maxDepth for all) arranged under their parents, each node with
// the number of its children (counted at every depth), so a directory can
// show the top of a large tree and link to the rest.
func (s *Service) Tree(ctx context.Context, activeOnly bool, maxDepth int) ([]*Node, error) {
	f := Filter{}
	if activeOnly {
		t := true
		f.Active = &t
	}
	all, _, err := s.FindUnits(ctx, f)
	if err != nil {
		return nil, err
	}
	return BuildTree(all, maxDepth), nil
}

// Node is a unit with its children, for the directory tree.
type Node struct {
	Unit       *Unit
	Children   []*Node
	ChildCount int // children in the full tree, shown or not
}

// BuildTree arranges units (in the store's order) under their parents,
// keeping those at depth ≤ maxDepth (all when maxDepth < 0). A unit whose
// parent is not in the list becomes a root.
func BuildTree(units []*Unit, maxDepth int) []*Node {
	nodes := make(map[int64]*Node, len(units))
	for _, u := range units {
		nodes[u.ID] = &Node{Unit: u}
	}
	var roots []*Node
	for _, u := range units {
		p, ok := nodes[u.ParentID]
		switch {
		case !ok || u.ParentID == 0:
			roots = append(roots, nodes[u.ID])
		default:
			p.ChildCount++
			if maxDepth < 0 || u.Depth <= maxDepth {
				p.Children = append(p.Children, nodes[u.ID])
			}
		}
	}
	return roots
}

// CreateUnit creates u under its parent. The actor needs CreateUnit on the
// parent (only a portal admin may create a root). Returns Invalid with field
// errors, NotFound for a parent the actor cannot see, Forbidden, or Conflict
// for a code already in use.
func (s *Service) CreateUnit(ctx context.Context, u *Unit) error {
	const op = "unit.CreateUnit"
	actor := access.ActorFrom(ctx)
	if err := s.checkParent(ctx, actor, u, 0); err != nil {
		return errs.E(op, err)
	}
	u.Code = strings.ToLower(strings.TrimSpace(u.Code))
	if err := s.normalise(ctx, u); err != nil {
		return errs.E(op, err)
	}
	if err := u.Validate(); err != nil {
		return errs.E(op, err)
	}
	defer s.Invalidate()
	return s.store.CreateUnit(ctx, u, s.entry(ctx, "unit.create", u))
}

// UpdateUnit saves changes to u (loaded earlier, with the Version read). The
// actor needs EditUnit on the unit, and CreateUnit on a new parent when it
// moves. A unit cannot move below itself. A stale Version is a Conflict.
func (s *Service) UpdateUnit(ctx context.Context, u *Unit) error {
	const op = "unit.UpdateUnit"
	actor := access.ActorFrom(ctx)
	old, err := s.store.FindUnitByID(ctx, u.ID)
	if err != nil {
		return errs.E(op, err)
	}
	if !access.Can(actor, access.EditUnit, old.Target()) {
		return errs.E(op, s.denied(actor, old))
	}
	u.Code = old.Code // codes are permanent: links and imports rely on them
	if u.ParentID != old.ParentID {
		if err := s.checkParent(ctx, actor, u, u.ID); err != nil {
			return errs.E(op, err)
		}
	}
	if err := s.normalise(ctx, u); err != nil {
		return errs.E(op, err)
	}
	if err := u.Validate(); err != nil {
		return errs.E(op, err)
	}
	action := "unit.update"
	if old.Active && !u.Active {
		action = "unit.deactivate"
	} else if old.ParentID != u.ParentID {
		action = "unit.move"
	}
	defer s.Invalidate()
	return s.store.UpdateUnit(ctx, u, s.entry(ctx, action, u))
}

// checkParent verifies the new parent of u exists, is allowed for the
// actor, and (for a move of unit self) is not inside self's subtree.
func (s *Service) checkParent(ctx context.Context, actor *access.Actor, u *Unit, self int64) error {
	if u.ParentID == 0 {
		if !actor.IsPortalAdmin() {
			return errs.E("unit.checkParent", errs.Forbidden, "unit.root_admin_only")
		}
		return nil
	}
	parent, err := s.store.FindUnitByID(ctx, u.ParentID)
	if err != nil {
		return errs.E("unit.checkParent", errs.Invalid, "error.invalid", map[string]string{"parent": "unit.parent_missing"}, err)
	}
	if !access.Can(actor, access.CreateUnit, parent.Target()) {
		return errs.E("unit.checkParent", errs.Forbidden, "unit.parent_forbidden")
	}
	if self != 0 && strings.Contains(parent.Path, fmt.Sprintf("/%d/", self)) {
		return errs.E("unit.checkParent", errs.Invalid, "error.invalid", map[string]string{"parent": "unit.parent_cycle"})
	}
	return nil
}

// normalise trims text, orders leaders, and checks the successor of an
// inactive unit.
func (s *Service) normalise(ctx context.Context, u *Unit) error {
	for _, p := range []*string{&u.NameVI, &u.NameEN, &u.ShortName, &u.Address, &u.Phone, &u.Email, &u.Website, &u.GSOCode, &u.AgencyID} {
		*p = strings.TrimSpace(*p)
	}
	for i := range u.Leaders {
		u.Leaders[i].Order = i
	}
	if u.Active {
		u.SuccessorID, u.InactiveSince = 0, ""
		return nil
	}
	if u.InactiveSince == "" {
		u.InactiveSince = s.now().Format("2006-01-02")
	}
	if u.SuccessorID == 0 {
		return nil
	}
	if u.SuccessorID == u.ID {
		return errs.E("unit.normalise", errs.Invalid, "error.invalid", map[string]string{"successor": "unit.successor_self"})
	}
	if _, err := s.store.FindUnitByID(ctx, u.SuccessorID); err != nil {
		return errs.E("unit.normalise", errs.Invalid, "error.invalid", map[string]string{"successor": "unit.successor_missing"}, err)
	}
	return nil
}

// denied returns NotFound to actors who may not even see the unit's private
// side, Forbidden to those who may see it but not change it.
func (s *Service) denied(actor *access.Actor, u *Unit) error {
	if actor == nil {
		return errs.E("unit.denied", errs.Unauthorized)
	}
	return errs.E("unit.denied", errs.Forbidden, "error.forbidden")
}

func (s *Service) entry(ctx context.Context, action string, u *Unit) *audit.Entry {
	e := &audit.Entry{At: s.now(), Action: action, ObjectKind: "unit", ObjectID: u.Code, IP: audit.IPFrom(ctx), Outcome: "ok"}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	e.UnitID = u.ParentID
	if u.ID != 0 {
		e.UnitID = u.ID
	}
	return e
}
