package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// demoAdmin is the account "cong seed demo" creates.
const demoAdmin = "admin"

func init() {
	register(command{name: "seed demo", short: "load the demo data (Hà Nội) idempotently and print the admin login", run: runSeedDemo})
}

// runSeedDemo migrates, loads the demo data (existing rows are left as
// they are, so it is safe on every start) and prints the admin login.
func runSeedDemo(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, _, err := loadConfig(env, "seed demo", args, nil)
	if err != nil {
		return err
	}
	if err := ensureDir(cfg.DataDir); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := seed.Units(ctx, db)
	if err != nil {
		return fmt.Errorf("seed units: %w", err)
	}
	fmt.Fprintf(env.stdout, "demo units: %d created\n", n)
	if n, err = seed.Procedures(ctx, procedure.NewService(db, db), db); err != nil {
		return fmt.Errorf("seed procedures: %w", err)
	}
	fmt.Fprintf(env.stdout, "demo procedures: %d created\n", n)
	if err := seedDemoDossiers(ctx, cfg, env, db); err != nil {
		return err
	}
	accounts, err := newAccountService(cfg, db)
	if err != nil {
		return err
	}
	password, err := ensureDemoAdmin(ctx, accounts, db, filepath.Join(cfg.DataDir, "demo-admin-password"))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "\nAdmin login: http://%s/quan-tri/\n  username: %s\n  password: %s\n", cfg.Addr, demoAdmin, password)
	fmt.Fprintln(env.stdout, "  At first login you set up two-step verification with an authenticator app (required for portal administrators).")
	return nil
}

// ensureDemoAdmin creates the demo portal admin on the root unit the first
// time, keeping its generated password in a file of the data dir (mode
// 0600) so later runs can print it again.
func ensureDemoAdmin(ctx context.Context, svc *account.Service, db *sqlstore.DB, passFile string) (string, error) {
	ctx = cliContext(ctx)
	if _, err := svc.FindUserByUsername(ctx, demoAdmin); err == nil {
		b, err := os.ReadFile(passFile)
		if err != nil {
			return "(unknown: the account existed before; use cong user reset-password --username admin)", nil
		}
		return strings.TrimSpace(string(b)) + " (unless you changed it)", nil
	} else if !errs.Is(err, errs.NotFound) {
		return "", err
	}
	root, err := db.FindUnitByCode(ctx, "01")
	if err != nil {
		return "", fmt.Errorf("demo admin: no root unit: %w", err)
	}
	password := account.GeneratePassword()
	u := &account.User{Username: demoAdmin, Name: "Quản trị cổng (demo)",
		Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: root.ID, Subtree: true}}}
	if err := svc.CreateUser(ctx, u, password); err != nil {
		return "", fmt.Errorf("demo admin: %w", err)
	}
	if err := os.WriteFile(passFile, []byte(password+"\n"), 0o600); err != nil {
		return "", errors.Join(fmt.Errorf("demo admin created, but its password could not be saved; it is %s", password), err)
	}
	return password, nil
}
