package seed_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

func ptr[T any](v T) *T { return &v }

func count(t *testing.T, store unit.Store, kind unit.Kind, active bool) []*unit.Unit {
	t.Helper()
	us, n, err := store.FindUnits(context.Background(), unit.Filter{Kind: &kind, Active: &active})
	if err != nil || n != len(us) {
		t.Fatalf("find %s: %d of %d, %v", kind, len(us), n, err)
	}
	return us
}

func TestSeedUnits(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	created, err := seed.Units(ctx, db)
	if err != nil {
		t.Fatalf("seed: %v (created %d)", err, created)
	}
	all, total, err := db.FindUnits(ctx, unit.Filter{})
	if err != nil || total != created {
		t.Fatalf("created %d, store holds %d (%v)", created, total, err)
	}

	wards, communes := count(t, db, unit.Ward, true), count(t, db, unit.Commune, true)
	if n := len(wards) + len(communes); n != 126 {
		t.Errorf("%d active wards and communes, want 126", n)
	}
	gso := regexp.MustCompile(`^\d{5}$`)
	seen := map[string]bool{}
	city := mustFind(t, db, "01")
	for _, w := range append(wards, communes...) {
		if !gso.MatchString(w.GSOCode) || seen[w.GSOCode] {
			t.Errorf("%s: GSO code %q is not 5 digits or not unique", w.NameVI, w.GSOCode)
		}
		seen[w.GSOCode] = true
		if w.Code != w.GSOCode || w.ParentID != city.ID || w.NameEN == "" {
			t.Errorf("%s: code %q parent %d name_en %q", w.NameVI, w.Code, w.ParentID, w.NameEN)
		}
	}
	if n := len(count(t, db, unit.Department, true)) + len(count(t, db, unit.Agency, true)); n < 20 {
		t.Errorf("%d active departments and agencies, want at least 20", n)
	}
	if city.Kind != unit.City || city.GSOCode != "01" || city.ParentID != 0 || len(city.Leaders) == 0 {
		t.Errorf("city: %+v", city)
	}
	checkTree(t, all)
	checkSamples(t, db)
	checkAudit(t, db, created)

	again, err := seed.Units(ctx, db)
	if err != nil || again != 0 {
		t.Errorf("second run created %d, %v; want 0", again, err)
	}
	if _, n, _ := db.FindUnits(ctx, unit.Filter{}); n != total {
		t.Errorf("second run changed the count from %d to %d", total, n)
	}
}

// checkTree checks that every stored unit is valid and placed in the tree.
func checkTree(t *testing.T, all []*unit.Unit) {
	t.Helper()
	for _, u := range all {
		if u.Depth > 0 && u.ParentID == 0 {
			t.Errorf("%s has depth %d but no parent", u.Code, u.Depth)
		}
		if err := u.Validate(); err != nil {
			t.Errorf("%s: %v", u.Code, err)
		}
	}
}

// checkSamples checks a former district, the name filter on the seeded
// names, and the contacts of a department.
func checkSamples(t *testing.T, db unit.Store) {
	t.Helper()
	ward := mustFind(t, db, "00070")
	d := mustFind(t, db, "002")
	if d.Kind != unit.District || d.Active || d.SuccessorID != ward.ID || d.InactiveSince != "2025-07-01" {
		t.Errorf("Quận Hoàn Kiếm: kind %s active %v successor %d since %q", d.Kind, d.Active, d.SuccessorID, d.InactiveSince)
	}
	q := "hoan kiem"
	found, _, _ := db.FindUnits(context.Background(), unit.Filter{Query: &q, Active: ptr(true)})
	if len(found) < 2 || found[0].Code != "00070" {
		t.Errorf("\"hoan kiem\" found %d active units, first %v", len(found), found)
	}
	dept := mustFind(t, db, "so-tu-phap")
	if len(dept.Leaders) == 0 || dept.Email == "" || dept.Phone == "" || dept.AgencyID == "" {
		t.Errorf("Sở Tư pháp lacks contacts or leaders: %+v", dept)
	}
}

type auditFinder interface {
	FindAudit(ctx context.Context, f audit.Filter) ([]*audit.Entry, int, error)
}

func checkAudit(t *testing.T, db auditFinder, created int) {
	t.Helper()
	es, n, err := db.FindAudit(context.Background(), audit.Filter{Action: ptr("unit.create"), Limit: 1})
	if err != nil || n != created || es[0].ActorName != seed.Actor {
		t.Errorf("%d audit entries (want %d), %v, %+v", n, created, err, es)
	}
}

func mustFind(t *testing.T, db unit.Store, code string) *unit.Unit {
	t.Helper()
	u, err := db.FindUnitByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return u
}

func TestSeedKeepsExistingUnits(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	mine := &unit.Unit{Code: "01", Kind: unit.City, GSOCode: "01", NameVI: "Thành phố Hà Nội (của tôi)", Active: true}
	if err := db.CreateUnit(ctx, mine, &audit.Entry{Action: "unit.create"}); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	if got := mustFind(t, db, "01"); got.NameVI != mine.NameVI || got.Version != 1 {
		t.Errorf("existing root changed: %q v%d", got.NameVI, got.Version)
	}
	if w := mustFind(t, db, "00070"); w.ParentID != mine.ID {
		t.Errorf("ward hangs under %d, want the existing root %d", w.ParentID, mine.ID)
	}
}
