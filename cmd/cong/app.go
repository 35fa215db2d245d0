package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/workcal"
)

// loadConfig parses the common configuration for a subcommand named name,
// letting extra register the subcommand's own flags first. It returns the
// validated configuration and the remaining arguments.
func loadConfig(env *cmdEnv, name string, args []string, extra func(*flag.FlagSet)) (config.Config, []string, error) {
	fs := flag.NewFlagSet("cong "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	if extra != nil {
		extra(fs)
	}
	cfg, rest, err := config.Load(fs, args, env.getenv)
	if err != nil {
		return cfg, nil, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, nil, fmt.Errorf("invalid configuration:\n%w", err)
	}
	return cfg, rest, nil
}

// openDB opens the configured database and applies pending migrations
// and the announced calendar changes it lacks, reporting them on out.
func openDB(ctx context.Context, cfg config.Config, out io.Writer) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, sqlstore.Options{
		PostgresURL: cfg.DatabaseURL,
		SQLitePath:  cfg.SQLitePath(),
		Readers:     cfg.ReadPool,
	})
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	for _, m := range applied {
		fmt.Fprintln(out, "applied migration", m)
	}
	if err == nil {
		// The job queue's own tables, versioned by River.
		_, err = jobqueue.Migrate(ctx, db)
	}
	if err == nil {
		// The government's announced changes to the working-day calendar
		// ship with the binary like the schema does.
		var n int
		if n, err = workcal.SeedAnnounced(ctx, db); n > 0 {
			fmt.Fprintln(out, "announced calendar changes added:", n)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func ensureDir(dir string) error { return os.MkdirAll(dir, 0o750) }
