package centreapi

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// secretPurpose is the keyring purpose of sealed client secrets.
const secretPurpose = "centre-client-secret"

// CreateClient creates an API client for the centre unit with code
// unitCode, named name (a label, at most 100 characters), and returns it
// with its credentials: the secret is returned this once and stored only
// sealed. Portal administrators only (access.Administer): Unauthorized
// for an anonymous actor, Forbidden for others. It returns Invalid when
// the unit is unknown, inactive or not a centre, or the name is too long.
func (s *Service) CreateClient(ctx context.Context, unitCode, name string) (*Client, Credentials, error) {
	const op = "centreapi.CreateClient"
	if err := administer(ctx); err != nil {
		return nil, Credentials{}, errs.E(op, err)
	}
	u, err := s.centreUnit(ctx, unitCode)
	if err != nil {
		return nil, Credentials{}, errs.E(op, err)
	}
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 100 {
		return nil, Credentials{}, errs.E(op, errs.Invalid, "error.invalid", map[string]string{"name": "field.too_long"})
	}
	cred := Credentials{KeyID: newKeyID(), Secret: newSecret()}
	sealed, err := s.keys.Seal(secretPurpose, []byte(cred.Secret), []byte(cred.KeyID))
	if err != nil {
		return nil, Credentials{}, errs.E(op, err)
	}
	c := &Client{KeyID: cred.KeyID, UnitID: u.ID, UnitCode: u.Code, Name: name, SecretSealed: sealed, Created: s.now().UTC()}
	if err := s.store.CreateClient(ctx, c, s.entry(ctx, "centre.client_create", c)); err != nil {
		return nil, Credentials{}, errs.E(op, err)
	}
	return redacted(c), cred, nil
}

// FindClients lists the clients of the centre unitID (every centre for
// 0), without their secrets. Portal administrators only: Unauthorized or
// Forbidden otherwise.
func (s *Service) FindClients(ctx context.Context, unitID int64) ([]*Client, error) {
	const op = "centreapi.FindClients"
	if err := administer(ctx); err != nil {
		return nil, errs.E(op, err)
	}
	list, err := s.store.FindClients(ctx, unitID)
	if err != nil {
		return nil, errs.E(op, err)
	}
	for i, c := range list {
		list[i] = redacted(c)
	}
	return list, nil
}

// RotateClient gives the client keyID a new secret and returns it (shown
// this once). With immediate the old secret stops working now; otherwise
// it stays valid for the rotation grace period, so the centre can switch
// without failed requests. Portal administrators only. It returns
// NotFound for an unknown key id and Invalid for a disabled client.
func (s *Service) RotateClient(ctx context.Context, keyID string, immediate bool) (Credentials, error) {
	const op = "centreapi.RotateClient"
	if err := administer(ctx); err != nil {
		return Credentials{}, errs.E(op, err)
	}
	c, err := s.store.FindClientByKeyID(ctx, keyID)
	if err != nil {
		return Credentials{}, errs.E(op, err)
	}
	if c.Disabled {
		return Credentials{}, errs.E(op, errs.Invalid, "centre.client_disabled")
	}
	cred := Credentials{KeyID: c.KeyID, Secret: newSecret()}
	sealed, err := s.keys.Seal(secretPurpose, []byte(cred.Secret), []byte(c.KeyID))
	if err != nil {
		return Credentials{}, errs.E(op, err)
	}
	now := s.now().UTC()
	c.PreviousSealed, c.PreviousUntil = c.SecretSealed, now.Add(s.grace)
	if immediate {
		c.PreviousSealed, c.PreviousUntil = "", time.Time{}
	}
	c.SecretSealed, c.Rotated = sealed, now
	if err := s.store.UpdateClientKeys(ctx, c, s.entry(ctx, "centre.client_rotate", c)); err != nil {
		return Credentials{}, errs.E(op, err)
	}
	return cred, nil
}

// DisableClient refuses every further request of the client keyID and
// drops its secrets. Portal administrators only. It returns NotFound for
// an unknown key id.
func (s *Service) DisableClient(ctx context.Context, keyID string) error {
	const op = "centreapi.DisableClient"
	if err := administer(ctx); err != nil {
		return errs.E(op, err)
	}
	c, err := s.store.FindClientByKeyID(ctx, keyID)
	if err != nil {
		return errs.E(op, err)
	}
	c.Disabled, c.SecretSealed, c.PreviousSealed, c.PreviousUntil = true, "", "", time.Time{}
	return wrap(op, s.store.UpdateClientKeys(ctx, c, s.entry(ctx, "centre.client_disable", c)))
}

// centreUnit returns the active centre unit with code, or Invalid naming
// the "unit" field.
func (s *Service) centreUnit(ctx context.Context, code string) (*unit.Unit, error) {
	u, err := s.units.FindUnitByCode(ctx, code)
	switch {
	case errs.Is(err, errs.NotFound):
		return nil, errs.E("centreapi.centreUnit", errs.Invalid, "error.invalid", map[string]string{"unit": "centre.unit_unknown"}, err)
	case err != nil:
		return nil, err
	case u.Kind != unit.Centre || !u.Active:
		return nil, errs.E("centreapi.centreUnit", errs.Invalid, "error.invalid", map[string]string{"unit": "centre.unit_not_centre"})
	}
	return u, nil
}

// administer checks that the actor may manage integrations.
func administer(ctx context.Context) error {
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return errs.E("centreapi.administer", errs.Unauthorized)
	}
	if !access.Can(actor, access.Administer, access.Target{}) {
		return errs.E("centreapi.administer", errs.Forbidden, "error.forbidden")
	}
	return nil
}

// redacted returns a copy of c without its sealed secrets.
func redacted(c *Client) *Client {
	out := *c
	out.SecretSealed, out.PreviousSealed = "", ""
	return &out
}

func (s *Service) entry(ctx context.Context, action string, c *Client) *audit.Entry {
	e := &audit.Entry{At: s.now().UTC(), Action: action, ObjectKind: "centre_client", ObjectID: c.KeyID,
		UnitID: c.UnitID, IP: audit.IPFrom(ctx), Detail: c.Name}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	return e
}
