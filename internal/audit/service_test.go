package audit_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// tree is city → department → office, and city → ward, stored for real.
type tree struct {
	db                       *sqlstore.DB
	city, dept, office, ward *unit.Unit
	svc                      *audit.Service
}

func newTree(t *testing.T) *tree {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	mk := func(code string, parent *unit.Unit) *unit.Unit {
		u := &unit.Unit{Code: code, Kind: unit.Agency, NameVI: code, Active: true}
		if parent != nil {
			u.ParentID = parent.ID
		}
		if err := db.CreateUnit(ctx, u, &audit.Entry{At: time.Now(), Action: "seed", ActorName: "test"}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	tr := &tree{db: db}
	tr.city = mk("city", nil)
	tr.dept = mk("dept", tr.city)
	tr.office = mk("office", tr.dept)
	tr.ward = mk("ward", tr.city)
	paths := audit.UnitsFunc(func(ctx context.Context) (map[int64]string, error) {
		list, _, err := db.FindUnits(ctx, unit.Filter{})
		m := map[int64]string{}
		for _, u := range list {
			m[u.ID] = u.Path
		}
		return m, err
	})
	tr.svc = audit.NewService(db, paths)
	for _, u := range []*unit.Unit{tr.city, tr.dept, tr.office, tr.ward} {
		if err := db.AppendAudit(ctx, &audit.Entry{Action: "unit.update", ObjectKind: "unit", ObjectID: u.Code, UnitID: u.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AppendAudit(ctx, &audit.Entry{Action: "auth.login", ObjectKind: "user", ObjectID: "someone"}); err != nil {
		t.Fatal(err)
	}
	return tr
}

// objects returns the object IDs of the entries actor may see, apart from
// those of the units' creation.
func (tr *tree) objects(t *testing.T, actor *access.Actor, f audit.Filter) ([]string, error) {
	t.Helper()
	ctx := access.WithActor(context.Background(), actor)
	entries, n, err := tr.svc.FindAudit(ctx, f)
	if err != nil {
		return nil, err
	}
	if n != len(entries) {
		t.Errorf("total %d, %d entries", n, len(entries))
	}
	var out []string
	for _, e := range entries {
		if e.Action != "seed" {
			out = append(out, e.ObjectID)
		}
	}
	sort.Strings(out)
	return out, nil
}

func TestFindAuditScope(t *testing.T) {
	tr := newTree(t)
	grant := func(role access.Role, u *unit.Unit, subtree bool) *access.Actor {
		return &access.Actor{UserID: 9, Name: "x", Grants: []access.Grant{{Role: role, UnitID: u.ID, UnitPath: u.Path, Subtree: subtree}}}
	}
	for _, c := range []struct {
		name  string
		actor *access.Actor
		f     audit.Filter
		want  []string
		code  errs.Code
	}{
		{name: "portal admin sees all, logins too", actor: &access.Actor{Grants: []access.Grant{{Role: access.PortalAdmin}}},
			want: []string{"city", "dept", "office", "someone", "ward"}},
		{name: "unit admin of one unit", actor: grant(access.UnitAdmin, tr.dept, false), want: []string{"dept"}},
		{name: "unit admin of a subtree", actor: grant(access.UnitAdmin, tr.dept, true), want: []string{"dept", "office"}},
		{name: "subtree of the root, no logins", actor: grant(access.UnitAdmin, tr.city, true), want: []string{"city", "dept", "office", "ward"}},
		{name: "narrowed to a unit in scope", actor: grant(access.UnitAdmin, tr.city, true), f: audit.Filter{UnitIDs: []int64{tr.ward.ID}}, want: []string{"ward"}},
		{name: "narrowed to a unit out of scope", actor: grant(access.UnitAdmin, tr.dept, true), f: audit.Filter{UnitIDs: []int64{tr.ward.ID}}, want: nil},
		{name: "editor may not view the log", actor: grant(access.Editor, tr.dept, true), code: errs.Forbidden},
		{name: "anonymous", actor: nil, code: errs.Unauthorized},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := tr.objects(t, c.actor, c.f)
			if c.code != "" {
				if !errs.Is(err, c.code) {
					t.Fatalf("err %v, want %s", err, c.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}
