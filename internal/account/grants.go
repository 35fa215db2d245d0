package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// validateNew checks a new user's fields, password and grants, filling
// each grant's UnitPath, and returns every field error at once.
func (s *Service) validateNew(ctx context.Context, a *access.Actor, u *User, password string) error {
	f := errs.FieldErrors{}
	merge(f, u.Validate())
	merge(f, CheckPassword(password, u.Username))
	grants, err := s.resolveGrants(ctx, u.Grants)
	if err != nil && !errs.Is(err, errs.Invalid) {
		return err
	}
	merge(f, err)
	if len(u.Grants) == 0 && !a.IsPortalAdmin() {
		f.Add("grants", "account.grant_required")
	}
	u.Grants = grants
	return f.Err("account.validate")
}

// merge adds the field errors of err (if Invalid) to f.
func merge(f errs.FieldErrors, err error) {
	for k, v := range errs.FieldsOf(err) {
		f.Add(k, v)
	}
}

// resolveGrants returns grants with UnitPath filled from the store, and an
// Invalid error on field "grants" for an unknown role, a duplicate or a
// missing unit.
func (s *Service) resolveGrants(ctx context.Context, grants []access.Grant) ([]access.Grant, error) {
	ids := make([]int64, 0, len(grants))
	seen := map[string]bool{}
	var f errs.FieldErrors
	for _, g := range grants {
		k := fmt.Sprintf("%s@%d", g.Role, g.UnitID)
		switch {
		case !g.Role.Valid():
			f.Add("grants", "account.role_invalid")
		case seen[k]:
			f.Add("grants", "account.grant_duplicate")
		}
		seen[k] = true
		ids = append(ids, g.UnitID)
	}
	paths, err := s.store.UnitPaths(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]access.Grant, len(grants))
	for i, g := range grants {
		p, ok := paths[g.UnitID]
		if !ok {
			f.Add("grants", "account.unit_missing")
		}
		if ok && g.Role == access.PortalAdmin && strings.Count(p, "/") > 2 {
			// The role covers the whole portal wherever it is granted, but
			// what is audited about the user is filed under the unit of
			// their grant: a portal admin granted on a ward would show in
			// that ward's audit view.
			f.Add("grants", "account.portal_admin_root")
		}
		g.UnitPath = p
		out[i] = g
	}
	return out, f.Err("account.resolveGrants")
}

// SetGrants replaces the grants of user id with grants. Every grant added
// or removed needs the actor's right to give it (see CreateUser); a user
// the actor may not see is NotFound. The last enabled portal admin keeps
// the role (Conflict "account.last_portal_admin"). Returns the updated user.
func (s *Service) SetGrants(ctx context.Context, id int64, grants []access.Grant) (*User, error) {
	const op = "account.SetGrants"
	a, err := actor(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	u, err := s.visibleUser(ctx, func() (*User, error) { return s.store.FindUserByID(ctx, id) })
	if err != nil {
		return nil, errs.E(op, err)
	}
	next, err := s.resolveGrants(ctx, grants)
	if err != nil {
		return nil, errs.E(op, err)
	}
	for _, g := range grantDiff(u.Grants, next) {
		if !canGrant(a, g) {
			return nil, errs.E(op, errs.Forbidden, "account.grant_forbidden")
		}
	}
	if err := s.keepPortalAdmin(ctx, u, hasPortalAdmin(next) && !u.Disabled); err != nil {
		return nil, errs.E(op, err)
	}
	e := s.entry(ctx, "user.grants", u)
	e.Detail = describeGrants(next)
	if err := s.store.SetGrants(ctx, u.ID, next, e); err != nil {
		return nil, errs.E(op, err)
	}
	if u, err = s.store.FindUserByID(ctx, u.ID); err != nil {
		return nil, errs.E(op, err)
	}
	return u, nil
}

// grantDiff returns the grants in only one of a and b: those added or
// removed. Changing Subtree counts as removing one grant and adding another.
func grantDiff(a, b []access.Grant) []access.Grant {
	key := func(g access.Grant) string { return fmt.Sprintf("%s@%d/%t", g.Role, g.UnitID, g.Subtree) }
	in := func(list []access.Grant, g access.Grant) bool {
		for _, x := range list {
			if key(x) == key(g) {
				return true
			}
		}
		return false
	}
	var out []access.Grant
	for _, g := range a {
		if !in(b, g) {
			out = append(out, g)
		}
	}
	for _, g := range b {
		if !in(a, g) {
			out = append(out, g)
		}
	}
	return out
}

func hasPortalAdmin(grants []access.Grant) bool {
	for _, g := range grants {
		if g.Role == access.PortalAdmin {
			return true
		}
	}
	return false
}

// keepPortalAdmin refuses a change after which u would no longer be an
// enabled portal admin (stillAdmin false) when u is the last one, so the
// portal always keeps an administrator.
func (s *Service) keepPortalAdmin(ctx context.Context, u *User, stillAdmin bool) error {
	if stillAdmin || u.Disabled || !u.IsPortalAdmin() {
		return nil
	}
	n, err := s.store.CountPortalAdmins(ctx)
	if err != nil {
		return err
	}
	if n <= 1 {
		return failure(errs.Conflict, "account.last_portal_admin")
	}
	return nil
}

// describeGrants renders grants for the audit log: "editor@5 approver@7+".
func describeGrants(grants []access.Grant) string {
	parts := make([]string, len(grants))
	for i, g := range grants {
		parts[i] = fmt.Sprintf("%s@%d", g.Role, g.UnitID)
		if g.Subtree {
			parts[i] += "+"
		}
	}
	return strings.Join(parts, " ")
}
