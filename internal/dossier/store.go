package dossier

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
)

// Store reads dossiers. Writes go through the centre integration's
// ingest transaction (package centreapi), which keeps the derived fields.
type Store interface {
	// FindDossierByID returns the dossier with its history and handling
	// units, or NotFound.
	FindDossierByID(ctx context.Context, id int64) (*Dossier, error)
	// FindDossierByReceipt returns the dossier with receipt code code,
	// with its history and handling units, or NotFound.
	FindDossierByReceipt(ctx context.Context, code string) (*Dossier, error)
	// FindDossiers returns the dossiers matching f (with their history
	// and handling units only when f.WithHistory), ordered by appointment (earliest first, none last) then id, and
	// their total count before Offset and Limit (Limit 0 means all).
	FindDossiers(ctx context.Context, f Filter) ([]*Dossier, int, error)
	// FindApologySlips returns the slips matching f, oldest first.
	FindApologySlips(ctx context.Context, f SlipFilter) ([]*ApologySlip, error)
}

// Filter selects dossiers; nil fields are not filtered on.
type Filter struct {
	CentreUnitID  *int64
	HandlingUnit  *int64 // dossiers handled by this unit
	Statuses      []Status
	Open          *bool      // true: not closed (see Status.Closed); false: closed
	DueBefore     *time.Time // appointment before this time (overdue candidates)
	ReceivedMonth *string    // "2025-02", Vietnam time
	ProcedureCode *string
	// WithHistory loads each dossier's history and handling units.
	WithHistory bool
	// Scope limits the result to the centres an actor may see; the
	// service sets it. The zero Scope selects nothing.
	Scope  Scope
	Offset int
	Limit  int
}

// Scope is the part of the unit tree a listing covers.
type Scope struct {
	All    bool           // every unit
	Grants []access.Grant // the units (and subtrees, where Subtree) covered
}

// SlipFilter selects apology slips.
type SlipFilter struct {
	DossierID *int64
	Unsent    bool // only slips not yet sent
	Limit     int  // 0 means all
}
