package unitimport

import (
	"context"
	"fmt"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// Report says what Apply did, by unit code.
type Report struct {
	Created   []string
	Updated   []string // names changed
	Unchanged []string
}

// firstSortOrder is the sort order of the first imported ward: wards come
// after the departments in a directory ordered by sort order.
const firstSortOrder = 1000

// Apply creates the units of records missing from store and updates the
// names (vi, en, short) of those that changed, in record order, so a parent
// must come before its children. Units are matched by code (the GSO code).
// Audit entries name actor. Other fields of existing units (contacts,
// leaders, kind, parent) are left to the administrators. It returns
// Invalid for a record that fails validation or whose parent is not in the
// store, and the store's errors (Conflict for a GSO code already held by a
// unit with another code); the records applied before an error stay
// applied.
func Apply(ctx context.Context, store unit.Store, records []Record, actor string) (Report, error) {
	const op = "unitimport.Apply"
	var rep Report
	next := firstSortOrder
	for _, r := range records {
		list, err := applyOne(ctx, store, r, next, actor, &rep)
		if err != nil {
			return rep, errs.E(op, fmt.Errorf("unit %s: %w", r.Code, err))
		}
		*list = append(*list, r.Code)
		if r.Parent != "" {
			next++
		}
	}
	return rep, nil
}

// applyOne creates or renames the unit of r if needed, and returns the list
// of rep it belongs in.
func applyOne(ctx context.Context, store unit.Store, r Record, sortOrder int, actor string, rep *Report) (*[]string, error) {
	u, err := store.FindUnitByCode(ctx, r.Code)
	switch {
	case errs.Is(err, errs.NotFound):
		return &rep.Created, create(ctx, store, r, sortOrder, actor)
	case err != nil:
		return nil, err
	case sameNames(u, r):
		return &rep.Unchanged, nil
	}
	return &rep.Updated, rename(ctx, store, u, r, actor)
}

func sameNames(u *unit.Unit, r Record) bool {
	return u.NameVI == r.NameVI && u.NameEN == r.NameEN && u.ShortName == r.ShortName
}

func create(ctx context.Context, store unit.Store, r Record, sortOrder int, actor string) error {
	u := &unit.Unit{Code: r.Code, Kind: r.Kind, GSOCode: r.Code, NameVI: r.NameVI, NameEN: r.NameEN,
		ShortName: r.ShortName, Active: true}
	if r.Parent != "" {
		parent, err := store.FindUnitByCode(ctx, r.Parent)
		if err != nil {
			return errs.E(errs.Invalid, fmt.Errorf("parent %s: %w", r.Parent, err))
		}
		u.ParentID, u.SortOrder = parent.ID, sortOrder
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return store.CreateUnit(ctx, u, entry(actor, "unit.create", u, "import"))
}

func rename(ctx context.Context, store unit.Store, u *unit.Unit, r Record, actor string) error {
	detail := fmt.Sprintf("import: name %q → %q", u.NameVI, r.NameVI)
	u.NameVI, u.NameEN, u.ShortName = r.NameVI, r.NameEN, r.ShortName
	if err := u.Validate(); err != nil {
		return err
	}
	return store.UpdateUnit(ctx, u, entry(actor, "unit.update", u, detail))
}

func entry(actor, action string, u *unit.Unit, detail string) *audit.Entry {
	owner := u.ID
	if owner == 0 {
		owner = u.ParentID
	}
	return &audit.Entry{At: time.Now().UTC(), ActorName: actor, Action: action, ObjectKind: "unit",
		ObjectID: u.Code, UnitID: owner, Outcome: "ok", Detail: detail}
}
