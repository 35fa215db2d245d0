package procedure

import (
	"context"

	"github.com/cong-vn/cong/internal/audit"
)

// Filter selects procedures; nil and empty fields are not filtered on.
type Filter struct {
	Query       *string      // folded substring of the code or the name
	Levels      []Level      // any of these levels
	Field       *string      // exactly this field
	Agency      *string      // exactly this implementing agency
	OwnerUnitID *int64       // owned by this unit
	OnlineLevel *OnlineLevel // exactly this online level
	Status      *Status      // exactly this status; the public sees published by default

	// Private asks for the staff view: the newest version of each
	// procedure, drafts included, limited to the units in Scope. Without
	// it (and for actors who see no private data) the filter reads the
	// published version of each procedure.
	Private bool
	// Scope limits the private view to units; the Service sets it from the
	// actor's grants and ignores the caller's value. A nil Scope in a
	// private filter given to the store directly means every unit.
	Scope *Scope

	Offset int
	Limit  int // 0 means no limit
}

// Scope is a set of units: those listed and every unit below the listed
// subtree paths.
type Scope struct {
	UnitIDs  []int64
	Subtrees []string // unit paths such as "/1/5/"; every unit whose path starts with one
}

// Facets counts the procedures of a filter by level, field, agency, online
// level and owning unit. Each dimension is counted with the filter's other
// conditions but without its own, so every choice shows how many a click
// on it would find (a procedure with two levels counts once in each).
type Facets struct {
	Levels       []FacetCount // in the order of Levels, zero counts omitted
	Fields       []FacetCount // by count, then value
	Agencies     []FacetCount // implementing agencies, by count, then value
	OnlineLevels []FacetCount // in the order of OnlineLevels, zero counts omitted
	Owners       []FacetCount // Value is the unit code, Label its name
	Total        int          // procedures matching the whole filter
}

// FacetCount is one value of a facet and how many procedures have it.
type FacetCount struct {
	Value string
	Label string // a display name when Value is a code, else ""
	Count int
}

// Store persists procedures and their versions. Writes append the audit
// entry in the same transaction; a nil entry fails the write.
type Store interface {
	// FindProcedureByCode returns the newest version of the procedure with
	// code, or NotFound ("procedure.not_found").
	FindProcedureByCode(ctx context.Context, code string) (*Procedure, error)
	// FindProcedureVersion returns version n of the procedure with code,
	// with Latest and PublishedVersion of the procedure, or NotFound.
	FindProcedureVersion(ctx context.Context, code string, n int) (*Procedure, error)
	// FindProcedureRevisions returns the revisions of every version of the
	// procedure with code, oldest first, or NotFound.
	FindProcedureRevisions(ctx context.Context, code string) ([]*Revision, error)
	// FindProcedures returns the procedures matching f ordered by name and
	// code, and their total count before Offset and Limit. It reads the
	// newest versions when f.Private, the published ones otherwise (a
	// procedure never published is then left out).
	FindProcedures(ctx context.Context, f Filter) ([]*Procedure, int, error)
	// ProcedureFacets counts the procedures matching f (see Facets).
	ProcedureFacets(ctx context.Context, f Filter) (*Facets, error)

	// CreateProcedure stores p as version 1 with p.Status, p.Revision and
	// p.PublishedVersion (0 or 1), and sets p.ID, Version, Latest, Created
	// and the revision's version, time and hash. A code in use is a
	// Conflict ("procedure.code_taken"); an unknown owner unit is Invalid.
	CreateProcedure(ctx context.Context, p *Procedure, e *audit.Entry) error
	// AddProcedureVersion stores p's content as the version after p.Latest,
	// provided p.Latest is still the newest version (else Conflict
	// "error.stale"), with p.Status, p.Revision and p.PublishedVersion as
	// given. On success p.Version and p.Latest are the new number. NotFound
	// when the procedure does not exist.
	AddProcedureVersion(ctx context.Context, p *Procedure, e *audit.Entry) error
	// SetProcedureStatus moves version p.Latest from status from to
	// p.Status, recording p.PublishedVersion and the approval and
	// publication fields of p.Revision. It is a Conflict ("error.stale")
	// when the version is no longer the newest or no longer has status
	// from, NotFound when the procedure does not exist.
	SetProcedureStatus(ctx context.Context, p *Procedure, from Status, e *audit.Entry) error
}
