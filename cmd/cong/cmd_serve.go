package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/logbuf"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/searchfeed"
	"github.com/cong-vn/cong/internal/searchindex"
	"github.com/cong-vn/cong/internal/sqlstore"
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
	log, flushLog := newLogger(cfg, env)
	defer flushLog()
	tuneGC()
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		return err
	}
	jobs, err := newJobs(ctx, cfg, env, db, log, 0)
	if err != nil {
		return err
	}
	// ctx ends on SIGTERM/SIGINT, or when serve returns early.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if !cfg.NoWorkers {
		if err := jobs.Queue.Start(ctx); err != nil {
			return err
		}
		drained := drainJobs(ctx, cfg, jobs, log)
		defer func() { stop(); <-drained }()
	}
	index, err := searchindex.Open(cfg.SearchPath())
	if err != nil {
		return err
	}
	defer index.Close()
	indexer := searchfeed.New(db, index, log, searchSources(db)...)
	db.OnSearchChange(indexer.Wake)
	units := unit.NewService(db).WithDirectoryCache(db, unit.DefaultRecheck)
	db.OnCommit(units.Invalidate)
	procs := procedure.NewService(db, db)
	dossiers, err := newDossierServices(cfg, db, cal, procedureLookup{procs}, units, jobs.Notify, log)
	if err != nil {
		return err
	}
	accounts, err := newAccountService(cfg, db)
	if err != nil {
		return err
	}
	if n, err := accounts.SealTOTPSecrets(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("sealed the TOTP secrets stored in clear", "users", n)
	}
	srv, err := web.New(web.Deps{
		Config: cfg, Logger: log, DB: db, Version: version,
		Units:      units,
		Accounts:   accounts,
		Audit:      db,
		Calendar:   cal,
		Search:     index,
		Procedures: procs,
		Centre:     dossiers.Centre,
		Lookup:     dossiers.Lookup,
		Stats:      dossiers.Stats,
		Dossiers:   dossiers.Staff,
		Jobs:       jobs.Admin,
		Notify:     jobs.Notify,
	})
	if err != nil {
		return err
	}
	// Cached pages may hold search answers from before the index caught up.
	indexer.OnApplied = srv.InvalidateCache
	go indexer.Run(ctx)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	// Tests and scripts that listen on :0 read the address from this line.
	fmt.Fprintf(env.stdout, "listening on http://%s\n", ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "database", db.String(), "version", version)
	return srv.Serve(ctx, ln)
}

// drainJobs stops the workers as soon as ctx is done, waiting up to the
// shutdown timeout, counted from then, for the jobs they are running; the
// returned channel is closed when they have stopped. The web server
// starts its own drain at the same moment with the same timeout, so the
// two run side by side under one deadline and serve stops within
// CONG_SHUTDOWN_TIMEOUT, not twice that. Requests still in flight may
// enqueue jobs meanwhile: the rows are committed and are worked by
// another node or at the next start.
func drainJobs(ctx context.Context, cfg config.Config, jobs *jobDeps, log *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		log.Info("draining running jobs", "timeout", cfg.ShutdownTimeout.String())
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
		defer cancel()
		if err := jobs.Queue.Stop(stop); err != nil {
			log.Error("stopping job workers", "err", err)
		}
	}()
	return done
}

// searchSources lists the sources of every searchable kind of content.
func searchSources(db *sqlstore.DB) []search.Source {
	return []search.Source{unit.NewSearchSource(db), procedure.NewSearchSource(db, db)}
}

// serveGCPercent is the garbage collector's target for serve unless GOGC
// says otherwise. The live heap of a portal process is small (tens of MB)
// while a busy node allocates about 100 MB/s, so at Go's default of 100
// the collector runs several times a second and took a tenth of the CPU
// under load; at 200 the cached pages' p99 at 64 connections fell from
// 24 to 20 ms, for a heap peak of three times the live heap instead of
// two. GOMEMLIMIT, when set, still bounds it.
const serveGCPercent = 200

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
}

// newLogger returns the structured logger the configuration asks for, and
// the function that writes out its last lines (call it before exiting).
// Written to a file or a pipe (a real process's standard error), the
// lines go through a logbuf.Writer, so requests never wait on the log's
// system calls.
func newLogger(cfg config.Config, env *cmdEnv) (*slog.Logger, func()) {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	out, flush := env.stderr, func() {}
	if out == nil {
		out = os.Stderr
	}
	var buf *logbuf.Writer
	if f, ok := out.(*os.File); ok {
		buf = logbuf.New(f, 200*time.Millisecond, 64<<10)
		out, flush = buf, func() { buf.Close() }
	}
	var h slog.Handler = slog.NewJSONHandler(out, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(out, opts)
	}
	if buf != nil {
		h = logbuf.Handler(h, buf)
	}
	return slog.New(h), flush
}
