package web

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/admin"
	"github.com/cong-vn/cong/internal/web/apiv1"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/web/open311"
	"github.com/cong-vn/cong/internal/web/public"
	"github.com/cong-vn/cong/internal/web/ui"
	"github.com/cong-vn/cong/internal/workcal"
)

// Deps are the services the server needs. cmd wires them.
type Deps struct {
	Config   config.Config
	Logger   *slog.Logger
	DB       Database // for /readyz and pool metrics
	Units    *unit.Service
	Calendar *workcal.Service
	Accounts *account.Service
	Audit    audit.Store
	Search   search.Index
	Version  string
	// Jobs is the job queue's admin (the jobs page); nil leaves the page
	// answering 404.
	Jobs *job.Service
	// Notify is the notification service (the outbox and webhook pages);
	// nil leaves those pages answering 404.
	Notify *notify.Service
	// Centre is the centres' integration API (POST /api/v1/centre/events).
	Centre *centreapi.Service
	// Procedures is the procedure catalogue (public pages, API, Open311);
	// nil leaves those routes out.
	Procedures *procedure.Service
	// Lookup is the citizens' dossier lookup (page and Open311 requests);
	// nil leaves those routes out.
	Lookup *dossier.LookupService
	// Stats are the public dossier statistics (page, CSV, API); nil leaves
	// those routes out.
	Stats *dossier.StatsService
	// Dossiers is the staff's view of dossiers (overdue lists, dossier
	// pages, apology slips); nil leaves those admin pages answering 404.
	Dossiers *dossier.Service
}

// Database is what the server asks of the database: health for /readyz
// and the pools for metrics. *sqlstore.DB implements it.
type Database interface {
	Ping(ctx context.Context) error
	Pending(ctx context.Context) (int, error)
	Writer() *sql.DB
	Reader() *sql.DB
	// ContentVersion grows whenever public content changes on any node.
	ContentVersion(ctx context.Context) (int64, error)
	// OnCommit sets a function run after every local write transaction.
	OnCommit(fn func())
}

// Server is the portal's HTTP server.
type Server struct {
	cfg     config.Config
	log     *slog.Logger
	db      Database
	render  *httpx.Renderer
	metrics *metrics
	handler http.Handler
	version string
	cache   *pageCache // nil when disabled
}

// New builds the server and its routes. It fails when templates or static
// files are broken.
func New(d Deps) (*Server, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	staticFS, _ := fs.Sub(ui.FS, "static")
	assets, err := httpx.LoadAssets(staticFS)
	if err != nil {
		return nil, err
	}
	tmplFS, _ := fs.Sub(ui.FS, "templates")
	rd, err := httpx.NewRenderer(tmplFS, d.Config.TemplateDir, cat, assets)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: d.Config, log: d.Logger, db: d.DB, render: rd, metrics: newMetrics(d.DB), version: d.Version}
	if s.log == nil {
		s.log = slog.Default()
	}
	mux := http.NewServeMux()
	r := &router{mux: mux}
	assets.NotFound = func(w http.ResponseWriter, req *http.Request) { rd.Error(w, req, errNotFound) }
	r.handle("GET /static/", assets.ServeHTTP)
	r.handle("GET /healthz", s.healthz)
	r.handle("GET /readyz", s.readyz)
	r.handle("GET /metrics", s.metrics.handler().ServeHTTP)
	dossierPages := &public.DossierHandlers{Render: rd, Lookup: d.Lookup, Stats: d.Stats, Centre: d.Centre}
	public.Routes(r, &public.Handlers{Render: rd, Units: d.Units, Calendar: d.Calendar, Search: d.Search, BaseURL: d.Config.BaseURL,
		Sitemap: []public.SitemapSection{public.CalendarSitemap, dossierPages.Sitemap}, Procedures: d.Procedures})
	admin.Routes(r, &admin.Handlers{Render: rd, Accounts: d.Accounts, Units: d.Units, Audit: d.Audit, InsecureCookie: d.Config.Dev,
		Jobs: d.Jobs, Notify: d.Notify, Calendar: d.Calendar, Procedures: d.Procedures,
		Centres: d.Centre, Dossiers: d.Dossiers})
	apiv1.Routes(r, &apiv1.Handlers{Render: rd, Units: d.Units, Calendar: d.Calendar, Search: d.Search, Version: d.Version,
		Centre: d.Centre, Procedures: d.Procedures})
	open311.Routes(r, &open311.Handlers{Catalog: cat, Procedures: d.Procedures})
	public.DossierRoutes(r, dossierPages)
	apiv1.StatisticsRoutes(r, &apiv1.StatisticsHandlers{Render: rd, Stats: d.Stats})
	open311.RequestRoutes(r, &open311.RequestHandlers{Catalog: cat, Lookup: d.Lookup})
	// Every request no route takes comes here, whatever its method, so
	// that 404 and 405 get the portal's error page or envelope instead of
	// the mux's plain text.
	mux.HandleFunc(fallbackPattern, s.unmatched(mux))
	mws := []middleware{s.withInfo, s.observe, s.recoverer, s.securityHeaders}
	if d.Config.PageCacheTTL > 0 && d.DB != nil {
		s.cache = newPageCache(d.Config.PageCacheTTL)
		d.DB.OnCommit(s.cache.Invalidate)
		mws = append(mws, s.cache.middleware)
	}
	s.handler = chain(mux, append(mws, compress, s.crossOrigin)...)
	return s, nil
}

// router registers handlers, recording each one's pattern for metrics and
// logs (the Go mux sets Request.Pattern only on the request it passes down).
type router struct{ mux *http.ServeMux }

// Handle registers h for pattern (a Go 1.22 pattern with a method).
func (r *router) Handle(pattern string, h http.HandlerFunc) { r.handle(pattern, h) }

func (r *router) handle(pattern string, h http.HandlerFunc) {
	r.mux.HandleFunc(pattern, func(w http.ResponseWriter, req *http.Request) {
		httpx.From(req).Route = pattern
		h(w, req)
	})
}

// fallbackPattern takes every request that no other pattern matches.
const fallbackPattern = "/"

// probedMethods are the methods unmatched tries for the Allow header of a
// 405: every method a route of the portal may be registered for.
var probedMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unmatched answers a request no route takes: 405 with an Allow header
// when routes exist for its path with other methods, 404 otherwise (also
// for a path served only by the fallback, e.g. POST /no-such-page). The
// route stays unset, so metrics and logs count these as "unmatched".
func (s *Server) unmatched(mux *http.ServeMux) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range probedMethods {
			if m == r.Method {
				continue
			}
			probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
			if _, pattern := mux.Handler(probe); pattern != "" && pattern != fallbackPattern {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			s.render.Error(w, r, errNotFound)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.render.Error(w, r, errs.E("web.unmatched", httpx.MethodNotAllowed, "error.method"))
	}
}

// InvalidateCache drops every cached page, e.g. after the search index
// applied changes that a cached answer may not show.
func (s *Server) InvalidateCache() {
	if s.cache != nil {
		s.cache.Invalidate()
	}
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve serves on ln until ctx is cancelled, then stops accepting and waits
// up to the configured shutdown timeout for requests in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if s.cache != nil {
		wctx, stop := context.WithCancel(ctx)
		defer stop()
		go s.cache.watch(wctx, s.db.ContentVersion, s.log)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}
