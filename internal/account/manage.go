package account

import (
	"context"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// UpdateUser changes the profile of user id: the user itself or an actor
// who may manage it (see the package documentation). Returns the updated
// user, or NotFound, Forbidden, Invalid with field errors, or Conflict
// "error.stale" when upd.Version is not the stored version.
func (s *Service) UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error) {
	const op = "account.UpdateUser"
	u, err := s.selfOrManaged(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.Email != nil {
		u.Email = *upd.Email
	}
	u.normalise()
	if err := u.Validate(); err != nil {
		return nil, errs.E(op, err)
	}
	u.Version, u.Updated = upd.Version, s.now()
	if err := s.store.UpdateUser(ctx, u, false, s.entry(ctx, "user.update", u)); err != nil {
		return nil, errs.E(op, err)
	}
	return u, nil
}

// selfOrManaged loads user id when it is the actor itself or the actor may
// manage it.
func (s *Service) selfOrManaged(ctx context.Context, id int64) (*User, error) {
	if a := access.ActorFrom(ctx); a != nil && a.UserID != 0 && a.UserID == id {
		return s.store.FindUserByID(ctx, id)
	}
	_, u, err := s.manageableUser(ctx, id)
	return u, err
}

// DisableUser disables user id and ends all its sessions. The actor must
// manage the user and may not disable itself, nor the last enabled portal
// admin (Conflict). Disabling a disabled user changes nothing.
func (s *Service) DisableUser(ctx context.Context, id int64) error {
	const op = "account.DisableUser"
	a, u, err := s.manageableUser(ctx, id)
	if err != nil {
		return errs.E(op, err)
	}
	if a.UserID != 0 && a.UserID == u.ID {
		return errs.E(op, errs.Conflict, "account.disable_self")
	}
	if u.Disabled {
		return nil
	}
	if err := s.keepPortalAdmin(ctx, u, false); err != nil {
		return errs.E(op, err)
	}
	u.Disabled, u.Updated = true, s.now()
	if err := s.store.UpdateUser(ctx, u, true, s.entry(ctx, "user.disable", u)); err != nil {
		return errs.E(op, err)
	}
	return nil
}

// EnableUser enables user id again. The actor must manage the user.
func (s *Service) EnableUser(ctx context.Context, id int64) error {
	const op = "account.EnableUser"
	_, u, err := s.manageableUser(ctx, id)
	if err != nil {
		return errs.E(op, err)
	}
	if !u.Disabled {
		return nil
	}
	u.Disabled, u.Updated = false, s.now()
	if err := s.store.UpdateUser(ctx, u, false, s.entry(ctx, "user.enable", u)); err != nil {
		return errs.E(op, err)
	}
	return nil
}

// ResetPassword sets a temporary password for user id, which must be
// changed at the next login, and ends all the user's sessions. The actor
// must manage the user; its own password it changes with ChangePassword
// (Forbidden here, since a reset needs no current password). The temporary
// password must pass the policy (Invalid on field "password").
func (s *Service) ResetPassword(ctx context.Context, id int64, temporary string) error {
	const op = "account.ResetPassword"
	a, u, err := s.manageableUser(ctx, id)
	if err != nil {
		return errs.E(op, err)
	}
	if a.UserID != 0 && a.UserID == u.ID {
		return errs.E(op, errs.Forbidden, "account.reset_self")
	}
	if err := CheckPassword(temporary, u.Username); err != nil {
		return errs.E(op, err)
	}
	if u.PasswordHash, err = HashPassword(ctx, temporary); err != nil {
		return errs.E(op, err)
	}
	now := s.now()
	u.MustChangePassword, u.PasswordChanged, u.Updated = true, now, now
	if err := s.store.UpdateUser(ctx, u, true, s.entry(ctx, "user.reset_password", u)); err != nil {
		return errs.E(op, err)
	}
	return nil
}
