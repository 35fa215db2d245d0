package dossier

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
)

// MaxRatingComment is the longest comment a rating may carry, in
// characters.
const MaxRatingComment = 1000

// RateRequest is the applicant's satisfaction rating.
type RateRequest struct {
	Token   string // from a lookup answer
	Score   int    // 1 to 5
	Comment string // optional
}

// Rate records the rating of the dossier the token names, once, after its
// result was returned, and adds it to the statistics in the same
// transaction; it returns the dossier's view with the rating. It returns
// Unauthorized "lookup.token_invalid" for a bad or expired token; Invalid
// with field errors ("score", "comment") for a score outside 1–5 or a
// comment too long, Invalid "lookup.rate_not_yet" before the result was
// returned; Conflict "lookup.already_rated" when the dossier was rated;
// and the store's errors.
func (s *LookupService) Rate(ctx context.Context, r RateRequest) (*PublicDossier, error) {
	const op = "dossier.Rate"
	id, hash, err := s.verifyToken(ctx, r.Token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	var fe errs.FieldErrors
	r.Comment = strings.TrimSpace(r.Comment)
	if r.Score < 1 || r.Score > 5 {
		fe.Add("score", "lookup.score_invalid")
	}
	if utf8.RuneCountInString(r.Comment) > MaxRatingComment || !utf8.ValidString(r.Comment) {
		fe.Add("comment", "lookup.comment_too_long")
	}
	if err := fe.Err(op); err != nil {
		return nil, err
	}
	d, err := s.store.FindDossierByID(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if d.Status != Returned {
		return nil, errs.E(op, errs.Invalid, "lookup.rate_not_yet")
	}
	rating := &Rating{DossierID: id, Score: r.Score, Comment: r.Comment, Created: s.now().UTC()}
	if err := s.store.CreateRating(ctx, rating, RatingContribution(d, r.Score)); err != nil {
		return nil, errs.E(op, err)
	}
	return s.view(ctx, id, hash)
}
