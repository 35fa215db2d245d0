package procedure

import (
	"context"
	"fmt"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
)

// entry returns the audit entry of a change to p: the action, the owning
// unit, and a short detail naming the version and the decision.
func (s *Service) entry(ctx context.Context, action string, p *Procedure, b Basis) *audit.Entry {
	e := &audit.Entry{
		At: s.now(), Action: action, ObjectKind: "procedure", ObjectID: p.Code,
		UnitID: p.OwnerUnitID, IP: audit.IPFrom(ctx), Outcome: "ok", Detail: detail(p, b),
	}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	return e
}

// detail is a short, non-personal description for the audit log.
func detail(p *Procedure, b Basis) string {
	d := fmt.Sprintf("status %s", p.Status)
	if b.Decision != "" {
		d += "; decision " + truncate(b.Decision, 120)
	}
	if b.Reason != "" {
		d += "; " + truncate(b.Reason, 200)
	}
	return d
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
