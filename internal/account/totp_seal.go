package account

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// TOTP secrets are sealed at rest with Config.Keys (AES-256-GCM under the
// key of totpPurpose, bound to the user's id), so a copy of the database
// or a backup alone gives no second factor. A secret stored before
// sealing is recognised by its form (base32 has no ':') and still works;
// SealTOTPSecrets seals those.

const totpPurpose = "account.totp"

// sealedTOTP reports whether a stored secret is sealed rather than base32.
func sealedTOTP(stored string) bool { return strings.Contains(stored, ":") }

func totpAAD(u *User) []byte { return []byte(strconv.FormatInt(u.ID, 10)) }

// sealTOTP returns the form of secret to store for u: sealed when the
// service has keys.
func (s *Service) sealTOTP(u *User, secret string) (string, error) {
	if s.cfg.Keys == nil {
		return secret, nil
	}
	return s.cfg.Keys.Seal(totpPurpose, []byte(secret), totpAAD(u))
}

// totpSecret returns u's base32 secret from its stored form.
func (s *Service) totpSecret(u *User) (string, error) {
	if !sealedTOTP(u.TOTPSecret) {
		return u.TOTPSecret, nil
	}
	if s.cfg.Keys == nil {
		return "", errs.E("account.totpSecret", errs.Internal, errors.New("a sealed TOTP secret and no keys to open it"))
	}
	b, err := s.cfg.Keys.Open(totpPurpose, u.TOTPSecret, totpAAD(u))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// SealTOTPSecrets seals every TOTP secret stored in clear (before
// secrets were sealed) and returns how many it sealed; each is audited as
// "user.totp_sealed" by the system. It does nothing without keys. serve
// runs it at start; it is safe to run on several nodes at once (a user
// changed meanwhile is left for the next run).
func (s *Service) SealTOTPSecrets(ctx context.Context) (int, error) {
	const op = "account.SealTOTPSecrets"
	if s.cfg.Keys == nil {
		return 0, nil
	}
	users, _, err := s.store.FindUsers(ctx, UserFilter{AllUnits: true})
	if err != nil {
		return 0, errs.E(op, err)
	}
	ctx = access.WithActor(ctx, SystemActor("system"))
	n := 0
	for _, u := range users {
		if u.TOTPSecret == "" || sealedTOTP(u.TOTPSecret) {
			continue
		}
		// FindUsers may leave fields out: seal the full record.
		full, err := s.store.FindUserByID(ctx, u.ID)
		if err != nil || full.TOTPSecret == "" || sealedTOTP(full.TOTPSecret) {
			continue
		}
		if full.TOTPSecret, err = s.sealTOTP(full, full.TOTPSecret); err != nil {
			return n, errs.E(op, err)
		}
		full.Updated = s.now()
		if err := s.store.UpdateUser(ctx, full, false, s.entry(ctx, "user.totp_sealed", full)); err != nil {
			if errs.Is(err, errs.Conflict) {
				continue
			}
			return n, errs.E(op, err)
		}
		n++
	}
	return n, nil
}
