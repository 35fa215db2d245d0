package unit_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// fixture is a small tree on a real store: the city, a department, a ward
// and the ward's one-stop centre.
type fixture struct {
	db                       *sqlstore.DB
	svc                      *unit.Service
	city, dept, ward, centre *unit.Unit
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := storetest.New(t)
	f := &fixture{db: db, svc: unit.NewService(db)}
	admin := f.as(portalAdmin())
	f.city = f.create(t, admin, &unit.Unit{Code: "01", Kind: unit.City, GSOCode: "01", NameVI: "Thành phố Hà Nội", Active: true})
	f.dept = f.create(t, admin, &unit.Unit{Code: "so-tu-phap", Kind: unit.Department, NameVI: "Sở Tư pháp", ParentID: f.city.ID, Active: true})
	f.ward = f.create(t, admin, &unit.Unit{Code: "00070", Kind: unit.Ward, GSOCode: "00070", NameVI: "Phường Hoàn Kiếm", ParentID: f.city.ID, Active: true})
	f.centre = f.create(t, admin, &unit.Unit{Code: "hcc-hoan-kiem", Kind: unit.Centre, NameVI: "Trung tâm phục vụ hành chính công phường Hoàn Kiếm", ParentID: f.ward.ID, Active: true})
	return f
}

func (f *fixture) as(a *access.Actor) context.Context {
	return access.WithActor(context.Background(), a)
}

func (f *fixture) create(t *testing.T, ctx context.Context, u *unit.Unit) *unit.Unit {
	t.Helper()
	if err := f.svc.CreateUnit(ctx, u); err != nil {
		t.Fatalf("create %s: %v", u.Code, err)
	}
	return u
}

// load reads u afresh, as an edit form would.
func (f *fixture) load(t *testing.T, u *unit.Unit) *unit.Unit {
	t.Helper()
	got, err := f.svc.FindUnitByID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func portalAdmin() *access.Actor {
	return &access.Actor{UserID: 1, Name: "admin", Grants: []access.Grant{{Role: access.PortalAdmin}}}
}

func grant(role access.Role, u *unit.Unit, subtree bool) *access.Actor {
	return &access.Actor{UserID: 2, Name: string(role), Grants: []access.Grant{{Role: role, UnitID: u.ID, UnitPath: u.Path, Subtree: subtree}}}
}

func TestServiceAuthorisation(t *testing.T) {
	type action func(t *testing.T, f *fixture, ctx context.Context) error
	rename := func(target func(*fixture) *unit.Unit) action {
		return func(t *testing.T, f *fixture, ctx context.Context) error {
			u := f.load(t, target(f))
			u.NameEN = "Renamed"
			return f.svc.UpdateUnit(ctx, u)
		}
	}
	move := func(target, parent func(*fixture) *unit.Unit) action {
		return func(t *testing.T, f *fixture, ctx context.Context) error {
			u := f.load(t, target(f))
			u.ParentID = 0
			if p := parent(f); p != nil {
				u.ParentID = p.ID
			}
			return f.svc.UpdateUnit(ctx, u)
		}
	}
	createUnder := func(parent func(*fixture) *unit.Unit) action {
		return func(t *testing.T, f *fixture, ctx context.Context) error {
			u := &unit.Unit{Code: "moi", Kind: unit.Agency, NameVI: "Đơn vị mới", Active: true}
			if p := parent(f); p != nil {
				u.ParentID = p.ID
			}
			return f.svc.CreateUnit(ctx, u)
		}
	}
	city := func(f *fixture) *unit.Unit { return f.city }
	dept := func(f *fixture) *unit.Unit { return f.dept }
	ward := func(f *fixture) *unit.Unit { return f.ward }
	centre := func(f *fixture) *unit.Unit { return f.centre }
	none := func(f *fixture) *unit.Unit { return nil }
	missing := func(f *fixture) *unit.Unit { return &unit.Unit{ID: 987654} }

	tests := []struct {
		name  string
		actor func(f *fixture) *access.Actor
		do    action
		want  errs.Code
		field string // the field of an Invalid error
	}{
		{"anonymous cannot update", func(*fixture) *access.Actor { return nil }, rename(ward), errs.Unauthorized, ""},
		{"editor cannot update its unit", func(f *fixture) *access.Actor { return grant(access.Editor, f.ward, true) }, rename(ward), errs.Forbidden, ""},
		{"approver cannot update its unit", func(f *fixture) *access.Actor { return grant(access.Approver, f.ward, false) }, rename(ward), errs.Forbidden, ""},
		{"unit admin updates its unit", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.ward, false) }, rename(ward), "", ""},
		{"unit admin with subtree updates a child", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, true) }, rename(ward), "", ""},
		{"unit admin with subtree updates a grandchild", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, true) }, rename(centre), "", ""},
		{"unit admin without subtree cannot update a child", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, false) }, rename(ward), errs.Forbidden, ""},
		{"unit admin of a sibling cannot update", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.dept, true) }, rename(ward), errs.Forbidden, ""},
		{"unit admin creates below its unit", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.ward, false) }, createUnder(ward), "", ""},
		{"editor cannot create", func(f *fixture) *access.Actor { return grant(access.Editor, f.ward, true) }, createUnder(ward), errs.Forbidden, ""},
		{"unit admin cannot create a root", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, true) }, createUnder(none), errs.Forbidden, ""},
		{"anonymous cannot create a root", func(*fixture) *access.Actor { return nil }, createUnder(none), errs.Forbidden, ""},
		{"portal admin creates a root", func(*fixture) *access.Actor { return portalAdmin() }, createUnder(none), "", ""},
		{"create under a missing parent", func(*fixture) *access.Actor { return portalAdmin() }, createUnder(missing), errs.Invalid, "parent"},
		{"unit admin moves within its subtree", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, true) }, move(centre, dept), "", ""},
		{"unit admin cannot move to a parent it does not administer", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.ward, true) }, move(centre, dept), errs.Forbidden, ""},
		{"unit admin cannot move its unit to the top", func(f *fixture) *access.Actor { return grant(access.UnitAdmin, f.city, true) }, move(ward, none), errs.Forbidden, ""},
		{"cannot move under own descendant", func(*fixture) *access.Actor { return portalAdmin() }, move(ward, centre), errs.Invalid, "parent"},
		{"cannot move the root under a descendant", func(*fixture) *access.Actor { return portalAdmin() }, move(city, centre), errs.Invalid, "parent"},
		{"cannot move under itself", func(*fixture) *access.Actor { return portalAdmin() }, move(ward, ward), errs.Invalid, "parent"},
		{"cannot move under a missing parent", func(*fixture) *access.Actor { return portalAdmin() }, move(ward, missing), errs.Invalid, "parent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			err := tt.do(t, f, f.as(tt.actor(f)))
			if got := errs.CodeOf(err); got != tt.want {
				t.Fatalf("got %v, want code %q", err, tt.want)
			}
			if tt.field != "" && errs.FieldsOf(err)[tt.field] == "" {
				t.Errorf("no error on field %s: %v", tt.field, err)
			}
		})
	}
}

func TestServiceMoveKeepsTreeAndAudits(t *testing.T) {
	f := newFixture(t)
	ctx := f.as(grant(access.UnitAdmin, f.city, true))
	w := f.load(t, f.ward)
	w.ParentID = f.dept.ID
	if err := f.svc.UpdateUnit(ctx, w); err != nil {
		t.Fatal(err)
	}
	c := f.load(t, f.centre)
	if !strings.HasPrefix(c.Path, f.dept.Path) || c.Depth != 3 {
		t.Errorf("centre after its ward moved: %q depth %d", c.Path, c.Depth)
	}
	es, _, err := f.db.FindAudit(context.Background(), audit.Filter{ObjectID: ptr("00070")})
	if err != nil || len(es) != 2 || es[0].Action != "unit.move" || es[0].ActorID != 2 || es[1].Action != "unit.create" {
		t.Errorf("audit of the ward: %+v, %v", es, err)
	}
}

func TestServiceCodeIsNormalisedAndPermanent(t *testing.T) {
	f := newFixture(t)
	ctx := f.as(portalAdmin())
	u := f.create(t, ctx, &unit.Unit{Code: "  SO-Y-TE ", Kind: unit.Department, NameVI: "  Sở Y tế ", ParentID: f.city.ID, Active: true})
	if u.Code != "so-y-te" || u.NameVI != "Sở Y tế" {
		t.Errorf("normalised: %q %q", u.Code, u.NameVI)
	}
	u = f.load(t, u)
	u.Code = "bo-y-te"
	if err := f.svc.UpdateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindUnitByCode(context.Background(), "so-y-te"); err != nil {
		t.Errorf("code changed on update: %v", err)
	}
	dup := &unit.Unit{Code: "so-y-te", Kind: unit.Department, NameVI: "Sở Y tế 2", ParentID: f.city.ID, Active: true}
	if err := f.svc.CreateUnit(ctx, dup); !errs.Is(err, errs.Conflict) {
		t.Errorf("duplicate code: %v", err)
	}
}

func TestServiceStaleVersion(t *testing.T) {
	f := newFixture(t)
	ctx := f.as(portalAdmin())
	a, b := f.load(t, f.dept), f.load(t, f.dept)
	a.Phone = "024 3354 6789"
	if err := f.svc.UpdateUnit(ctx, a); err != nil {
		t.Fatal(err)
	}
	b.Email = "sotuphap@hanoi.gov.vn"
	if err := f.svc.UpdateUnit(ctx, b); !errs.Is(err, errs.Conflict) {
		t.Errorf("second writer with a stale version: %v", err)
	}
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func TestServiceSuccessorRules(t *testing.T) {
	f := newFixture(t)
	ctx := f.as(portalAdmin())
	old := f.create(t, ctx, &unit.Unit{Code: "002", Kind: unit.Agency, GSOCode: "002", NameVI: "Quận Hoàn Kiếm", ParentID: f.city.ID, Active: true})

	u := f.load(t, old)
	u.Active, u.SuccessorID = false, u.ID
	if err := f.svc.UpdateUnit(ctx, u); errs.FieldsOf(err)["successor"] != "unit.successor_self" {
		t.Errorf("successor is itself: %v", err)
	}
	u = f.load(t, old)
	u.Active, u.SuccessorID = false, 987654
	if err := f.svc.UpdateUnit(ctx, u); errs.FieldsOf(err)["successor"] != "unit.successor_missing" {
		t.Errorf("successor missing: %v", err)
	}
	u = f.load(t, old)
	u.Active, u.InactiveSince = false, "1/7/2025"
	if err := f.svc.UpdateUnit(ctx, u); errs.FieldsOf(err)["inactive_since"] != "field.date" {
		t.Errorf("bad date: %v", err)
	}

	u = f.load(t, old)
	u.Active, u.SuccessorID = false, f.ward.ID
	if err := f.svc.UpdateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	got := f.load(t, old)
	if got.Active || got.SuccessorID != f.ward.ID || !dateRE.MatchString(got.InactiveSince) {
		t.Errorf("deactivated: active %v successor %d since %q", got.Active, got.SuccessorID, got.InactiveSince)
	}
	if es, _, _ := f.db.FindAudit(context.Background(), audit.Filter{ObjectID: ptr("002"), Limit: 1}); len(es) != 1 || es[0].Action != "unit.deactivate" {
		t.Errorf("deactivation audit: %+v", es)
	}

	// Reactivating forgets the successor and the date.
	got.Active = true
	if err := f.svc.UpdateUnit(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again := f.load(t, old); !again.Active || again.SuccessorID != 0 || again.InactiveSince != "" {
		t.Errorf("reactivated: %v %d %q", again.Active, again.SuccessorID, again.InactiveSince)
	}

	// A unit created inactive keeps the date it is given.
	merged := f.create(t, ctx, &unit.Unit{Code: "001", Kind: unit.Agency, NameVI: "Quận Ba Đình", ParentID: f.city.ID, SuccessorID: f.ward.ID, InactiveSince: "2025-07-01"})
	if merged.InactiveSince != "2025-07-01" || merged.SuccessorID != f.ward.ID {
		t.Errorf("created inactive: %q %d", merged.InactiveSince, merged.SuccessorID)
	}
}

func TestServiceValidation(t *testing.T) {
	valid := func() *unit.Unit {
		return &unit.Unit{Code: "so-moi", Kind: unit.Department, NameVI: "Sở Mới", Active: true}
	}
	tests := []struct {
		field, key string
		change     func(u *unit.Unit)
	}{
		{"code", "unit.code_invalid", func(u *unit.Unit) { u.Code = "sở mới" }},
		{"code", "unit.code_invalid", func(u *unit.Unit) { u.Code = "" }},
		{"code", "unit.code_invalid", func(u *unit.Unit) { u.Code = "-bad" }},
		{"kind", "field.choose", func(u *unit.Unit) { u.Kind = "province" }},
		{"kind", "unit.district_active", func(u *unit.Unit) { u.Kind = unit.District; u.Active = true }},
		{"name_vi", "field.required", func(u *unit.Unit) { u.NameVI = "   " }},
		{"name_vi", "field.too_long", func(u *unit.Unit) { u.NameVI = strings.Repeat("ă", 201) }},
		{"name_en", "field.invalid_text", func(u *unit.Unit) { u.NameEN = "bad \xff" }},
		{"short_name", "field.too_long", func(u *unit.Unit) { u.ShortName = strings.Repeat("x", 81) }},
		{"address", "field.too_long", func(u *unit.Unit) { u.Address = strings.Repeat("x", 301) }},
		{"phone", "field.phone", func(u *unit.Unit) { u.Phone = "gọi tôi" }},
		{"email", "field.email", func(u *unit.Unit) { u.Email = "sotuphap" }},
		{"email", "field.email", func(u *unit.Unit) { u.Email = "Sở <a@b.vn>" }},
		{"website", "field.url", func(u *unit.Unit) { u.Website = "ftp://hanoi.gov.vn" }},
		{"website", "field.url", func(u *unit.Unit) { u.Website = "hanoi.gov.vn" }},
		{"gso_code", "unit.gso_invalid", func(u *unit.Unit) { u.GSOCode = "7" }},
		{"gso_code", "unit.gso_invalid", func(u *unit.Unit) { u.GSOCode = "0007a" }},
		{"leaders.1", "unit.leader_incomplete", func(u *unit.Unit) {
			u.Leaders = []unit.Leader{{Name: "Nguyễn Văn An", PositionVI: "Giám đốc"}, {Name: "Trần Thị Bình"}}
		}},
		{"leaders.0", "unit.leader_incomplete", func(u *unit.Unit) { u.Leaders = []unit.Leader{{PositionVI: "Giám đốc"}} }},
	}
	f := newFixture(t)
	ctx := f.as(portalAdmin())
	for _, tt := range tests {
		t.Run(tt.field+"/"+tt.key, func(t *testing.T) {
			u := valid()
			u.ParentID = f.city.ID
			tt.change(u)
			err := f.svc.CreateUnit(ctx, u)
			if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)[tt.field] != tt.key {
				t.Fatalf("got %v (fields %v), want %s=%s", err, errs.FieldsOf(err), tt.field, tt.key)
			}
			if u.ID != 0 {
				t.Errorf("invalid unit was stored")
			}
		})
	}
	// Every field at once yields one error per field.
	u := &unit.Unit{Code: "X Y", Kind: "?", Email: "x", Website: "x", Phone: "x", GSOCode: "x", ParentID: f.city.ID, Active: true}
	err := f.svc.CreateUnit(ctx, u)
	want := []string{"code", "kind", "name_vi", "email", "website", "phone", "gso_code"}
	for _, field := range want {
		if errs.FieldsOf(err)[field] == "" {
			t.Errorf("no error for %s in %v", field, err)
		}
	}
	// An update is validated too.
	d := f.load(t, f.dept)
	d.Email = "not an email"
	if err := f.svc.UpdateUnit(ctx, d); errs.FieldsOf(err)["email"] != "field.email" {
		t.Errorf("update with a bad email: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
