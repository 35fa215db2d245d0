package procimport

import (
	"context"
	"errors"
	"strings"

	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/vntext"
)

// Units lists and finds units; unit.Store satisfies it.
type Units interface {
	FindUnits(ctx context.Context, f unit.Filter) ([]*unit.Unit, int, error)
	FindUnitByCode(ctx context.Context, code string) (*unit.Unit, error)
}

// Owners maps implementing agencies to owning units.
type Owners struct {
	root   *unit.Unit
	byName map[string]*unit.Unit // folded name without the city → unit
}

// cityAgencies are agency names that mean the city itself.
var cityAgencies = []string{
	"uy ban nhan dan cap tinh", "ubnd cap tinh", "chu tich uy ban nhan dan cap tinh",
	"uy ban nhan dan thanh pho", "ubnd thanh pho", "chu tich uy ban nhan dan thanh pho",
}

// cityNames are the ways the city is named after an agency ("Sở Tư pháp
// thành phố Hà Nội"); they are dropped before comparing.
var cityNames = []string{" thanh pho ha noi", " tp ha noi", " tp. ha noi", " ha noi"}

// LoadOwners reads the active departments and agencies, and the city root
// unit (the active root of kind city), which takes every agency that names
// no known unit.
func LoadOwners(ctx context.Context, units Units) (*Owners, error) {
	all, _, err := units.FindUnits(ctx, unit.Filter{})
	if err != nil {
		return nil, err
	}
	o := &Owners{byName: map[string]*unit.Unit{}}
	for _, u := range all {
		switch {
		case !u.Active:
		case u.ParentID == 0 && u.Kind == unit.City && o.root == nil:
			o.root = u
		case u.Kind == unit.Department || u.Kind == unit.Agency:
			o.byName[ownerKey(u.NameVI)] = u
		}
	}
	if o.root == nil {
		return nil, errors.New("no active root unit of kind city: load the units first")
	}
	for _, name := range cityAgencies {
		o.byName[name] = o.root
	}
	return o, nil
}

// Root returns the city root unit.
func (o *Owners) Root() *unit.Unit { return o.root }

// Resolve returns the unit that agency names, trying each of its
// comma-separated parts in order, and false with the root unit when none
// names a known unit.
func (o *Owners) Resolve(agency string) (*unit.Unit, bool) {
	for _, part := range splitList(agency) {
		if u, ok := o.byName[ownerKey(part)]; ok {
			return u, true
		}
	}
	return o.root, false
}

// ownerKey folds name and drops a trailing mention of the city.
func ownerKey(name string) string {
	k := strings.TrimRight(vntext.Fold(name), " .")
	for _, c := range cityNames {
		k = strings.TrimSuffix(k, c)
	}
	return k
}
