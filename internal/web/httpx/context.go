package httpx

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/i18n"
)

// Info is the per-request state middleware fills in. Handlers read it with
// From; it is never nil inside the server's handler chain.
type Info struct {
	RequestID string
	Lang      string // "vi" or "en"
	ClientIP  string
	Route     string // the matched pattern, for metrics and logs
	Logger    *slog.Logger
	Actor     *access.Actor // nil for anonymous requests
	CSRFToken string        // the session's synchronizer token, "" when anonymous
	SessionID string        // hash of the session token, "" when anonymous
	MFAOK     bool          // the session passed its second factor (or needs none)
}

type infoKey struct{}

// WithInfo returns r with info attached to its context.
func WithInfo(r *http.Request, info *Info) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
}

// From returns the request's Info; a zero Info (language vi, default logger)
// outside the middleware chain, e.g. in unit tests of a handler.
func From(r *http.Request) *Info {
	if i, ok := r.Context().Value(infoKey{}).(*Info); ok {
		return i
	}
	return &Info{Lang: i18n.Default, Logger: slog.Default()}
}

// SetActor records the authenticated actor on the request and in its
// context, where domain services find it.
func SetActor(r *http.Request, a *access.Actor) *http.Request {
	From(r).Actor = a
	return r.WithContext(access.WithActor(r.Context(), a))
}

// Router registers handlers on Go 1.22 patterns ("GET /don-vi/{code}").
type Router interface {
	Handle(pattern string, h http.HandlerFunc)
}

// Bilingual registers h on the Vietnamese path and on its English twin
// under /en, and records the pair for the language switch: Bilingual(r,
// "GET", "/don-vi", "/units", h) serves /don-vi and /en/units.
func Bilingual(r Router, method, vi, en string, h http.HandlerFunc) {
	r.Handle(method+" "+vi, h)
	r.Handle(method+" /en"+en, h)
	PathPair(firstSegment(vi), firstSegment(en))
}

func firstSegment(p string) string {
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			return p[1:i]
		}
	}
	if len(p) > 0 {
		return p[1:]
	}
	return ""
}
