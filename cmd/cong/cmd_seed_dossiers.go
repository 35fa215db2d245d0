package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/workcal"
)

// demoDossiersFile keeps, in the data dir, the sample receipt codes and
// factors the first seed printed, so later runs print them again (the
// factors themselves are stored only as keyed hashes).
const demoDossiersFile = "demo-dossiers.txt"

// seedDemoDossiers loads the demo year of dossiers (once) and prints a few
// receipt codes with their second factor for trying the lookup. It checks
// CONG_RECEIPT_FORMAT first, so a bad pattern is reported before a server
// is started on the seeded database, and issues the demo codes in it.
func seedDemoDossiers(ctx context.Context, cfg config.Config, env *cmdEnv, db *sqlstore.DB) error {
	format, err := receiptFormat(cfg)
	if err != nil {
		return err
	}
	keys, err := portalKeyring(cfg)
	if err != nil {
		return err
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		return err
	}
	start := time.Now()
	n, samples, err := seed.Dossiers(ctx, seed.DossierDeps{Store: db, Units: db, Calendars: cal, Keys: keys, Format: format})
	if err != nil {
		return fmt.Errorf("seed dossiers: %w", err)
	}
	fmt.Fprintf(env.stdout, "demo dossiers: %d created in %s\n", n, time.Since(start).Round(time.Millisecond))
	path := filepath.Join(cfg.DataDir, demoDossiersFile)
	var b strings.Builder
	for _, s := range samples {
		fmt.Fprintf(&b, "  receipt code %s, second factor %s (%s)\n", s.Code, s.Factor, s.Status)
	}
	if b.Len() > 0 {
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			return err
		}
	} else if old, err := os.ReadFile(path); err == nil {
		b.Write(old)
	}
	if b.Len() > 0 {
		fmt.Fprintf(env.stdout, "\nTry the dossier lookup at http://%s/tra-cuu-ho-so with:\n%s", cfg.Addr, b.String())
	}
	return nil
}
