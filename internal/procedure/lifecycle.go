package procedure

import (
	"context"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// Basis says why a version is made: a free-text reason and, for
// amendments, announcements and abolitions, the decision behind it (e.g.
// "Quyết định số 1234/QĐ-UBND ngày 01/07/2025").
type Basis struct {
	Reason   string
	Decision string
	// Date is the date the decision takes effect (YYYY-MM-DD), optional;
	// Abolish records it as the procedure's EffectiveTo.
	Date string
}

// CreateProcedure stores p as a new draft (version 1). The actor needs
// EditContent on p's owning unit. It normalises p and fills its ID,
// versions, status and revision. It returns Unauthorized for the public,
// Invalid with field errors (an unknown owner is a field error), Forbidden,
// or Conflict ("procedure.code_taken") for a code in use.
func (s *Service) CreateProcedure(ctx context.Context, p *Procedure, b Basis) error {
	const op = "procedure.CreateProcedure"
	if err := s.prepare(ctx, p, access.EditContent); err != nil {
		return errs.E(op, err)
	}
	p.Status, p.PublishedVersion = Draft, 0
	p.Revision = s.revision(ctx, ChangeCreate, Draft, b)
	return wrap(op, s.store.CreateProcedure(ctx, p, s.entry(ctx, "procedure.create", p, b)))
}

// UpdateProcedure stores p's content as a new draft version of the
// procedure with p.Code. p.Latest (or p.Version when Latest is 0) names the
// version the editor read. The actor needs EditContent on the current and
// on the new owning unit. The published version, if any, stays public
// until the new one is published. Content equal to the newest version's
// stores nothing and returns nil. It returns NotFound, Unauthorized,
// Forbidden, Invalid, Conflict "error.stale" when the procedure changed
// since it was read, and Conflict "procedure.abolished" for an abolished
// procedure.
func (s *Service) UpdateProcedure(ctx context.Context, p *Procedure, b Basis) error {
	const op = "procedure.UpdateProcedure"
	cur, err := s.current(ctx, p.Code, access.EditContent)
	if err != nil {
		return errs.E(op, err)
	}
	if err := checkRead(cur, readVersion(p)); err != nil {
		return errs.E(op, err)
	}
	if cur.Status == Abolished {
		return errs.E(op, errs.Conflict, "procedure.abolished")
	}
	if err := s.prepare(ctx, p, access.EditContent); err != nil {
		return errs.E(op, err)
	}
	if p.ContentHash() == cur.Revision.Hash {
		adopt(p, cur)
		return nil
	}
	p.ID, p.Latest, p.PublishedVersion, p.Status = cur.ID, cur.Latest, cur.PublishedVersion, Draft
	p.Revision = s.revision(ctx, ChangeEdit, Draft, b)
	return wrap(op, s.store.AddProcedureVersion(ctx, p, s.entry(ctx, "procedure.update", p, b)))
}

// Approve marks the newest version of the procedure with code, which the
// approver read as version, as approved. The actor needs ApproveContent on
// the owning unit. It returns the procedure as stored, NotFound,
// Unauthorized, Forbidden, Conflict "error.stale" for a newer version, and
// Conflict "procedure.bad_transition" unless the version is a draft.
func (s *Service) Approve(ctx context.Context, code string, version int) (*Procedure, error) {
	return s.transition(ctx, "procedure.Approve", code, version, Draft, Approved)
}

// Publish makes the approved newest version of the procedure with code,
// read as version, the public one. The actor needs ApproveContent on the
// owning unit. Errors as for Approve; the version must be approved.
func (s *Service) Publish(ctx context.Context, code string, version int) (*Procedure, error) {
	return s.transition(ctx, "procedure.Publish", code, version, Approved, Published)
}

// transition moves the newest version from one status to the next.
func (s *Service) transition(ctx context.Context, op, code string, version int, from, to Status) (*Procedure, error) {
	p, err := s.current(ctx, code, access.ApproveContent)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if err := checkRead(p, version); err != nil {
		return nil, errs.E(op, err)
	}
	if p.Status != from {
		return nil, errs.E(op, errs.Conflict, "procedure.bad_transition")
	}
	actor := actorName(ctx)
	p.Status, p.Revision.Status = to, to
	if to == Approved {
		p.Revision.ApprovedBy, p.Revision.ApprovedAt = actor, s.now()
	} else {
		p.Revision.PublishedBy, p.Revision.PublishedAt = actor, s.now()
		p.PublishedVersion = p.Version
	}
	e := s.entry(ctx, "procedure."+map[Status]string{Approved: "approve", Published: "publish"}[to], p, Basis{})
	if err := s.store.SetProcedureStatus(ctx, p, from, e); err != nil {
		return nil, errs.E(op, err)
	}
	return p, nil
}

// Abolish ends the procedure with code, read as version, by decision: it
// appends a version with the same content (that of the published version
// when there is one), status abolished and, when b.Date is set, that date
// as EffectiveTo. A procedure that had been published stays readable by the
// public as abolished. The actor needs ApproveContent; b.Decision is
// required (Invalid otherwise). Other errors as for Approve; an abolished
// procedure is Conflict "procedure.bad_transition".
func (s *Service) Abolish(ctx context.Context, code string, version int, b Basis) (*Procedure, error) {
	const op = "procedure.Abolish"
	cur, err := s.current(ctx, code, access.ApproveContent)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if err := checkRead(cur, version); err != nil {
		return nil, errs.E(op, err)
	}
	if err := checkBasis(b); err != nil {
		return nil, errs.E(op, err)
	}
	if cur.Status == Abolished {
		return nil, errs.E(op, errs.Conflict, "procedure.bad_transition")
	}
	p, err := s.abolished(ctx, cur, b)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if err := s.store.AddProcedureVersion(ctx, p, s.entry(ctx, "procedure.abolish", p, b)); err != nil {
		return nil, errs.E(op, err)
	}
	return p, nil
}

// abolished returns the abolishing version to append after cur.
func (s *Service) abolished(ctx context.Context, cur *Procedure, b Basis) (*Procedure, error) {
	p := cur.Clone()
	if cur.PublishedVersion > 0 && cur.PublishedVersion != cur.Version {
		pub, err := s.store.FindProcedureVersion(ctx, cur.Code, cur.PublishedVersion)
		if err != nil {
			return nil, err
		}
		p.SetContent(pub)
	}
	if b.Date != "" {
		p.EffectiveTo = b.Date
	}
	p.Normalize()
	p.Status = Abolished
	if cur.PublishedVersion > 0 {
		p.PublishedVersion = cur.Latest + 1
	}
	p.Revision = s.revision(ctx, ChangeAbolish, Abolished, b)
	return p, nil
}

func checkBasis(b Basis) error {
	var f errs.FieldErrors
	if b.Decision == "" {
		f.Add("decision", "procedure.decision_required")
	}
	checkText(&f, "decision", b.Decision, false, maxShort)
	checkText(&f, "reason", b.Reason, false, maxLong)
	checkDate(&f, "date", b.Date)
	return f.Err("procedure.checkBasis")
}

// current loads the newest version of code and checks that the actor may do
// action on it: NotFound for actors who may not see it at all.
func (s *Service) current(ctx context.Context, code string, action access.Action) (*Procedure, error) {
	cur, err := s.store.FindProcedureByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := allow(ctx, cur, action); err != nil {
		return nil, err
	}
	return cur, nil
}

// prepare normalises and validates p, resolves its owning unit and checks
// that the actor may do action there.
func (s *Service) prepare(ctx context.Context, p *Procedure, action access.Action) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	owner, err := s.units.FindUnitByID(ctx, p.OwnerUnitID)
	if errs.Is(err, errs.NotFound) {
		return errs.E("procedure.prepare", errs.Invalid, "error.invalid", map[string]string{"owner_unit": "procedure.owner_missing"}, err)
	}
	if err != nil {
		return err
	}
	p.OwnerUnitCode, p.OwnerUnitPath = owner.Code, owner.Path
	if actor := access.ActorFrom(ctx); !access.Can(actor, action, p.Target()) {
		if actor == nil {
			return errs.E("procedure.prepare", errs.Unauthorized)
		}
		return errs.E("procedure.prepare", errs.Forbidden, "error.forbidden")
	}
	return nil
}

// allow returns nil when the actor may do action on p; otherwise
// Unauthorized for the public, NotFound for those who may not know an
// unpublished procedure exists, and Forbidden for the rest.
func allow(ctx context.Context, p *Procedure, action access.Action) error {
	actor := access.ActorFrom(ctx)
	switch {
	case access.Can(actor, action, p.Target()):
		return nil
	case actor == nil:
		return errs.E("procedure.allow", errs.Unauthorized)
	case p.PublishedVersion == 0 && !canViewPrivate(ctx, p):
		return errs.E("procedure.allow", errs.NotFound, "procedure.not_found")
	}
	return errs.E("procedure.allow", errs.Forbidden, "error.forbidden")
}

// checkRead is Conflict "error.stale" unless read, the version the caller
// based its change on, is the newest.
func checkRead(cur *Procedure, read int) error {
	if read != cur.Latest {
		return errs.E("procedure.checkRead", errs.Conflict, "error.stale")
	}
	return nil
}

// readVersion is the version an edited p was read as.
func readVersion(p *Procedure) int {
	if p.Latest != 0 {
		return p.Latest
	}
	return p.Version
}

// adopt copies the stored metadata of cur onto p.
func adopt(p, cur *Procedure) {
	p.ID, p.Status, p.Version, p.Latest = cur.ID, cur.Status, cur.Version, cur.Latest
	p.PublishedVersion, p.Created, p.Revision = cur.PublishedVersion, cur.Created, cur.Revision
}

func (s *Service) revision(ctx context.Context, c Change, st Status, b Basis) Revision {
	r := Revision{Status: st, Change: c, Reason: b.Reason, Decision: b.Decision, At: s.now()}
	if a := access.ActorFrom(ctx); a != nil {
		r.AuthorID, r.AuthorName = a.UserID, a.Name
	}
	return r
}

func actorName(ctx context.Context) string {
	if a := access.ActorFrom(ctx); a != nil {
		return a.Name
	}
	return ""
}

// wrap returns err with op, and nil for nil (errs.E never returns nil).
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return errs.E(op, err)
}
