package seed

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

//go:embed units.json
var unitsJSON []byte

// Actor is the actor name of the audit entries the seed writes.
const Actor = "seed"

// file is the layout of units.json.
type file struct {
	Comment []string `json:"comment"`
	Units   []record `json:"units"`
}

// record is one unit of units.json. Parent and Successor are unit codes; a
// unit with InactiveSince set is inactive.
type record struct {
	Code          string   `json:"code"`
	Kind          string   `json:"kind"`
	Parent        string   `json:"parent"`
	GSOCode       string   `json:"gso_code"`
	AgencyID      string   `json:"agency_id"`
	NameVI        string   `json:"name_vi"`
	NameEN        string   `json:"name_en"`
	ShortName     string   `json:"short_name"`
	Address       string   `json:"address"`
	Phone         string   `json:"phone"`
	Email         string   `json:"email"`
	Website       string   `json:"website"`
	DescriptionVI string   `json:"description_vi"`
	DescriptionEN string   `json:"description_en"`
	SortOrder     int      `json:"sort_order"`
	Successor     string   `json:"successor"`
	InactiveSince string   `json:"inactive_since"`
	Leaders       []leader `json:"leaders"`
}

type leader struct {
	Name       string `json:"name"`
	PositionVI string `json:"position_vi"`
	PositionEN string `json:"position_en"`
	BioVI      string `json:"bio_vi"`
	BioEN      string `json:"bio_en"`
}

// Units creates the demo units missing from store and returns how many it
// created. Units are matched by code: an existing unit is never changed.
// Parents and successors are created before the units that name them, each
// with an audit entry by the actor "seed". It returns Invalid when the
// embedded data is inconsistent (a bad field, a duplicate code, a parent or
// successor that is nowhere) and the store's errors otherwise; units created
// before an error stay created, and a new run goes on from there.
func Units(ctx context.Context, store unit.Store) (created int, err error) {
	const op = "seed.Units"
	recs, err := parse(unitsJSON)
	if err != nil {
		return 0, errs.E(op, errs.Invalid, err)
	}
	l := &loader{store: store, ids: map[string]int64{}}
	for len(recs) > 0 {
		var waiting []record
		for _, r := range recs {
			done, err := l.load(ctx, r)
			if err != nil {
				return l.created, errs.E(op, err)
			}
			if !done {
				waiting = append(waiting, r)
			}
		}
		if len(waiting) == len(recs) {
			return l.created, errs.E(op, errs.Invalid, fmt.Errorf("units with an unknown parent or successor: %s", codes(waiting)))
		}
		recs = waiting
	}
	return l.created, nil
}

// parse decodes units.json, rejecting unknown fields and duplicate codes.
func parse(data []byte) ([]record, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("units.json: %w", err)
	}
	seen := map[string]bool{}
	for _, r := range f.Units {
		if seen[r.Code] {
			return nil, fmt.Errorf("units.json: code %q appears twice", r.Code)
		}
		seen[r.Code] = true
	}
	return f.Units, nil
}

// loader creates records once their parent and successor exist.
type loader struct {
	store   unit.Store
	ids     map[string]int64 // code → id of the units known to exist
	created int
}

// load creates r unless it exists. It reports false, with no error, when
// r's parent or successor does not exist yet.
func (l *loader) load(ctx context.Context, r record) (bool, error) {
	id, err := l.lookup(ctx, r.Code)
	if err != nil || id != 0 {
		return id != 0, err // an existing unit is left as it is
	}
	parent, ok, err := l.reference(ctx, r.Parent)
	if err != nil || !ok {
		return false, err
	}
	successor, ok, err := l.reference(ctx, r.Successor)
	if err != nil || !ok {
		return false, err
	}
	u := r.unit(parent, successor)
	if err := u.Validate(); err != nil {
		return false, errs.E(fmt.Sprintf("unit %s", r.Code), err)
	}
	if err := l.store.CreateUnit(ctx, u, entry(u)); err != nil {
		return false, err
	}
	l.ids[r.Code] = u.ID
	l.created++
	return true, nil
}

// reference resolves an optional reference to the unit with code: ok is
// false when code is set but no such unit exists yet.
func (l *loader) reference(ctx context.Context, code string) (id int64, ok bool, err error) {
	id, err = l.lookup(ctx, code)
	return id, err == nil && (code == "" || id != 0), err
}

// lookup returns the id of the unit with code, 0 when there is none (or
// code is empty).
func (l *loader) lookup(ctx context.Context, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	if id, ok := l.ids[code]; ok {
		return id, nil
	}
	u, err := l.store.FindUnitByCode(ctx, code)
	if errs.Is(err, errs.NotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	l.ids[code] = u.ID
	return u.ID, nil
}

// unit converts r, placed under parent, to a unit.Unit.
func (r record) unit(parent, successor int64) *unit.Unit {
	u := &unit.Unit{
		Code: r.Code, Kind: unit.Kind(r.Kind), GSOCode: r.GSOCode, AgencyID: r.AgencyID, ParentID: parent,
		NameVI: r.NameVI, NameEN: r.NameEN, ShortName: r.ShortName,
		Address: r.Address, Phone: r.Phone, Email: r.Email, Website: r.Website,
		DescriptionVI: r.DescriptionVI, DescriptionEN: r.DescriptionEN, SortOrder: r.SortOrder,
		Active: r.InactiveSince == "", SuccessorID: successor, InactiveSince: r.InactiveSince,
	}
	for i, l := range r.Leaders {
		u.Leaders = append(u.Leaders, unit.Leader{Name: l.Name, PositionVI: l.PositionVI, PositionEN: l.PositionEN, BioVI: l.BioVI, BioEN: l.BioEN, Order: i})
	}
	return u
}

func entry(u *unit.Unit) *audit.Entry {
	return &audit.Entry{
		At: time.Now().UTC(), ActorName: Actor, Action: "unit.create", ObjectKind: "unit",
		ObjectID: u.Code, UnitID: u.ParentID, Outcome: "ok", Detail: "demo seed",
	}
}

func codes(rs []record) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
