package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web"
	"github.com/cong-vn/cong/internal/workcal"
)

func init() {
	register(command{name: "serve", short: "run the portal's web server", run: runServe})
}

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, _, err := loadConfig(env, "serve", args, nil)
	if err != nil {
		return err
	}
	log := newLogger(cfg, env)
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		return err
	}
	srv, err := web.New(web.Deps{
		Config: cfg, Logger: log, DB: db, Version: version,
		Units:    unit.NewService(db),
		Accounts: newAccountService(cfg, db),
		Audit:    db,
		Calendar: cal,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	// Tests and scripts that listen on :0 read the address from this line.
	fmt.Fprintf(env.stdout, "listening on http://%s\n", ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "database", db.String(), "version", version)
	return srv.Serve(ctx, ln)
}

// newLogger returns the structured logger the configuration asks for.
func newLogger(cfg config.Config, env *cmdEnv) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(env.stderr, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(env.stderr, opts)
	}
	if env.stderr == nil {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	return slog.New(h)
}
