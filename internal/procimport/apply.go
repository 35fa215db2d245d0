package procimport

import (
	"context"
	"fmt"
	"sort"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

// Report says what an import did, by procedure code, and what it could not
// map.
type Report struct {
	Read      int      // records read
	Created   []string // new procedures, published
	Updated   []string // procedures whose content changed: a new published version
	Unchanged []string
	Failed    []Failure // records not imported
	Problems  []Problem // fields not mapped exactly, including owner fallbacks
	// Owners counts the imported records by owning unit code.
	Owners map[string]int
}

// Failure is a record that could not be imported, with the reason.
type Failure struct {
	Code string
	Line int
	Err  error
}

// Options tune Apply.
type Options struct {
	// Owner is the code of the unit that owns every imported procedure;
	// empty maps each implementing agency to a unit (see Owners).
	Owner string
	// Reason is recorded with each new version; default "import dvcqg".
	Reason string
}

// Announcer records announced procedures; *procedure.Service satisfies it.
type Announcer interface {
	Announce(ctx context.Context, p *procedure.Procedure, b procedure.Basis) (procedure.Outcome, error)
}

// Apply announces the procedures of items through svc as the actor in ctx,
// in order, and reports the outcome. A record the service rejects (invalid,
// forbidden, abolished) is listed in Failed and the import goes on; it
// returns early only when the owner unit cannot be found or the storage
// fails (Internal, Unavailable), with the report so far.
func Apply(ctx context.Context, svc Announcer, units Units, items []Item, opt Options) (Report, error) {
	const op = "procimport.Apply"
	rep := Report{Read: len(items), Owners: map[string]int{}}
	own, err := owners(ctx, units, opt.Owner)
	if err != nil {
		return rep, errs.E(op, err)
	}
	reason := opt.Reason
	if reason == "" {
		reason = "import " + Source
	}
	for _, it := range items {
		rep.Problems = append(rep.Problems, it.Problems...)
		if err := applyOne(ctx, svc, own, it, reason, &rep); err != nil {
			return rep, errs.E(op, err)
		}
	}
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
	return rep, nil
}

// owners returns the resolver: a fixed unit when code is set.
func owners(ctx context.Context, units Units, code string) (resolver, error) {
	if code != "" {
		u, err := units.FindUnitByCode(ctx, code)
		if err != nil {
			return nil, fmt.Errorf("owner unit %q: %w", code, err)
		}
		return fixed{u.ID, u.Code}, nil
	}
	return LoadOwners(ctx, units)
}

// resolver picks the owning unit of a procedure.
type resolver interface {
	owner(it Item) (id int64, code string, problem *Problem)
}

type fixed struct {
	id   int64
	code string
}

func (f fixed) owner(Item) (int64, string, *Problem) { return f.id, f.code, nil }

func (o *Owners) owner(it Item) (int64, string, *Problem) {
	p := it.Procedure
	u, ok := o.Resolve(p.ImplementingAgency)
	if ok {
		return u.ID, u.Code, nil
	}
	return u.ID, u.Code, &Problem{Code: p.Code, Line: it.Line, Field: "owner", Value: short(p.ImplementingAgency),
		Reason: "no unit named by the implementing agency; owned by the city root unit " + u.Code}
}

// applyOne announces one item and files its outcome in rep.
func applyOne(ctx context.Context, svc Announcer, own resolver, it Item, reason string, rep *Report) error {
	p := it.Procedure.Clone()
	id, code, prob := own.owner(it)
	p.OwnerUnitID = id
	if prob != nil {
		rep.Problems = append(rep.Problems, *prob)
	}
	out, err := svc.Announce(ctx, p, procedure.Basis{Decision: p.AnnouncingDecision, Reason: reason})
	switch {
	case errs.Is(err, errs.Internal) || errs.Is(err, errs.Unavailable):
		return fmt.Errorf("procedure %s (line %d): %w", p.Code, it.Line, err)
	case err != nil:
		rep.Failed = append(rep.Failed, Failure{Code: p.Code, Line: it.Line, Err: err})
		return nil
	}
	rep.Owners[code]++
	switch out {
	case procedure.Created:
		rep.Created = append(rep.Created, p.Code)
	case procedure.Amended:
		rep.Updated = append(rep.Updated, p.Code)
	default:
		rep.Unchanged = append(rep.Unchanged, p.Code)
	}
	return nil
}

// MapAll maps every record.
func MapAll(recs []*Record) []Item {
	out := make([]Item, len(recs))
	for i, r := range recs {
		out[i] = Map(r)
	}
	return out
}

// ProblemsByField counts the problems by field, with array indexes
// dropped ("channels[1].fees" counts as "channels.fees").
func (r Report) ProblemsByField() map[string]int {
	out := map[string]int{}
	for _, p := range r.Problems {
		out[fieldClass(p.Field)]++
	}
	return out
}

// fieldClass drops "[n]" from a field path.
func fieldClass(f string) string {
	var b []byte
	skip := false
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c == '[':
			skip = true
		case c == ']':
			skip = false
		case !skip:
			b = append(b, c)
		}
	}
	return string(b)
}
