package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// acctTime is the fixed clock of the account store tests.
var acctTime = time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)

// acctUnits creates city → dept and city → ward and returns them.
func acctUnits(t *testing.T, db *sqlstore.DB) (city, dept, ward *unit.Unit) {
	t.Helper()
	mk := func(code string, kind unit.Kind, name string, parent int64) *unit.Unit {
		u := &unit.Unit{Code: code, Kind: kind, NameVI: name, ParentID: parent, Active: true}
		if err := db.CreateUnit(context.Background(), u, &audit.Entry{Action: "unit.create"}); err != nil {
			t.Fatalf("create unit %s: %v", code, err)
		}
		return u
	}
	city = mk("01", unit.City, "Thành phố Hà Nội", 0)
	dept = mk("so-tu-phap", unit.Department, "Sở Tư pháp", city.ID)
	ward = mk("00070", unit.Ward, "Phường Hoàn Kiếm", city.ID)
	return city, dept, ward
}

// acctUser creates a user with grants directly in the store.
func acctUser(t *testing.T, db *sqlstore.DB, username, name string, grants ...access.Grant) *account.User {
	t.Helper()
	u := &account.User{Username: username, Name: name, PasswordHash: "$argon2id$x",
		PasswordChanged: acctTime, Created: acctTime, Updated: acctTime, Grants: grants}
	if err := db.CreateUser(context.Background(), u, &audit.Entry{At: acctTime, Action: "user.create", ObjectID: username}); err != nil {
		t.Fatalf("create user %s: %v", username, err)
	}
	return u
}

func grantOn(r access.Role, u *unit.Unit, subtree bool) access.Grant {
	return access.Grant{Role: r, UnitID: u.ID, UnitPath: u.Path, Subtree: subtree}
}

func TestUserRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, dept, _ := acctUnits(t, db)
	u := acctUser(t, db, "an.nguyen", "Nguyễn Văn An", grantOn(access.Editor, dept, false), grantOn(access.UnitAdmin, city, true))
	got, err := db.FindUserByUsername(ctx, "an.nguyen")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != u.ID || got.Name != "Nguyễn Văn An" || got.Version != 1 || !got.Created.Equal(acctTime) || !got.LastLogin.IsZero() {
		t.Errorf("round trip: %+v", got)
	}
	if len(got.Grants) != 2 {
		t.Fatalf("grants = %+v", got.Grants)
	}
	for _, g := range got.Grants {
		want := map[int64]string{city.ID: city.Path, dept.ID: dept.Path}[g.UnitID]
		if g.UnitPath != want || got.Units[g.UnitID].Code == "" {
			t.Errorf("grant %+v: path want %q, units %+v", g, want, got.Units)
		}
	}
	if got.Units[dept.ID].Name != "Sở Tư pháp" {
		t.Errorf("unit name = %q", got.Units[dept.ID].Name)
	}
	if _, err := db.FindUserByID(ctx, u.ID+100); !errs.Is(err, errs.NotFound) {
		t.Errorf("missing user: %v", err)
	}
}

func TestUserDuplicateUsername(t *testing.T) {
	db := storetest.New(t)
	acctUser(t, db, "binh", "Trần Bình")
	u := &account.User{Username: "binh", Name: "Other", PasswordHash: "x", PasswordChanged: acctTime, Created: acctTime, Updated: acctTime}
	err := db.CreateUser(context.Background(), u, &audit.Entry{Action: "user.create"})
	if !errs.Is(err, errs.Conflict) || errs.FieldsOf(err)["username"] != "account.username_taken" {
		t.Fatalf("duplicate username: %v", err)
	}
}

func TestUpdateUserVersionAndSessions(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "chi", "Lê Chi")
	mustSession(t, db, "h1", u.ID)
	mustSession(t, db, "h2", u.ID)
	u.Name, u.Disabled = "Lê Thị Chi", true
	if err := db.UpdateUser(ctx, u, true, &audit.Entry{Action: "user.disable"}); err != nil {
		t.Fatal(err)
	}
	if u.Version != 2 {
		t.Errorf("version = %d, want 2", u.Version)
	}
	for _, h := range []string{"h1", "h2"} {
		if _, err := db.FindSession(ctx, h); !errs.Is(err, errs.NotFound) {
			t.Errorf("session %s survived: %v", h, err)
		}
	}
	stale := *u
	stale.Version = 1
	if err := db.UpdateUser(ctx, &stale, false, &audit.Entry{Action: "user.update"}); !errs.Is(err, errs.Conflict) {
		t.Errorf("stale update: %v", err)
	}
	stale.ID = 9999
	if err := db.UpdateUser(ctx, &stale, false, &audit.Entry{Action: "user.update"}); !errs.Is(err, errs.NotFound) {
		t.Errorf("missing user update: %v", err)
	}
	got, _ := db.FindUserByID(ctx, u.ID)
	if !got.Disabled || got.Name != "Lê Thị Chi" {
		t.Errorf("after update: %+v", got)
	}
}

func TestAccountChangesAreAudited(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _ := acctUnits(t, db)
	u := acctUser(t, db, "dung", "Phạm Dũng")
	if err := db.SetGrants(ctx, u.ID, []access.Grant{grantOn(access.Approver, dept, false)},
		&audit.Entry{At: acctTime, Action: "user.grants", ObjectKind: "user", ObjectID: "dung"}); err != nil {
		t.Fatal(err)
	}
	kind, id := "user", "dung"
	entries, n, err := db.FindAudit(ctx, audit.Filter{ObjectKind: &kind, ObjectID: &id})
	if err != nil || n != 1 || entries[0].Action != "user.grants" {
		t.Fatalf("audit = %d entries %+v, %v", n, entries, err)
	}
	// A change with a unit that does not exist rolls back with its audit entry.
	err = db.SetGrants(ctx, u.ID, []access.Grant{{Role: access.Editor, UnitID: 424242}},
		&audit.Entry{At: acctTime, Action: "user.grants", ObjectKind: "user", ObjectID: "dung"})
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("unknown unit: %v", err)
	}
	if _, n, _ := db.FindAudit(ctx, audit.Filter{ObjectKind: &kind, ObjectID: &id}); n != 1 {
		t.Errorf("rolled back change left %d audit entries", n)
	}
	got, _ := db.FindUserByID(ctx, u.ID)
	if len(got.Grants) != 1 || got.Grants[0].Role != access.Approver {
		t.Errorf("grants after rollback: %+v", got.Grants)
	}
}

func TestFindUsersScope(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, dept, ward := acctUnits(t, db)
	acctUser(t, db, "admin", "Quản trị", grantOn(access.PortalAdmin, city, false))
	acctUser(t, db, "deptuser", "Đỗ Hương", grantOn(access.Editor, dept, false))
	acctUser(t, db, "warduser", "Hoàng Minh", grantOn(access.Answerer, ward, false))
	acctUser(t, db, "nogrant", "Vũ Lan")
	q := "huong"
	disabled := false
	tests := []struct {
		name  string
		f     account.UserFilter
		want  []string
		total int
	}{
		{"all", account.UserFilter{AllUnits: true}, []string{"admin", "deptuser", "nogrant", "warduser"}, 4},
		{"folded query", account.UserFilter{AllUnits: true, Query: &q}, []string{"deptuser"}, 1},
		{"by unit", account.UserFilter{AllUnits: true, UnitID: &ward.ID}, []string{"warduser"}, 1},
		{"paged", account.UserFilter{AllUnits: true, Disabled: &disabled, Offset: 1, Limit: 2}, []string{"deptuser", "nogrant"}, 4},
		{"one unit", account.UserFilter{Units: []access.Grant{grantOn(access.UnitAdmin, dept, false)}}, []string{"deptuser"}, 1},
		{"subtree", account.UserFilter{Units: []access.Grant{grantOn(access.UnitAdmin, city, true)}, HidePortalAdmins: true},
			[]string{"deptuser", "warduser"}, 2},
		{"empty scope", account.UserFilter{}, nil, 0},
	}
	for _, tt := range tests {
		users, total, err := db.FindUsers(ctx, tt.f)
		var got []string
		for _, u := range users {
			got = append(got, u.Username)
		}
		if err != nil || total != tt.total || !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v of %d (%v), want %v of %d", tt.name, got, total, err, tt.want, tt.total)
		}
	}
	if n, err := db.CountPortalAdmins(ctx); n != 1 || err != nil {
		t.Errorf("CountPortalAdmins = %d, %v", n, err)
	}
	paths, err := db.UnitPaths(ctx, []int64{dept.ID, 99999})
	if err != nil || len(paths) != 1 || paths[dept.ID] != dept.Path {
		t.Errorf("UnitPaths = %v, %v", paths, err)
	}
}

func TestUseTOTPStepOnce(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "em", "Em")
	if err := db.UseTOTPStep(ctx, u.ID, 1000); err != nil {
		t.Fatal(err)
	}
	for _, step := range []int64{1000, 999} {
		if err := db.UseTOTPStep(ctx, u.ID, step); !errs.Is(err, errs.Conflict) {
			t.Errorf("step %d after 1000: %v", step, err)
		}
	}
	if err := db.UseTOTPStep(ctx, u.ID, 1001); err != nil {
		t.Errorf("next step: %v", err)
	}
}

func TestRecordLogin(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	u := acctUser(t, db, "giang", "Giang")
	at := acctTime.Add(time.Hour)
	if err := db.RecordLogin(ctx, u.ID, at, "$argon2id$new"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindUserByID(ctx, u.ID)
	if !got.LastLogin.Equal(at) || got.PasswordHash != "$argon2id$new" || got.Version != 1 {
		t.Errorf("after login: last %v hash %q version %d", got.LastLogin, got.PasswordHash, got.Version)
	}
}
