package account

import (
	"context"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// FindUserByID returns the user with id. A user the actor may not see
// (another unit's staff) is NotFound, exactly like a missing one; an
// anonymous caller gets Unauthorized.
func (s *Service) FindUserByID(ctx context.Context, id int64) (*User, error) {
	const op = "account.FindUserByID"
	u, err := s.visibleUser(ctx, func() (*User, error) { return s.store.FindUserByID(ctx, id) })
	if err != nil {
		return nil, errs.E(op, err)
	}
	return u, nil
}

// FindUserByUsername is FindUserByID by username.
func (s *Service) FindUserByUsername(ctx context.Context, username string) (*User, error) {
	const op = "account.FindUserByUsername"
	username = strings.ToLower(strings.TrimSpace(username))
	u, err := s.visibleUser(ctx, func() (*User, error) { return s.store.FindUserByUsername(ctx, username) })
	if err != nil {
		return nil, errs.E(op, err)
	}
	return u, nil
}

// visibleUser loads a user with load and hides it unless the actor may see it.
func (s *Service) visibleUser(ctx context.Context, load func() (*User, error)) (*User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := load()
	if errs.Is(err, errs.NotFound) {
		return nil, notFound(err)
	}
	if err != nil {
		return nil, err
	}
	if !canSee(a, u) {
		return nil, notFound()
	}
	return u, nil
}

// manageableUser loads user id for a change: NotFound when the actor may not
// see it, Forbidden when it may see but not change it.
func (s *Service) manageableUser(ctx context.Context, id int64) (*access.Actor, *User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.store.FindUserByID(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return nil, nil, notFound(err)
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case canManage(a, u):
		return a, u, nil
	case canSee(a, u):
		return nil, nil, failure(errs.Forbidden, "error.forbidden")
	}
	return nil, nil, notFound()
}

// FindUsers returns the users matching f among those the actor may manage
// (every user for a portal admin), and their total count. Portal admins are
// listed to portal admins only. Anonymous callers get Unauthorized.
func (s *Service) FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error) {
	const op = "account.FindUsers"
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	f.AllUnits, f.Units = access.UnitScope(a, access.ManageStaff)
	if !f.AllUnits && len(f.Units) == 0 {
		return nil, 0, nil
	}
	f.HidePortalAdmins = !f.AllUnits
	users, n, err := s.store.FindUsers(ctx, f)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	return users, n, nil
}

// CreateUser creates u with password and u.Grants. The actor needs
// ManageStaff on every grant's unit (on the whole subtree for Subtree
// grants; portal admin for the portal admin role), and a non-portal-admin
// must give at least one grant. Returns Invalid with field errors (user
// fields, "password", "grants"), Forbidden, or Conflict for a username in
// use. u.MustChangePassword is kept as given.
func (s *Service) CreateUser(ctx context.Context, u *User, password string) error {
	const op = "account.CreateUser"
	a, err := actor(ctx)
	if err != nil {
		return errs.E(op, err)
	}
	u.normalise()
	if err := s.validateNew(ctx, a, u, password); err != nil {
		return errs.E(op, err)
	}
	for _, g := range u.Grants {
		if !canGrant(a, g) {
			return errs.E(op, errs.Forbidden, "account.grant_forbidden")
		}
	}
	if u.PasswordHash, err = HashPassword(ctx, password); err != nil {
		return errs.E(op, err)
	}
	now := s.now()
	u.PasswordChanged, u.Created, u.Updated = now, now, now
	u.TOTPSecret, u.TOTPEnabled, u.Disabled, u.LastLogin = "", false, false, time.Time{}
	if err := s.store.CreateUser(ctx, u, s.entry(ctx, "user.create", u)); err != nil {
		return errs.E(op, err)
	}
	return nil
}
