package account_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// TestStaffMatrix drives every role, on the unit tree city → dept → centre
// and city → ward, through the Service's staff actions against a user of
// each unit. Each actor lists the units whose staff it manages; on every
// other unit, looking at or changing a user answers NotFound (the user's
// existence is not revealed) and granting a role there answers Forbidden.
func TestStaffMatrix(t *testing.T) {
	f := newFixture(t, account.Config{})
	units := map[string]*unit.Unit{"city": f.city, "dept": f.dept, "centre": f.centre, "ward": f.ward}
	targets := map[string]*account.User{
		"city":   f.user("t.city", grant(access.Editor, f.city, false)),
		"dept":   f.user("t.dept", grant(access.Editor, f.dept, false)),
		"centre": f.user("t.centre", grant(access.CentreOperator, f.centre, false)),
		"ward":   f.user("t.ward", grant(access.Answerer, f.ward, false)),
	}
	actors := []struct {
		name    string
		grant   access.Grant
		manages []string
	}{
		{"portal", grant(access.PortalAdmin, f.city, false), []string{"city", "dept", "centre", "ward"}},
		{"city.admin.tree", grant(access.UnitAdmin, f.city, true), []string{"city", "dept", "centre", "ward"}},
		{"dept.admin.tree", grant(access.UnitAdmin, f.dept, true), []string{"dept", "centre"}},
		{"dept.admin", grant(access.UnitAdmin, f.dept, false), []string{"dept"}},
		{"ward.admin", grant(access.UnitAdmin, f.ward, false), []string{"ward"}},
		{"editor.tree", grant(access.Editor, f.city, true), nil},
		{"approver", grant(access.Approver, f.dept, true), nil},
		{"answerer", grant(access.Answerer, f.ward, false), nil},
		{"operator", grant(access.CentreOperator, f.centre, false), nil},
	}
	actions := map[string]func(ctx context.Context, actor string, u *unit.Unit, target *account.User) error{
		"view": func(ctx context.Context, _ string, _ *unit.Unit, target *account.User) error {
			_, err := f.svc.FindUserByID(ctx, target.ID)
			return err
		},
		"list": func(ctx context.Context, _ string, _ *unit.Unit, target *account.User) error {
			users, _, err := f.svc.FindUsers(ctx, account.UserFilter{})
			if err == nil && !slices.ContainsFunc(users, func(u *account.User) bool { return u.ID == target.ID }) {
				return errs.E("list", errs.NotFound)
			}
			return err
		},
		"create": func(ctx context.Context, actor string, u *unit.Unit, _ *account.User) error {
			nu := &account.User{Username: fmt.Sprintf("n.%s.%s", actor, u.Code), Name: "Người mới",
				Grants: []access.Grant{{Role: access.Editor, UnitID: u.ID}}}
			return f.svc.CreateUser(ctx, nu, goodPassword)
		},
		"grant": func(ctx context.Context, _ string, u *unit.Unit, target *account.User) error {
			_, err := f.svc.SetGrants(ctx, target.ID, toggleApprover(f, target, u))
			return err
		},
		"reset": func(ctx context.Context, _ string, _ *unit.Unit, target *account.User) error {
			return f.svc.ResetPassword(ctx, target.ID, account.GeneratePassword())
		},
	}
	denied := map[string]errs.Code{"view": errs.NotFound, "list": errs.NotFound, "create": errs.Forbidden,
		"grant": errs.NotFound, "reset": errs.NotFound}
	for _, a := range actors {
		ctx := f.as(f.user(a.name, a.grant))
		for uname, u := range units {
			for aname, act := range actions {
				want := denied[aname]
				if slices.Contains(a.manages, uname) {
					want = ""
				}
				if got := errs.CodeOf(act(ctx, a.name, u, targets[uname])); got != want {
					t.Errorf("%s %s on %s: got %q, want %q", a.name, aname, uname, got, want)
				}
			}
		}
	}
}

// toggleApprover returns target's current grants with an approver grant on
// u added, or removed when present, so every call is a real change.
func toggleApprover(f *fixture, target *account.User, u *unit.Unit) []access.Grant {
	cur := f.mustUser(target.Username).Grants
	ap := access.Grant{Role: access.Approver, UnitID: u.ID}
	i := slices.IndexFunc(cur, func(g access.Grant) bool { return g.Role == ap.Role && g.UnitID == ap.UnitID })
	if i >= 0 {
		return slices.Delete(cur, i, i+1)
	}
	return append(cur, ap)
}

// A staff member asking for another unit's private object (here, a user
// account) gets 404, not 403: the same answer as for an ID that does not
// exist.
func TestOtherUnitsUserIsNotFound(t *testing.T) {
	f := newFixture(t, account.Config{})
	admin := f.user("ward.admin", grant(access.UnitAdmin, f.ward, false))
	other := f.user("dept.editor", grant(access.Editor, f.dept, false))
	ctx := f.as(admin)
	_, errOther := f.svc.FindUserByID(ctx, other.ID)
	_, errMissing := f.svc.FindUserByID(ctx, 987654)
	for name, err := range map[string]error{"other unit's user": errOther, "missing user": errMissing} {
		if k, _ := errs.KeyOf(err); !errs.Is(err, errs.NotFound) || k != "account.user_not_found" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := f.svc.FindUserByUsername(ctx, "dept.editor"); !errs.Is(err, errs.NotFound) {
		t.Errorf("by username: %v", err)
	}
	if err := f.svc.DisableUser(ctx, other.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("disabling another unit's user: %v", err)
	}
	if _, err := f.svc.FindUserByID(context.Background(), other.ID); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("anonymous: %v", err)
	}
}

// A user serving two units is seen by each unit's admin but changed only by
// someone managing both; portal admins are hidden from unit admins.
func TestSharedAndPortalAdminUsers(t *testing.T) {
	f := newFixture(t, account.Config{})
	wardAdmin := f.user("ward.admin", grant(access.UnitAdmin, f.ward, false))
	cityAdmin := f.user("city.admin", grant(access.UnitAdmin, f.city, true))
	shared := f.user("shared", grant(access.Editor, f.ward, false), grant(access.Editor, f.dept, false))
	root := f.user("root", grant(access.PortalAdmin, f.city, false))

	if _, err := f.svc.FindUserByID(f.as(wardAdmin), shared.ID); err != nil {
		t.Errorf("ward admin viewing a shared user: %v", err)
	}
	if err := f.svc.DisableUser(f.as(wardAdmin), shared.ID); !errs.Is(err, errs.Forbidden) {
		t.Errorf("ward admin disabling a shared user: %v", err)
	}
	if err := f.svc.DisableUser(f.as(cityAdmin), shared.ID); err != nil {
		t.Errorf("city admin disabling a shared user: %v", err)
	}
	if _, err := f.svc.FindUserByID(f.as(cityAdmin), root.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("unit admin viewing a portal admin: %v", err)
	}
	users, n, _ := f.svc.FindUsers(f.as(cityAdmin), account.UserFilter{})
	if slices.ContainsFunc(users, func(u *account.User) bool { return u.ID == root.ID }) || n != len(users) {
		t.Errorf("unit admin lists portal admins: %d users", n)
	}
}

func TestGrantRules(t *testing.T) {
	f := newFixture(t, account.Config{})
	deptAdmin := f.user("dept.admin", grant(access.UnitAdmin, f.dept, false))
	target := f.user("target", grant(access.Editor, f.dept, false))
	ctx := f.as(deptAdmin)
	tests := []struct {
		name   string
		grants []access.Grant
		want   errs.Code
	}{
		{"own unit", []access.Grant{{Role: access.Approver, UnitID: f.dept.ID}}, ""},
		{"subtree without managing it", []access.Grant{{Role: access.Approver, UnitID: f.dept.ID, Subtree: true}}, errs.Forbidden},
		{"child unit without subtree", []access.Grant{{Role: access.Editor, UnitID: f.centre.ID}}, errs.Forbidden},
		{"portal admin", []access.Grant{{Role: access.PortalAdmin, UnitID: f.city.ID}}, errs.Forbidden},
		{"unknown role", []access.Grant{{Role: "mayor", UnitID: f.dept.ID}}, errs.Invalid},
		{"unknown unit", []access.Grant{{Role: access.Editor, UnitID: 99999}}, errs.Invalid},
		{"duplicate", []access.Grant{{Role: access.Editor, UnitID: f.dept.ID}, {Role: access.Editor, UnitID: f.dept.ID}}, errs.Invalid},
	}
	for _, tt := range tests {
		_, err := f.svc.SetGrants(ctx, target.ID, tt.grants)
		if got := errs.CodeOf(err); got != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	// Even a portal admin grants the role only on the root unit.
	root := f.user("root", grant(access.PortalAdmin, f.city, false))
	_, err := f.svc.SetGrants(f.as(root), target.ID, []access.Grant{{Role: access.PortalAdmin, UnitID: f.dept.ID}})
	if errs.FieldsOf(err)["grants"] != "account.portal_admin_root" {
		t.Errorf("portal admin granted on a department: %v", err)
	}
	u := &account.User{Username: "nogrants", Name: "Không quyền"}
	if err := f.svc.CreateUser(ctx, u, goodPassword); errs.FieldsOf(err)["grants"] != "account.grant_required" {
		t.Errorf("unit admin creating a user without grants: %v", err)
	}
	entries := f.auditEntries("user.grants")
	if len(entries) != 1 || entries[0].ActorName != "dept.admin" || entries[0].ObjectID != "target" {
		t.Errorf("audited grant changes: %+v", entries)
	}
}

// The portal always keeps an enabled portal admin.
func TestLastPortalAdmin(t *testing.T) {
	f := newFixture(t, account.Config{})
	root := f.user("root", grant(access.PortalAdmin, f.city, false))
	if err := f.svc.DisableUser(f.ctx, root.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("disabling the last portal admin: %v", err)
	}
	if _, err := f.svc.SetGrants(f.ctx, root.ID, nil); !errs.Is(err, errs.Conflict) {
		t.Errorf("removing the last portal admin's role: %v", err)
	}
	second := f.user("root2", grant(access.PortalAdmin, f.city, false))
	if err := f.svc.DisableUser(f.as(second), root.ID); err != nil {
		t.Errorf("disabling one of two portal admins: %v", err)
	}
	if err := f.svc.DisableUser(f.as(second), second.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("disabling oneself: %v", err)
	}
}

func TestCreateAndUpdateUser(t *testing.T) {
	f := newFixture(t, account.Config{})
	u := &account.User{Username: " Chi.Le ", Name: " Lê Thị Chi ", Email: "chi@hanoi.gov.vn",
		Grants: []access.Grant{{Role: access.Editor, UnitID: f.dept.ID}}}
	if err := f.svc.CreateUser(f.ctx, u, goodPassword); err != nil {
		t.Fatal(err)
	}
	if u.Username != "chi.le" || u.Name != "Lê Thị Chi" || u.Grants[0].UnitPath != f.dept.Path || u.Version != 1 {
		t.Errorf("created %+v", u)
	}
	bad := &account.User{Username: "x", Name: " ", Email: "not-an-email"}
	err := f.svc.CreateUser(f.ctx, bad, "short")
	fields := errs.FieldsOf(err)
	for _, k := range []string{"username", "name", "email", "password"} {
		if fields[k] == "" {
			t.Errorf("no error on field %s: %v", k, err)
		}
	}
	dup := &account.User{Username: "chi.le", Name: "Another"}
	if err := f.svc.CreateUser(f.ctx, dup, goodPassword); errs.FieldsOf(err)["username"] != "account.username_taken" {
		t.Errorf("duplicate username: %v", err)
	}
	name := "Lê Chi"
	got, err := f.svc.UpdateUser(f.as(u), u.ID, account.UserUpdate{Name: &name, Version: 1})
	if err != nil || got.Name != "Lê Chi" || got.Version != 2 {
		t.Fatalf("self update: %+v, %v", got, err)
	}
	if _, err := f.svc.UpdateUser(f.ctx, u.ID, account.UserUpdate{Name: &name, Version: 1}); !errs.Is(err, errs.Conflict) {
		t.Errorf("stale update: %v", err)
	}
	q := "le chi"
	users, n, err := f.svc.FindUsers(f.ctx, account.UserFilter{Query: &q})
	if err != nil || n != 1 || users[0].ID != u.ID {
		t.Errorf("folded search: %d users, %v", n, err)
	}
}
