package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/gen"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
)

// DemoDossiers is how many dossiers the demo seed loads by default.
const DemoDossiers = 24000

// SeedVia marks the events of the demo dossiers (Event.ReceivedVia).
const SeedVia = "seed"

// DossierStore is where the demo dossiers go; *sqlstore.DB implements it.
type DossierStore interface {
	dossier.Importer
	// CountImported returns how many dossiers have events received via
	// via.
	CountImported(ctx context.Context, via string) (int, error)
}

// DossierDeps are what Dossiers needs.
type DossierDeps struct {
	Store     DossierStore
	Units     unit.Store
	Calendars dossier.Calendars
	Keys      *keyring.Keyring // the portal's keys: lookup hashes must match the server's
	// End is when the demo year ends (its dossiers are received in the
	// 365 days before); the start of today in Vietnam when zero.
	End time.Time
	N   int // DemoDossiers when 0
	// Format is the receipt code format (CONG_RECEIPT_FORMAT); the
	// default when nil.
	Format *dossier.ReceiptFormatter
}

// Dossiers loads a year of demo dossiers at the demo one-stop centres
// (made by gen.MakeDossiers from the demo procedures) in one transaction,
// unless demo dossiers exist already, and returns how many it created and
// a few receipt codes with their second factor for trying the lookup (none
// when it created nothing). The centres and procedures must be seeded
// (run Units and Procedures first). Ward centres receive the commune-level
// procedures; the city's centre the province-level ones and those of the
// city; a department's one-stop section those its department owns. With
// the same End the dossiers are the same.
func Dossiers(ctx context.Context, d DossierDeps) (int, []gen.Sample, error) {
	const op = "seed.Dossiers"
	if n, err := d.Store.CountImported(ctx, SeedVia); err != nil || n > 0 {
		return 0, nil, wrapErr(op, err)
	}
	sources, err := dossierSources(ctx, d.Units)
	if err != nil {
		return 0, nil, errs.E(op, err)
	}
	cal, err := d.Calendars.Calendar(ctx)
	if err != nil {
		return 0, nil, errs.E(op, err)
	}
	if d.End.IsZero() {
		d.End = calendar.DateOf(time.Now()).At(0).UTC()
	}
	if d.N <= 0 {
		d.N = DemoDossiers
	}
	var all []dossier.Imported
	var seqs map[string]int64
	plan := gen.DossierPlan{N: d.N, End: d.End, Seed: 2025, Via: SeedVia, Format: d.Format}
	samples, err := gen.MakeDossiers(plan, sources, cal, d.Keys, func(items []dossier.Imported, s map[string]int64) error {
		all, seqs = append(all, items...), s
		return nil
	})
	if err != nil {
		return 0, nil, errs.E(op, err)
	}
	n, err := d.Store.ImportDossiers(ctx, all, seqs)
	if err != nil {
		return n, nil, errs.E(op, err)
	}
	return n, samples, nil
}

func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return errs.E(op, err)
}

// dossierSources returns the demo centres and the procedures each
// receives, from the embedded units and procedures.
func dossierSources(ctx context.Context, store unit.Store) ([]*gen.DossierSource, error) {
	units, err := parse(unitsJSON)
	if err != nil {
		return nil, err
	}
	procs, err := parseProcedures(proceduresJSON)
	if err != nil {
		return nil, err
	}
	var out []*gen.DossierSource
	for _, r := range units {
		if r.Kind != string(unit.Centre) || r.InactiveSince != "" {
			continue
		}
		c, err := store.FindUnitByCode(ctx, r.Code)
		if err != nil {
			return nil, fmt.Errorf("centre %s: %w", r.Code, err)
		}
		parent, err := store.FindUnitByCode(ctx, r.Parent)
		if err != nil {
			return nil, fmt.Errorf("parent of centre %s: %w", r.Code, err)
		}
		src := &gen.DossierSource{CentreID: c.ID, AgencyID: c.AgencyID, UnitCode: c.Code, HandlingUnitID: parent.ID}
		src.Procedures, src.Weight = centreProcedures(procs, parent)
		if len(src.Procedures) > 0 {
			out = append(out, src)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no demo centre receives a demo procedure")
	}
	return out, nil
}

// centreProcedures chooses what a centre under parent receives, and its
// share of the dossiers.
func centreProcedures(procs []procedureRecord, parent *unit.Unit) ([]dossier.ProcedureInfo, int) {
	var out []dossier.ProcedureInfo
	for i := range procs {
		p := &procs[i]
		var take bool
		switch parent.Kind {
		case unit.Ward, unit.Commune:
			take = slices.Contains(p.Levels, procedure.LevelCommune)
		case unit.City:
			take = slices.Contains(p.Levels, procedure.LevelProvince) || p.Owner == parent.Code
		default:
			take = p.Owner == parent.Code
		}
		if take {
			out = append(out, gen.ProcedureInfo(&p.Procedure))
		}
	}
	return out, centreWeight(parent.Kind)
}

// centreWeight is a centre's share of the dossiers by the kind of unit it
// serves: the wards' centres receive most.
func centreWeight(k unit.Kind) int {
	switch k {
	case unit.Ward, unit.Commune:
		return 8
	case unit.City:
		return 10
	}
	return 2
}
