package seed

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
)

// procedures.json (embedded) holds the demo catalogue: 43 procedures
// citizens and businesses use most (civil status, authentication,
// residence, household businesses, judicial records, construction permits,
// land, social support, military service registration), with national
// codes, names, time limits, fees and legal references as published, steps
// and document lists written for the project, and owners among the demo
// units. Its "comment" says which facts come from where; a record's "note"
// flags a code or name still to be checked against the national database.
//
//go:embed procedures.json
var proceduresJSON []byte

// procedureFile is the layout of procedures.json.
type procedureFile struct {
	Comment    []string          `json:"comment"`
	Procedures []procedureRecord `json:"procedures"`
}

// procedureRecord is one procedure of procedures.json: the content of a
// procedure, its owning unit's code, and a note for maintainers.
type procedureRecord struct {
	procedure.Procedure
	Owner string `json:"owner"`
	Note  string `json:"note"`
}

// seedActor is the portal admin the seed acts as: procedures are announced
// through the service, which audits them under this name.
func seedActor(ctx context.Context) context.Context {
	return access.WithActor(ctx, &access.Actor{Name: Actor, Grants: []access.Grant{{Role: access.PortalAdmin}}})
}

// Procedures publishes the demo procedures missing from the catalogue and
// returns how many it created. A procedure whose code exists, in any
// status, is left as it is, so running it again creates nothing and never
// overrides an administrator's edits or an import. The owning units must
// exist (run Units first). It acts as the portal admin "seed", whatever
// the actor in ctx. It returns Invalid when the embedded data is
// inconsistent (an unknown field, a duplicate code, an unknown owner, a
// record that fails validation) and the service's errors otherwise;
// procedures created before an error stay created.
func Procedures(ctx context.Context, svc *procedure.Service, units unit.Store) (created int, err error) {
	const op = "seed.Procedures"
	recs, err := parseProcedures(proceduresJSON)
	if err != nil {
		return 0, errs.E(op, errs.Invalid, err)
	}
	ctx = seedActor(ctx)
	owners := map[string]int64{}
	for _, r := range recs {
		done, err := seedProcedure(ctx, svc, units, owners, r)
		if err != nil {
			return created, errs.E(op, fmt.Errorf("procedure %s: %w", r.Code, err))
		}
		if done {
			created++
		}
	}
	return created, nil
}

// parseProcedures decodes procedures.json, rejecting unknown fields and
// duplicate codes.
func parseProcedures(data []byte) ([]procedureRecord, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f procedureFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("procedures.json: %w", err)
	}
	seen := map[string]bool{}
	for _, r := range f.Procedures {
		if seen[r.Code] {
			return nil, fmt.Errorf("procedures.json: code %q appears twice", r.Code)
		}
		seen[r.Code] = true
	}
	return f.Procedures, nil
}

// seedProcedure publishes r unless its code exists, and reports whether it
// did.
func seedProcedure(ctx context.Context, svc *procedure.Service, units unit.Store, owners map[string]int64, r procedureRecord) (bool, error) {
	_, err := svc.FindProcedureByCode(ctx, r.Code)
	if err == nil || !errs.Is(err, errs.NotFound) {
		return false, err
	}
	owner, err := ownerID(ctx, units, owners, r.Owner)
	if err != nil {
		return false, err
	}
	p := r.Procedure.Clone()
	p.OwnerUnitID, p.Source = owner, "seed"
	_, err = svc.Announce(ctx, p, procedure.Basis{Reason: "demo seed"})
	return err == nil, err
}

// ownerID returns the id of the unit with code, caching it.
func ownerID(ctx context.Context, units unit.Store, cache map[string]int64, code string) (int64, error) {
	if id, ok := cache[code]; ok {
		return id, nil
	}
	u, err := units.FindUnitByCode(ctx, code)
	if err != nil {
		return 0, errs.E(errs.Invalid, fmt.Errorf("owner unit %q: %w", code, err))
	}
	cache[code] = u.ID
	return u.ID, nil
}
