package account

import (
	"strings"

	"github.com/cong-vn/cong/internal/access"
)

// The rules of who may see and change which account, built on access.Can
// with ManageStaff; see the package documentation.

// target is the access target of a grant's unit.
func target(g access.Grant) access.Target {
	return access.Target{UnitID: g.UnitID, UnitPath: g.UnitPath}
}

// canSee reports whether a may see u: itself, or a user with at least one
// grant on a unit where a may manage staff. Portal admins are seen only by
// portal admins.
func canSee(a *access.Actor, u *User) bool {
	switch {
	case a.IsPortalAdmin():
		return true
	case a.UserID != 0 && a.UserID == u.ID:
		return true
	case u.IsPortalAdmin():
		return false
	}
	for _, g := range u.Grants {
		if access.Can(a, access.ManageStaff, target(g)) {
			return true
		}
	}
	return false
}

// canManage reports whether a may change u's account: a must manage staff on
// every unit u holds a grant on, so one unit's admin cannot disable or take
// over an account that also serves another unit.
func canManage(a *access.Actor, u *User) bool {
	switch {
	case a.IsPortalAdmin():
		return true
	case u.IsPortalAdmin(), len(u.Grants) == 0:
		return false
	}
	for _, g := range u.Grants {
		if !access.Can(a, access.ManageStaff, target(g)) {
			return false
		}
	}
	return true
}

// canGrant reports whether a may give or take away g: ManageStaff on its
// unit, on the whole subtree for a Subtree grant, and portal admin for the
// portal admin role.
func canGrant(a *access.Actor, g access.Grant) bool {
	switch {
	case a.IsPortalAdmin():
		return true
	case g.Role == access.PortalAdmin:
		return false
	case g.Subtree:
		return managesSubtree(a, g)
	}
	return access.Can(a, access.ManageStaff, target(g))
}

// managesSubtree reports whether a holds a Subtree grant that lets it manage
// staff on g's unit and so on every unit below it: access.Can answers for
// one unit only.
func managesSubtree(a *access.Actor, g access.Grant) bool {
	all, scope := access.UnitScope(a, access.ManageStaff)
	if all {
		return true
	}
	for _, s := range scope {
		if s.Subtree && s.UnitPath != "" && strings.HasPrefix(g.UnitPath, s.UnitPath) {
			return true
		}
	}
	return false
}
