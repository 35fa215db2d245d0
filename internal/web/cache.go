package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cong-vn/cong/internal/web/httpx"
)

// pageCache keeps whole responses of anonymous GET requests for public
// pages and the read API, so a popular page costs a map lookup instead of
// queries and a template. An entry is dropped when content may have
// changed: after any write transaction of this process (OnCommit), when
// the database's content version moves (another node wrote; checked every
// second), and after its time to live, which bounds everything else (pages
// that depend on the date).
//
// Two things keep a popular page's tail short when its entry goes: only one
// request renders a missing entry while the others with the same key wait
// for it (instead of all rendering at once), and an entry that has only
// outlived its time to live, with no change of content, is still served to
// the others while one request renders its successor.
type pageCache struct {
	gen      atomic.Int64 // bumped on every change; entries of older generations are stale
	mu       sync.RWMutex
	entries  map[string]*cachedPage
	inflight map[string]chan struct{} // keys being rendered; closed when done
	// seen are the keys with a query string rendered once and not
	// stored: such a page is stored on its second render, so a crawl of
	// one-off searches or filters cannot fill the cache (which starts
	// again when full) and push the popular pages out. Paths without a
	// query are stored at once. It starts again at cacheMaxEntries.
	seen map[string]struct{}
	ttl  time.Duration
}

type cachedPage struct {
	route  string // the matched pattern, for metrics and logs on a hit
	gen    int64
	stored time.Time
	status int
	header http.Header
	body   []byte
	etag   string
	// compress says whether a gzipped body pays (a text type over 512
	// bytes); it is made by the first request that accepts gzip, so pages
	// that only clients without gzip ask for (and the many one-off search
	// answers) are never compressed.
	compress bool
	gzOnce   sync.Once
	gz       []byte
	gzLen    []string
	// The values of the headers serve writes, made once.
	etagV, plainLen []string
}

const (
	cacheMaxEntries = 20000
	cacheMaxBody    = 1 << 20
)

// cachedHeaders are the response headers a cached page keeps; the others
// (request ID, security headers) are set per request outside the cache.
var cachedHeaders = []string{"Content-Type", "Content-Language", "Cache-Control", "Access-Control-Allow-Origin", "Allow"}

func newPageCache(ttl time.Duration) *pageCache {
	return &pageCache{entries: map[string]*cachedPage{}, inflight: map[string]chan struct{}{}, seen: map[string]struct{}{}, ttl: ttl}
}

// Invalidate marks every entry stale.
func (c *pageCache) Invalidate() { c.gen.Add(1) }

// watch bumps the generation whenever version reports a new value, until
// ctx ends.
func (c *pageCache) watch(ctx context.Context, version func(context.Context) (int64, error), log *slog.Logger) {
	last := int64(-1)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if v, err := version(ctx); err == nil && v != last {
			if last != -1 {
				c.Invalidate()
			}
			last = v
		} else if err != nil && ctx.Err() == nil {
			log.Warn("page cache: reading the content version", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// cacheable reports whether r may be answered from, or stored in, the cache.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	for _, prefix := range []string{"/quan-tri", "/static/", "/metrics", "/healthz", "/readyz", "/api/v1/centre"} {
		if strings.HasPrefix(p, prefix) {
			return false
		}
	}
	// A staff member's browser may see personalised pages.
	return !strings.Contains(r.Header.Get("Cookie"), "cong_sid")
}

func (c *pageCache) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		for {
			e, fresh := c.lookup(key)
			if e != nil && fresh {
				e.hit(w, r)
				return
			}
			done, leader := c.begin(key)
			if leader {
				defer c.end(key, done)
				c.render(w, r, next, key)
				return
			}
			if e != nil {
				// Outlived its time to live only: serve it while the
				// leader renders its successor.
				e.hit(w, r)
				return
			}
			select {
			case <-done:
				// The leader stored the page, or it was not cacheable:
				// look again, and lead in turn if it is still missing.
			case <-r.Context().Done():
				return
			}
		}
	})
}

// begin marks key as being rendered and returns (done, true) when no other
// request is rendering it; otherwise it returns the other's done channel.
func (c *pageCache) begin(key string) (chan struct{}, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if done, ok := c.inflight[key]; ok {
		return done, false
	}
	done := make(chan struct{})
	c.inflight[key] = done
	return done, true
}

func (c *pageCache) end(key string, done chan struct{}) {
	c.mu.Lock()
	delete(c.inflight, key)
	c.mu.Unlock()
	close(done)
}

// render runs next, stores its response when it may be cached and writes
// it to w.
func (c *pageCache) render(w http.ResponseWriter, r *http.Request, next http.Handler, key string) {
	// The generation is read before rendering: a write committed
	// meanwhile makes this entry stale at once instead of hiding.
	gen := c.gen.Load()
	rec := &recorder{header: http.Header{}}
	inner := r.Clone(r.Context())
	inner.Header.Del("Accept-Encoding") // record the plain body; gzip it once here
	next.ServeHTTP(rec, inner)
	var e *cachedPage
	if r.Method == http.MethodGet {
		e = c.store(key, httpx.From(r).Route, rec, gen)
	}
	if e == nil {
		rec.replay(w, r)
		return
	}
	e.serve(w, r)
}

// lookup returns key's entry of the current generation, if any, and
// whether it is within its time to live.
func (c *pageCache) lookup(key string) (e *cachedPage, fresh bool) {
	c.mu.RLock()
	e = c.entries[key]
	c.mu.RUnlock()
	if e == nil || e.gen != c.gen.Load() {
		return nil, false
	}
	return e, time.Since(e.stored) <= c.ttl
}

// store keeps a successful, shareable response and returns its entry, or
// returns nil when the response must not be cached.
func (c *pageCache) store(key, route string, rec *recorder, gen int64) *cachedPage {
	cc := rec.header.Get("Cache-Control")
	if rec.status != http.StatusOK || rec.header.Get("Set-Cookie") != "" || rec.body.Len() > cacheMaxBody ||
		strings.Contains(cc, "no-store") || strings.Contains(cc, "private") || !c.admit(key) {
		return nil
	}
	body := bytes.Clone(rec.body.Bytes())
	sum := sha256.Sum256(body)
	e := &cachedPage{route: route, gen: gen, stored: time.Now(), status: rec.status, header: http.Header{},
		body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	for _, h := range cachedHeaders {
		if v := rec.header.Values(h); len(v) > 0 {
			e.header[h] = v
		}
	}
	e.compress = compressibleType(e.header.Get("Content-Type")) && len(body) > 512
	e.etagV, e.plainLen = []string{e.etag}, []string{itoa(len(body))}
	c.mu.Lock()
	if len(c.entries) >= cacheMaxEntries {
		c.entries = map[string]*cachedPage{} // rare: start again rather than track recency
	}
	c.entries[key] = e
	c.mu.Unlock()
	return e
}

// admit reports whether key may be stored now: a key with a query string
// only on its second render (see pageCache.seen).
func (c *pageCache) admit(key string) bool {
	if !strings.Contains(key, "?") {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[key]; ok {
		delete(c.seen, key)
		return true
	}
	if len(c.seen) >= cacheMaxEntries {
		c.seen = map[string]struct{}{}
	}
	c.seen[key] = struct{}{}
	return false
}

func compressibleType(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml")
}

// fastGzipPool keeps the writers of gzipped: making one allocates about
// a megabyte of tables, more than compressing a page costs.
var fastGzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	zw := fastGzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	fastGzipPool.Put(zw)
	return buf.Bytes()
}

// gzipped returns the entry's compressed body, made on first use.
func (e *cachedPage) gzipped() ([]byte, []string) {
	e.gzOnce.Do(func() {
		e.gz = gzipped(e.body)
		e.gzLen = []string{itoa(len(e.gz))}
	})
	return e.gz, e.gzLen
}

// hit serves a cached response, naming its route for the metrics and the
// access log.
func (e *cachedPage) hit(w http.ResponseWriter, r *http.Request) {
	httpx.From(r).Route = e.route
	e.serve(w, r)
}

// serve writes the cached response, gzipped when the client accepts it,
// or 304 when the client already has it.
func (e *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	h["Etag"] = e.etagV
	httpx.AddVary(h, "Accept-Encoding")
	if inm := r.Header["If-None-Match"]; len(inm) > 0 && inm[0] == e.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := e.body, e.plainLen
	if e.compress && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h["Content-Encoding"] = []string{"gzip"}
		body, length = e.gzipped()
	}
	h["Content-Length"] = length
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// recorder captures a response in memory.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// replay writes a recorded response that was not cached, gzipped when the
// client accepts it and it pays.
func (rec *recorder) replay(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	body := rec.body.Bytes()
	if h.Get("Content-Encoding") == "" && compressibleType(h.Get("Content-Type")) && len(body) > 512 &&
		strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = gzipped(body)
		h.Set("Content-Encoding", "gzip")
		httpx.AddVary(h, "Accept-Encoding")
	}
	h.Set("Content-Length", itoa(len(body)))
	w.WriteHeader(rec.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
