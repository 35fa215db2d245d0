package procedure

import (
	"context"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// Outcome is what Announce did with a procedure.
type Outcome string

// The outcomes of Announce.
const (
	Created   Outcome = "created"   // a new procedure, published as version 1
	Amended   Outcome = "amended"   // a new published version of a known procedure
	Unchanged Outcome = "unchanged" // the published content was already the same
)

// Announce records p as announced by a competent decision, for imports of
// the national database and the demo seed: a procedure not yet stored is
// created as published version 1; a stored one whose newest version is
// published with the same content (ContentHash) is left unchanged; any
// other gets p as a new published version, which supersedes a pending
// draft (kept in the history). b.Decision defaults to p.AnnouncingDecision;
// a decision or a reason is required. The actor needs ApproveContent on the
// owning unit, and on the current one when the owner changes.
//
// It returns Invalid, Unauthorized, Forbidden, NotFound (a procedure the
// actor may not see), Conflict "procedure.abolished" for an abolished
// procedure (announce it again by editing it), and Conflict "error.stale"
// when the procedure changed meanwhile.
func (s *Service) Announce(ctx context.Context, p *Procedure, b Basis) (Outcome, error) {
	const op = "procedure.Announce"
	if b.Decision == "" {
		b.Decision = p.AnnouncingDecision
	}
	if err := s.prepare(ctx, p, access.ApproveContent); err != nil {
		return "", errs.E(op, err)
	}
	if b.Decision == "" && b.Reason == "" {
		return "", errs.E(op, errs.Invalid, "error.invalid", map[string]string{"decision": "procedure.decision_required"})
	}
	cur, err := s.store.FindProcedureByCode(ctx, p.Code)
	if errs.Is(err, errs.NotFound) {
		return Created, wrap(op, s.createPublished(ctx, p, b))
	}
	if err != nil {
		return "", errs.E(op, err)
	}
	out, err := s.amend(ctx, cur, p, b)
	return out, wrap(op, err)
}

// createPublished stores p as published version 1.
func (s *Service) createPublished(ctx context.Context, p *Procedure, b Basis) error {
	p.Status, p.PublishedVersion = Published, 1
	p.Revision = s.announced(ctx, b)
	return s.store.CreateProcedure(ctx, p, s.entry(ctx, "procedure.announce", p, b))
}

// amend appends p as a published version after cur unless nothing changed.
func (s *Service) amend(ctx context.Context, cur, p *Procedure, b Basis) (Outcome, error) {
	if err := allow(ctx, cur, access.ApproveContent); err != nil {
		return "", err
	}
	switch {
	case cur.Status == Published && cur.Revision.Hash == p.ContentHash():
		adopt(p, cur)
		return Unchanged, nil
	case cur.Status == Abolished:
		return "", errs.E("procedure.amend", errs.Conflict, "procedure.abolished")
	}
	p.ID, p.Latest, p.Status = cur.ID, cur.Latest, Published
	p.PublishedVersion = cur.Latest + 1
	p.Revision = s.announced(ctx, b)
	return Amended, s.store.AddProcedureVersion(ctx, p, s.entry(ctx, "procedure.announce", p, b))
}

// announced is the revision of an announced version: approved and
// published by the actor at once, the decision being the approval.
func (s *Service) announced(ctx context.Context, b Basis) Revision {
	r := s.revision(ctx, ChangeAnnounce, Published, b)
	r.ApprovedBy, r.ApprovedAt = actorName(ctx), r.At
	r.PublishedBy, r.PublishedAt = r.ApprovedBy, r.At
	return r
}
