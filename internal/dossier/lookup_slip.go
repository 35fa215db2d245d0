package dossier

import (
	"context"

	"github.com/cong-vn/cong/internal/errs"
)

// Slip returns the apology slip numbered number of the dossier the lookup
// token names, with the dossier's public view (for the printable slip:
// the applicant's name masked, no contact). It returns Unauthorized
// "lookup.token_invalid" for a bad or expired token, NotFound
// "dossier.slip_not_found" when the dossier has no such slip, and the
// store's errors.
func (s *LookupService) Slip(ctx context.Context, token string, number int64) (*PublicDossier, *PublicSlip, error) {
	const op = "dossier.Slip"
	p, err := s.View(ctx, token)
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	for i := range p.Slips {
		if p.Slips[i].Number == number {
			return p, &p.Slips[i], nil
		}
	}
	return nil, nil, errs.E(op, errs.NotFound, "dossier.slip_not_found")
}
