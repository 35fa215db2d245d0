package web

import (
	"context"
	"net/http"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

var errNotFound = errs.E("web", errs.NotFound)

// healthz answers as long as the process serves requests.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.render.JSON(w, r, http.StatusOK, map[string]string{"status": "ok", "version": s.version})
}

// readyz answers 200 when the database is reachable and its migrations are
// current, 503 otherwise, so a load balancer stops sending traffic.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok", "migrations": "ok"}
	status := http.StatusOK
	if err := s.db.Ping(ctx); err != nil {
		checks["database"], status = "unreachable", http.StatusServiceUnavailable
		httpxLog(r, "readyz: database", err)
	} else if n, err := s.db.Pending(ctx); err != nil || n > 0 {
		checks["migrations"], status = "pending", http.StatusServiceUnavailable
	}
	s.render.JSON(w, r, status, map[string]any{"status": map[bool]string{true: "ready", false: "not ready"}[status == 200], "checks": checks})
}
