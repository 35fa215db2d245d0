package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// The "cong centre" commands manage the one-stop centres' API clients and
// status mappings from the shell (acting as the portal admin "cli", as
// the user commands do), and "cong centre push" sends a centre's export
// to the portal.

func init() {
	register(command{name: "centre create", short: "create an API client for a one-stop centre (prints its secret once)", run: runCentreCreate})
	register(command{name: "centre list", short: "list the centres' API clients", run: runCentreList})
	register(command{name: "centre rotate", short: "give an API client a new secret (prints it once)", run: runCentreRotate})
	register(command{name: "centre disable", short: "disable an API client", run: runCentreDisable})
	register(command{name: "centre map", short: "map a centre's status code to a canonical status", run: runCentreMap})
	register(command{name: "centre connectivity", short: "show which centres are connected", run: runCentreConnectivity})
}

// secretKeyFile is where a generated secret key is kept in the data dir.
const secretKeyFile = "secret.key"

// portalKeyring returns the keyring on CONG_SECRET_KEY or, when it is
// empty, on the key in the data dir, generated there (64 hex characters,
// mode 0600) on first use. Nodes sharing a PostgreSQL database must share
// the key: set CONG_SECRET_KEY on every node.
func portalKeyring(cfg config.Config) (*keyring.Keyring, error) {
	if cfg.SecretKey != "" {
		return keyring.New([]byte(cfg.SecretKey))
	}
	path := filepath.Join(cfg.DataDir, secretKeyFile)
	if b, err := os.ReadFile(path); err == nil {
		return keyring.New([]byte(strings.TrimSpace(string(b))))
	}
	if err := ensureDir(cfg.DataDir); err != nil {
		return nil, err
	}
	b := make([]byte, 32)
	rand.Read(b)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return portalKeyring(cfg) // another process generated it meanwhile
	}
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	defer f.Close()
	key := hex.EncodeToString(b)
	if _, err := f.WriteString(key + "\n"); err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return keyring.New([]byte(key))
}

// newCentreService returns the centre integration on db. procs may be nil
// until the procedures catalogue is wired (dossiers then need the
// appointment given by the centre). "cong serve" passes it to web.Deps.
func newCentreService(cfg config.Config, db *sqlstore.DB, cal *workcal.Service, procs dossier.ProcedureLookup) (*centreapi.Service, error) {
	keys, err := portalKeyring(cfg)
	if err != nil {
		return nil, err
	}
	return centreapi.NewService(centreapi.Deps{Store: db, Units: unit.NewService(db), Calendars: cal, Keys: keys, Procedures: procs})
}

// centreCmd opens the database and the service for a centre subcommand.
func centreCmd(ctx context.Context, env *cmdEnv, name string, args []string, flags func(*flag.FlagSet)) (*centreapi.Service, *sqlstore.DB, error) {
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
	cal, err := workcal.NewService(db, calendar.Options{})
	if err == nil {
		var svc *centreapi.Service
		if svc, err = newCentreService(cfg, db, cal, procedureLookup{procedure.NewService(db, db)}); err == nil {
			return svc, db, nil
		}
	}
	db.Close()
	return nil, nil, err
}

func runCentreCreate(ctx context.Context, env *cmdEnv, args []string) error {
	var unitCode, name, keyFile string
	svc, db, err := centreCmd(ctx, env, "centre create", args, func(fs *flag.FlagSet) {
		fs.StringVar(&unitCode, "unit", "", "code of the centre unit (required)")
		fs.StringVar(&name, "name", "", "a label for the client, e.g. the centre's software")
		fs.StringVar(&keyFile, "key-file", "", "also write the credentials to this file (mode 0600) for \"cong centre push\"")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if unitCode == "" {
		return errors.New("centre create: --unit is required")
	}
	c, cred, err := svc.CreateClient(cliContext(ctx), unitCode, name)
	if err != nil {
		return fmt.Errorf("centre create: %w", err)
	}
	fmt.Fprintf(env.stdout, "Created an API client for centre %s.\n", c.UnitCode)
	return showCredentials(env.stdout, cred, keyFile)
}

// showCredentials prints the credentials, and writes them to keyFile when
// it is set.
func showCredentials(w io.Writer, cred centreapi.Credentials, keyFile string) error {
	fmt.Fprintf(w, "  key id: %s\n  secret: %s\n", cred.KeyID, cred.Secret)
	fmt.Fprintln(w, "The secret is shown only this once: give it to the centre over a safe channel.")
	if keyFile == "" {
		return nil
	}
	b, _ := json.MarshalIndent(cred, "", "  ")
	if err := os.WriteFile(keyFile, append(b, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(w, "Written to %s.\n", keyFile)
	return nil
}

func runCentreList(ctx context.Context, env *cmdEnv, args []string) error {
	svc, db, err := centreCmd(ctx, env, "centre list", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := svc.FindClients(cliContext(ctx), 0)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY ID\tCENTRE\tNAME\tSTATE\tLAST SUCCESS")
	for _, c := range list {
		state := "active"
		if c.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.KeyID, c.UnitCode, c.Name, state, when(c.LastSuccess))
	}
	return tw.Flush()
}

// when formats t in Vietnam time, "-" for the zero time.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(calendar.Zone()).Format("2006-01-02 15:04")
}

func runCentreRotate(ctx context.Context, env *cmdEnv, args []string) error {
	var keyID, keyFile string
	var immediate bool
	svc, db, err := centreCmd(ctx, env, "centre rotate", args, func(fs *flag.FlagSet) {
		fs.StringVar(&keyID, "key-id", "", "key id of the client (required)")
		fs.BoolVar(&immediate, "immediate", false, "invalidate the old secret now (after a leak) instead of after the grace period")
		fs.StringVar(&keyFile, "key-file", "", "also write the new credentials to this file (mode 0600)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	cred, err := svc.RotateClient(cliContext(ctx), keyID, immediate)
	if err != nil {
		return fmt.Errorf("centre rotate: %w", err)
	}
	if immediate {
		fmt.Fprintln(env.stdout, "New secret issued; the old one no longer works.")
	} else {
		fmt.Fprintf(env.stdout, "New secret issued; the old one works for %s more.\n", centreapi.DefaultRotationGrace)
	}
	return showCredentials(env.stdout, cred, keyFile)
}

func runCentreDisable(ctx context.Context, env *cmdEnv, args []string) error {
	var keyID string
	svc, db, err := centreCmd(ctx, env, "centre disable", args, func(fs *flag.FlagSet) {
		fs.StringVar(&keyID, "key-id", "", "key id of the client (required)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := svc.DisableClient(cliContext(ctx), keyID); err != nil {
		return fmt.Errorf("centre disable: %w", err)
	}
	fmt.Fprintf(env.stdout, "Disabled %s.\n", keyID)
	return nil
}

func runCentreMap(ctx context.Context, env *cmdEnv, args []string) error {
	var unitCode, code, status string
	var del bool
	svc, db, err := centreCmd(ctx, env, "centre map", args, func(fs *flag.FlagSet) {
		fs.StringVar(&unitCode, "unit", "", "code of the centre unit (required)")
		fs.StringVar(&code, "code", "", "the centre's own status code (required)")
		fs.StringVar(&status, "status", "", "canonical status: "+statusList())
		fs.BoolVar(&del, "delete", false, "remove the mapping of --code instead")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	if del {
		err = svc.DeleteStatusMapping(ctx, unitCode, code)
	} else {
		err = svc.SetStatusMapping(ctx, unitCode, code, dossier.Status(status))
	}
	if err != nil {
		return fmt.Errorf("centre map: %w", err)
	}
	return printMappings(ctx, env.stdout, svc, unitCode)
}

func statusList() string {
	names := make([]string, len(dossier.Statuses))
	for i, s := range dossier.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func printMappings(ctx context.Context, w io.Writer, svc *centreapi.Service, unitCode string) error {
	list, err := svc.StatusMappings(ctx, unitCode)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Status mappings of %s:\n", unitCode)
	for _, m := range list {
		fmt.Fprintf(w, "  %-20s → %s\n", m.Code, m.Status)
	}
	return nil
}

func runCentreConnectivity(ctx context.Context, env *cmdEnv, args []string) error {
	svc, db, err := centreCmd(ctx, env, "centre connectivity", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := svc.Connectivity(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Centres connected: %d of %d (a successful contact within %s)\n", c.Connected, c.Total, centreapi.ConnectedWithin)
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CENTRE\tCLIENTS\tLAST SUCCESS\tEVENTS/DAY\tERROR RATE")
	for _, x := range c.Centres {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t%.1f%%\n", x.UnitCode, x.Clients, when(x.LastSuccess), x.EventsPerDay, 100*x.ErrorRate)
	}
	return tw.Flush()
}
