package httpx

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/andybalholm/brotli"
)

// Assets serves embedded static files at content-hash URLs
// (/static/app.3f2a9c1b.css) with a one-year immutable cache lifetime,
// pre-compressed with brotli and gzip when that makes them smaller.
type Assets struct {
	byURL  map[string]*asset
	byName map[string]string // "app.css" → "/static/app.3f2a9c1b.css"
	// NotFound answers a URL that names no file; nil answers Go's plain
	// 404. The server sets it to its error page.
	NotFound http.HandlerFunc
}

type asset struct {
	name        string
	contentType string
	etag        string
	raw, br, gz []byte
}

// LoadAssets reads every file of fsys (already rooted at the static dir).
func LoadAssets(fsys fs.FS) (*Assets, error) {
	a := &Assets{byURL: map[string]*asset{}, byName: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(p)
		url := "/static/" + strings.TrimSuffix(p, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		as := &asset{name: p, contentType: ct, etag: `"` + h + `"`, raw: b}
		if compressible(ct) {
			as.br, as.gz = brotliBytes(b), gzipBytes(b)
		}
		a.byURL[url], a.byName[p] = as, url
		return nil
	})
	return a, err
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json") || strings.Contains(ct, "svg") || strings.Contains(ct, "xml")
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// URL returns the content-hash URL of a static file by its name, or "" when
// there is none (templates then link nowhere, and a test catches it).
func (a *Assets) URL(name string) string { return a.byName[name] }

// ServeHTTP serves a static file, choosing the smallest encoding the client
// accepts.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	as := a.byURL[r.URL.Path]
	if as == nil {
		if a.NotFound != nil {
			a.NotFound(w, r)
		} else {
			http.NotFound(w, r)
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", as.etag)
	// The compress middleware may have named it already.
	AddVary(h, "Accept-Encoding")
	if r.Header.Get("If-None-Match") == as.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.raw
	accept := r.Header.Get("Accept-Encoding")
	switch {
	case as.br != nil && len(as.br) < len(as.raw) && strings.Contains(accept, "br"):
		h.Set("Content-Encoding", "br")
		body = as.br
	case as.gz != nil && len(as.gz) < len(as.raw) && strings.Contains(accept, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
