package web

import (
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// middleware wraps a handler.
type middleware func(http.Handler) http.Handler

func chain(h http.Handler, mws ...middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// withInfo creates the request's Info: its ID (a valid incoming X-Request-ID
// is kept, so a proxy's ID links the logs), client IP, language (from the
// path for pages, from Accept-Language for /api/) and logger.
func (s *Server) withInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" || !requestIDRE.MatchString(id) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		ip := s.clientIP(r)
		lang := "vi"
		switch p := r.URL.Path; {
		case p == "/en" || strings.HasPrefix(p, "/en/"):
			lang = "en"
		case httpx.LangFromHeader(r):
			lang = httpx.AcceptLanguage(r.Header.Get("Accept-Language"))
		}
		info := &httpx.Info{RequestID: id, Lang: lang, ClientIP: ip,
			Logger: slog.New(&requestIDHandler{Handler: s.log.Handler(), id: id})}
		w.Header()["X-Request-Id"] = []string{id}
		r = httpx.WithInfo(r, info)
		r = r.WithContext(audit.WithIP(r.Context(), ip))
		next.ServeHTTP(w, r)
	})
}

// requestIDHandler adds the request ID to every record a handler logs. It
// adds it when a record is logged rather than formatting it ahead as
// Logger.With does, which would cost every request, logged or not.
type requestIDHandler struct {
	slog.Handler
	id string
}

func (h *requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	r = r.Clone()
	r.AddAttrs(slog.String("request_id", h.id))
	return h.Handler.Handle(ctx, r)
}

func (h *requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return h.Handler.WithAttrs(append([]slog.Attr{slog.String("request_id", h.id)}, as...))
}

func (h *requestIDHandler) WithGroup(name string) slog.Handler {
	return h.Handler.WithAttrs([]slog.Attr{slog.String("request_id", h.id)}).WithGroup(name)
}

// clientIP returns the address of the request's client. Behind a trusted
// proxy (CONG_TRUST_PROXY) it is the rightmost X-Forwarded-For entry: the
// one our proxy appended for the peer it saw. Entries to its left were
// sent by the client and may be forged, so they are never used. A missing
// or malformed rightmost entry falls back to the connection's address.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if ip, ok := lastForwardedFor(r.Header["X-Forwarded-For"]); ok {
			return ip
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// lastForwardedFor parses the rightmost entry of the X-Forwarded-For
// header lines (a proxy may append a line rather than extend the last
// one). It accepts an IP address, optionally with a port ("192.0.2.1:443",
// "[2001:db8::1]:443"), and reports false for anything else.
func lastForwardedFor(lines []string) (string, bool) {
	if len(lines) == 0 {
		return "", false
	}
	entry := lines[len(lines)-1]
	if i := strings.LastIndexByte(entry, ','); i >= 0 {
		entry = entry[i+1:]
	}
	entry = strings.TrimSpace(entry)
	addr, err := netip.ParseAddr(entry)
	if err != nil {
		ap, err := netip.ParseAddrPort(entry)
		if err != nil {
			return "", false
		}
		addr = ap.Addr()
	}
	if addr.Zone() != "" {
		return "", false
	}
	return addr.Unmap().String(), true
}

// recoverer turns a panic into a logged 500 page.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				httpx.From(r).Logger.Error("panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.render.Error(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows nothing but the portal's own files: no
// inline script or style, no other hosts, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// The security headers' values, shared by every response (Header.Add
// on a shared full slice copies it first, so they are never changed).
var (
	cspValue            = []string{contentSecurityPolicy}
	nosniffValue        = []string{"nosniff"}
	referrerValue       = []string{"strict-origin-when-cross-origin"}
	denyValue           = []string{"DENY"}
	sameOriginValue     = []string{"same-origin"}
	permissionsValue    = []string{"camera=(), microphone=(), geolocation=(), payment=()"}
	strictTransportSecu = []string{"max-age=63072000; includeSubDomains"}
)

// securityHeaders sets the headers every response carries. The keys are
// written in canonical form directly: this runs for every request.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Security-Policy"] = cspValue
		h["X-Content-Type-Options"] = nosniffValue
		h["Referrer-Policy"] = referrerValue
		h["X-Frame-Options"] = denyValue
		h["Cross-Origin-Opener-Policy"] = sameOriginValue
		h["Permissions-Policy"] = permissionsValue
		if s.isTLS(r) {
			h["Strict-Transport-Security"] = strictTransportSecu
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) isTLS(r *http.Request) bool {
	return r.TLS != nil || (s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request and records its metrics by route and status.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		info := httpx.From(r)
		route := info.Route
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		s.metrics.observe(route, sw.status, d)
		lvl := slog.LevelInfo
		if sw.status >= 500 {
			lvl = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), lvl, "request", slog.String("request_id", info.RequestID),
			slog.String("method", r.Method), slog.String("route", route), slog.Int("status", sw.status),
			slog.Int("bytes", sw.size), slog.Float64("duration_ms", float64(d.Microseconds())/1000), slog.String("ip", info.ClientIP))
	})
}

// gzipWriter compresses text responses once they are known to be large
// enough to gain from it.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
	use     bool
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression); return w }}

func (g *gzipWriter) decide() {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	ct := h.Get("Content-Type")
	if h.Get("Content-Encoding") != "" || !(strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml") || strings.Contains(ct, "javascript")) {
		return
	}
	g.use = true
	h.Del("Content-Length")
	h.Set("Content-Encoding", "gzip")
	g.gz = gzipPool.Get().(*gzip.Writer)
	g.gz.Reset(g.ResponseWriter)
}

func (g *gzipWriter) WriteHeader(code int) {
	if code != http.StatusNoContent && code != http.StatusNotModified {
		g.decide()
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	g.decide()
	if g.use {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.use {
		g.gz.Close()
		gzipPool.Put(g.gz)
	}
}

// compress gzips text responses for clients that accept it. Static files
// are served pre-compressed and set their own Content-Encoding.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.AddVary(w.Header(), "Accept-Encoding")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		g := &gzipWriter{ResponseWriter: w}
		defer g.close()
		next.ServeHTTP(g, r)
	})
}
