package centreapi

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// SignedRequest is what Authenticate checks of an HTTP request.
type SignedRequest struct {
	Method        string
	RequestURI    string // path and query as sent
	Authorization string
	Body          []byte
}

// Authenticate returns the client that signed r. It returns Unauthorized
// with a message key saying what to fix: "centre.auth_missing" or
// "centre.auth_malformed" for the header, "centre.auth_failed" for an
// unknown or disabled key or a wrong signature (not told apart),
// "centre.auth_clock_skew" for a timestamp more than MaxSkew from the
// server's clock, "centre.auth_replay" for a nonce already used. Failures
// after the key is known count against the client's connectivity. It
// returns Internal or Unavailable when the store fails.
func (s *Service) Authenticate(ctx context.Context, r SignedRequest) (*Client, error) {
	const op = "centreapi.Authenticate"
	sig, err := ParseAuthorization(r.Authorization)
	if err != nil {
		return nil, err
	}
	c, err := s.store.FindClientByKeyID(ctx, sig.KeyID)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.E(op, errs.Unauthorized, "centre.auth_failed", err)
	}
	if err != nil {
		return nil, errs.E(op, err)
	}
	now := s.now()
	if err := s.check(ctx, c, sig, r, now); err != nil {
		s.RequestFailed(ctx, c)
		return nil, errs.E(op, err)
	}
	return redacted(c), nil
}

// check verifies the signature, the clock and the nonce, in that order:
// only a correctly signed request may record a nonce.
func (s *Service) check(ctx context.Context, c *Client, sig Signature, r SignedRequest, now time.Time) error {
	if c.Disabled || !s.signedBy(c, sig, r, now) {
		return errs.E("centreapi.check", errs.Unauthorized, "centre.auth_failed")
	}
	if skew := now.Sub(time.Unix(sig.Timestamp, 0)); skew > MaxSkew || skew < -MaxSkew {
		return errs.E("centreapi.check", errs.Unauthorized, "centre.auth_clock_skew", errs.MsgArgs{now.UTC().Unix()})
	}
	var sweep time.Time
	if last := s.lastSweep.Load(); now.UnixNano()-last > int64(time.Minute) && s.lastSweep.CompareAndSwap(last, now.UnixNano()) {
		sweep = now.Add(-NonceTTL)
	}
	err := s.store.UseNonce(ctx, c.KeyID, sig.Nonce, now.UTC(), sweep.UTC())
	if errs.Is(err, errs.Conflict) {
		return errs.E("centreapi.check", errs.Unauthorized, "centre.auth_replay", err)
	}
	return err
}

// signedBy reports whether sig is valid under the client's current
// secret, or its previous one during the grace period.
func (s *Service) signedBy(c *Client, sig Signature, r SignedRequest, now time.Time) bool {
	if s.verifyWith(c.SecretSealed, c.KeyID, sig, r) {
		return true
	}
	return c.PreviousSealed != "" && now.Before(c.PreviousUntil) && s.verifyWith(c.PreviousSealed, c.KeyID, sig, r)
}

func (s *Service) verifyWith(sealed, keyID string, sig Signature, r SignedRequest) bool {
	secret, err := s.keys.Open(secretPurpose, sealed, []byte(keyID))
	if err != nil || len(secret) == 0 {
		return false
	}
	return sig.verify(string(secret), r.Method, r.RequestURI, r.Body)
}

// RequestFailed counts a refused or failed request of client c (bad
// signature, malformed body, server error) for its connectivity figures.
// It never fails: a lost count is not worth failing the answer for.
func (s *Service) RequestFailed(ctx context.Context, c *Client) {
	if c == nil {
		return
	}
	now := s.now()
	_ = s.store.RecordFailure(context.WithoutCancel(ctx), c, day(now), now.UTC())
}
