package account_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// goodPassword passes the policy for every test user.
const goodPassword = "hồ gươm lúc bình minh"

// clock is a settable clock for the Service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a fresh database with the unit tree city → dept → centre and
// city → ward, and a Service on it with a test clock.
type fixture struct {
	t     *testing.T
	ctx   context.Context // the command-line actor: a portal admin
	db    *sqlstore.DB
	svc   *account.Service
	clock *clock

	city, dept, centre, ward *unit.Unit
}

func newFixture(t *testing.T, cfg account.Config) *fixture {
	t.Helper()
	f := &fixture{t: t, db: storetest.New(t), clock: &clock{t: time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)}}
	f.ctx = access.WithActor(context.Background(), account.SystemActor("test"))
	cfg.Now = f.clock.Now
	if cfg.Keys == nil {
		cfg.Keys = testKeys(t)
	}
	f.svc = account.NewService(f.db, cfg)
	f.city = f.unit("01", unit.City, "Thành phố Hà Nội", nil)
	f.dept = f.unit("so-tu-phap", unit.Department, "Sở Tư pháp", f.city)
	f.centre = f.unit("hcc-tu-phap", unit.Centre, "Bộ phận một cửa Sở Tư pháp", f.dept)
	f.ward = f.unit("00070", unit.Ward, "Phường Hoàn Kiếm", f.city)
	return f
}

func (f *fixture) unit(code string, kind unit.Kind, name string, parent *unit.Unit) *unit.Unit {
	f.t.Helper()
	u := &unit.Unit{Code: code, Kind: kind, NameVI: name, Active: true}
	if parent != nil {
		u.ParentID = parent.ID
	}
	if err := f.db.CreateUnit(context.Background(), u, &audit.Entry{Action: "unit.create"}); err != nil {
		f.t.Fatalf("create unit %s: %v", code, err)
	}
	return u
}

// testKeys is a keyring for sealing TOTP secrets, as serve has.
func testKeys(t *testing.T) *keyring.Keyring {
	k, err := keyring.New([]byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// grant is a grant of role on u.
func grant(role access.Role, u *unit.Unit, subtree bool) access.Grant {
	return access.Grant{Role: role, UnitID: u.ID, UnitPath: u.Path, Subtree: subtree}
}

// user creates an enabled user with goodPassword and grants, as the
// command line would.
func (f *fixture) user(username string, grants ...access.Grant) *account.User {
	f.t.Helper()
	u := &account.User{Username: username, Name: "Cán bộ " + username, Grants: grants}
	if err := f.svc.CreateUser(f.ctx, u, goodPassword); err != nil {
		f.t.Fatalf("create user %s: %v", username, err)
	}
	return u
}

// as returns a context acting as u (with its stored grants).
func (f *fixture) as(u *account.User) context.Context {
	f.t.Helper()
	stored, err := f.db.FindUserByID(context.Background(), u.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return access.WithActor(context.Background(), account.ActorOf(stored))
}

// login logs username in from ip with password and fails the test on error.
func (f *fixture) login(username, password, ip string) *account.Session {
	f.t.Helper()
	s, err := f.svc.Login(context.Background(), username, password, ip, "test-agent", "")
	if err != nil {
		f.t.Fatalf("login %s from %s: %v", username, ip, err)
	}
	return s
}

// authOK authenticates token and fails the test unless it is a full session.
func (f *fixture) authOK(token string) (*access.Actor, *account.Session) {
	f.t.Helper()
	a, s, err := f.svc.Authenticate(context.Background(), token)
	if err != nil || a == nil {
		f.t.Fatalf("Authenticate: actor %v, err %v", a, err)
	}
	return a, s
}

// authFails checks that token no longer authenticates.
func (f *fixture) authFails(token, why string) {
	f.t.Helper()
	if _, _, err := f.svc.Authenticate(context.Background(), token); !errs.Is(err, errs.Unauthorized) {
		f.t.Errorf("%s: Authenticate = %v, want Unauthorized", why, err)
	}
}

// code returns the TOTP code of secret at the fixture's time plus offset.
func (f *fixture) code(secret string, offset time.Duration) string {
	f.t.Helper()
	c, err := account.TOTPCode(secret, f.clock.Now().Add(offset))
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// auditActions returns the actions of the audit entries with prefix.
func (f *fixture) auditEntries(prefix string) []*audit.Entry {
	f.t.Helper()
	entries, _, err := f.db.FindAudit(context.Background(), audit.Filter{Action: &prefix})
	if err != nil {
		f.t.Fatal(err)
	}
	return entries
}
