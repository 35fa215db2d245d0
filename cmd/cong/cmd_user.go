package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/unit"
)

// The "cong user" commands manage staff accounts from the shell. They act
// as a portal admin named "cli" in the audit log: whoever can run the
// binary against the database already holds every key.

func init() {
	register(command{name: "user create", short: "create a staff account (prints a generated password)", run: runUserCreate})
	register(command{name: "user list", short: "list staff accounts and their roles", run: runUserList})
	register(command{name: "user reset-password", short: "set and print a temporary password for a staff account", run: runUserResetPassword})
	register(command{name: "user disable", short: "disable a staff account and end its sessions", run: runUserDisable})
}

// newAccountService returns the account service on db, configured by cfg,
// with the portal's keys to seal TOTP secrets.
func newAccountService(cfg config.Config, db *sqlstore.DB) (*account.Service, error) {
	keys, err := portalKeyring(cfg)
	if err != nil {
		return nil, err
	}
	return account.NewService(db, account.Config{IdleTimeout: cfg.SessionIdle, AbsoluteTimeout: cfg.SessionAbsolute, Keys: keys}), nil
}

// cliContext is ctx acting as the command line.
func cliContext(ctx context.Context) context.Context {
	return audit.WithIP(access.WithActor(ctx, account.SystemActor("cli")), "cli")
}

// userCmd opens the database for a user subcommand after parsing its
// flags, and returns the service, the database to close and the context.
func userCmd(ctx context.Context, env *cmdEnv, name string, args []string, flags func(*flag.FlagSet)) (*account.Service, *sqlstore.DB, error) {
	cfg, rest, err := loadConfig(env, name, args, flags)
	if err != nil {
		return nil, nil, err
	}
	if len(rest) > 0 {
		return nil, nil, fmt.Errorf("%s: unexpected arguments %q", name, rest)
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return nil, nil, err
	}
	accounts, err := newAccountService(cfg, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return accounts, db, nil
}

// userCreateFlags are the flags of "cong user create".
type userCreateFlags struct {
	username, name, email  string
	role, unit, passwdFile string
	subtree                bool
}

func (f *userCreateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.username, "username", "", "login name: 3-40 of a-z 0-9 . _ - (required)")
	fs.StringVar(&f.name, "name", "", "full name (required)")
	fs.StringVar(&f.email, "email", "", "e-mail address")
	fs.StringVar(&f.role, "role", "", "role to grant: "+roleList())
	fs.StringVar(&f.unit, "unit", "", "code of the unit the role is granted on (default for portal_admin: the root unit)")
	fs.BoolVar(&f.subtree, "subtree", false, "the role also holds on every unit below --unit")
	fs.StringVar(&f.passwdFile, "password-file", "", "file holding the password; without it a strong one is generated, printed, and must be changed at first login")
}

func roleList() string {
	names := make([]string, len(access.Roles))
	for i, r := range access.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

func runUserCreate(ctx context.Context, env *cmdEnv, args []string) error {
	var f userCreateFlags
	svc, db, err := userCmd(ctx, env, "user create", args, f.register)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &account.User{Username: f.username, Name: f.name, Email: f.email}
	if u.Grants, err = cliGrants(ctx, db, f); err != nil {
		return err
	}
	password, generated, err := cliPassword(f.passwdFile)
	if err != nil {
		return err
	}
	u.MustChangePassword = generated
	if err := svc.CreateUser(cliContext(ctx), u, password); err != nil {
		return describe("user create", err)
	}
	if stored, err := svc.FindUserByID(cliContext(ctx), u.ID); err == nil {
		u = stored // with the codes of its units
	}
	fmt.Fprintf(env.stdout, "created user %s (id %d), roles: %s\n", u.Username, u.ID, rolesOrNone(u))
	if generated {
		fmt.Fprintf(env.stdout, "password: %s\n(to be changed at the first login)\n", password)
	}
	if u.IsPortalAdmin() {
		fmt.Fprintln(env.stdout, "a portal admin enrols a TOTP authenticator at the first login")
	}
	return nil
}

// cliGrants turns --role, --unit and --subtree into at most one grant.
func cliGrants(ctx context.Context, db *sqlstore.DB, f userCreateFlags) ([]access.Grant, error) {
	switch {
	case f.role == "" && (f.unit != "" || f.subtree):
		return nil, errors.New("user create: --unit and --subtree need --role")
	case f.role == "":
		return nil, nil
	case !access.Role(f.role).Valid():
		return nil, fmt.Errorf("user create: unknown role %q; want one of %s", f.role, roleList())
	}
	u, err := cliUnit(ctx, db, f.unit, access.Role(f.role) == access.PortalAdmin)
	if err != nil {
		return nil, err
	}
	return []access.Grant{{Role: access.Role(f.role), UnitID: u.ID, Subtree: f.subtree}}, nil
}

// cliUnit finds the unit with code, or the root unit when code is empty
// and rootDefault holds.
func cliUnit(ctx context.Context, db *sqlstore.DB, code string, rootDefault bool) (*unit.Unit, error) {
	if code != "" {
		u, err := db.FindUnitByCode(ctx, code)
		if err != nil {
			return nil, fmt.Errorf("user create: no unit with code %q", code)
		}
		return u, nil
	}
	if !rootDefault {
		return nil, errors.New("user create: --role needs --unit CODE")
	}
	root := int64(0)
	units, _, err := db.FindUnits(ctx, unit.Filter{ParentID: &root, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, errors.New("user create: there are no units yet; run \"cong import units\" first or pass --unit")
	}
	return units[0], nil
}

// cliPassword reads the password from path, or generates one.
func cliPassword(path string) (password string, generated bool, err error) {
	if path == "" {
		return account.GeneratePassword(), true, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false, fmt.Errorf("user create: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), false, nil
}

func runUserList(ctx context.Context, env *cmdEnv, args []string) error {
	svc, db, err := userCmd(ctx, env, "user list", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	users, _, err := svc.FindUsers(cliContext(ctx), account.UserFilter{})
	if err != nil {
		return err
	}
	printUsers(env.stdout, users)
	return nil
}

func printUsers(w io.Writer, users []*account.User) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tSTATUS\tTOTP\tROLES")
	for _, u := range users {
		status, totp := "active", "off"
		if u.Disabled {
			status = "disabled"
		}
		if u.TOTPEnabled {
			totp = "on"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.Name, status, totp, roles(u))
	}
	tw.Flush()
}

// roles renders u's grants as "editor@so-tu-phap unit_admin@01+" (+ for a
// subtree).
func roles(u *account.User) string {
	parts := make([]string, len(u.Grants))
	for i, g := range u.Grants {
		parts[i] = string(g.Role) + "@" + u.Units[g.UnitID].Code
		if g.Subtree {
			parts[i] += "+"
		}
	}
	return strings.Join(parts, " ")
}

// rolesOrNone is roles(u), or "none".
func rolesOrNone(u *account.User) string {
	if s := roles(u); s != "" {
		return s
	}
	return "none"
}

func runUserResetPassword(ctx context.Context, env *cmdEnv, args []string) error {
	var username string
	svc, db, err := userCmd(ctx, env, "user reset-password", args, usernameFlag(&username))
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := findCLIUser(ctx, svc, username)
	if err != nil {
		return err
	}
	temporary := account.GeneratePassword()
	if err := svc.ResetPassword(cliContext(ctx), u.ID, temporary); err != nil {
		return describe("user reset-password", err)
	}
	fmt.Fprintf(env.stdout, "temporary password for %s: %s\n(to be changed at the next login; its sessions have ended)\n", u.Username, temporary)
	return nil
}

func runUserDisable(ctx context.Context, env *cmdEnv, args []string) error {
	var username string
	svc, db, err := userCmd(ctx, env, "user disable", args, usernameFlag(&username))
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := findCLIUser(ctx, svc, username)
	if err != nil {
		return err
	}
	if err := svc.DisableUser(cliContext(ctx), u.ID); err != nil {
		return describe("user disable", err)
	}
	fmt.Fprintf(env.stdout, "disabled %s; its sessions have ended\n", u.Username)
	return nil
}

func usernameFlag(p *string) func(*flag.FlagSet) {
	return func(fs *flag.FlagSet) { fs.StringVar(p, "username", "", "login name of the account (required)") }
}

func findCLIUser(ctx context.Context, svc *account.Service, username string) (*account.User, error) {
	if username == "" {
		return nil, errors.New("--username is required")
	}
	u, err := svc.FindUserByUsername(cliContext(ctx), username)
	if err != nil {
		return nil, fmt.Errorf("no user %q", username)
	}
	return u, nil
}

// describe turns a service error into a message for the operator: the
// English text of its key and of each field error. Internal and
// unavailable errors keep their full cause, which the operator may see.
func describe(op string, err error) error {
	if errs.Is(err, errs.Internal) || errs.Is(err, errs.Unavailable) {
		return fmt.Errorf("%s: %w", op, err)
	}
	cat := i18n.MustLoad()
	key, args := errs.KeyOf(err)
	msg := op + ": " + cat.T("en", key, args...)
	fields := errs.FieldsOf(err)
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		msg += fmt.Sprintf("\n  %s: %s", name, cat.T("en", fields[name]))
	}
	return errors.New(msg)
}
