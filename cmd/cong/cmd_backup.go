package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"
)

func init() {
	register(command{name: "backup", short: "write a consistent copy of the live SQLite database", run: runBackup})
}

func runBackup(ctx context.Context, env *cmdEnv, args []string) error {
	var out string
	cfg, _, err := loadConfig(env, "backup", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "backup file to write (default: $CONG_DATA_DIR/backups/cong-<UTC time>.db)")
	})
	if err != nil {
		return err
	}
	if cfg.UsesPostgres() {
		return errors.New("PostgreSQL databases are backed up with pg_dump; see docs/operations.md")
	}
	if out == "" {
		out = filepath.Join(cfg.DataDir, "backups", "cong-"+time.Now().UTC().Format("20060102T150405Z")+".db")
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := ensureDir(filepath.Dir(out)); err != nil {
		return err
	}
	if err := db.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "backup written to", out)
	return nil
}
