package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/cong-vn/cong/internal/gen"
)

func init() {
	register(command{name: "gen", short: "fill the database with generated content for load tests (e.g. --units 5000)", run: runGen})
}

// runGen fills the configured database with generated content of every
// kind. Each content kind adds its size flag here and its generator in
// internal/gen.
func runGen(ctx context.Context, env *cmdEnv, args []string) error {
	var opts gen.Options
	var codesPath string
	cfg, _, err := loadConfig(env, "gen", args, func(fs *flag.FlagSet) {
		fs.IntVar(&opts.Units, "units", 5000, "number of units (the city, departments, agencies, centres, wards and communes)")
		fs.IntVar(&opts.Dossiers, "dossiers", 0, "number of dossiers received over the past year at the generated one-stop centres (1000000 for the statistics benchmark)")
		fs.StringVar(&codesPath, "lookup-codes", "", "write each generated dossier's receipt code and second factor to this file, one \"code factor\" line each (for load tests of the lookup)")
		fs.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed makes the same content")
	})
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if codesPath != "" {
		f, err := os.Create(codesPath)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		defer func() {
			if err := w.Flush(); err != nil {
				fmt.Fprintf(env.stderr, "lookup codes: %v\n", err)
			}
			f.Close()
		}()
		opts.LookupCodes = w
	}
	stores := gen.Stores{Units: db}
	if opts.Dossiers > 0 {
		if stores.Dossiers, err = dossierGenStores(cfg, db); err != nil {
			return err
		}
	}
	counts, err := gen.Generate(ctx, stores, opts, env.stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "generated into %s: %v\n", db, counts)
	return nil
}
