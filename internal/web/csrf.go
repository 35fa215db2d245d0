package web

import (
	"net/http"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// crossOrigin refuses state-changing requests that a browser marks as coming
// from another origin (Go's CrossOriginProtection: Sec-Fetch-Site, then
// Origin against Host). Requests without those headers — API clients, the
// centres' systems — pass, and rely on their own authentication; staff
// forms also carry a per-session token checked by the admin area, and the
// session cookie is SameSite=Lax.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.render.Error(w, r, errs.E("web.crossOrigin", errs.Forbidden, "error.csrf"))
	}))
	return cop.Handler(next)
}

func httpxLog(r *http.Request, msg string, err error) {
	httpx.From(r).Logger.Warn(msg, "err", err)
}
