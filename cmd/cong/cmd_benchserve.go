//go:build benchload

package main

// This file is built only with -tags benchload (scripts/bench-load.sh), so
// the production binary has no such command and no extra route.

import (
	"context"
	"flag"
	"fmt"
	"mime"
	"net"
	"net/http"
	_ "net/http/pprof" // profiles under /debug/pprof/ on the baseline listener
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

func init() {
	register(command{name: "bench-serve", short: "serve as \"serve\" does plus a static-file baseline for load tests (benchload builds only)", run: runBenchServe})
}

// runBenchServe serves a directory of static files from memory on its own
// listener, in the same process as the portal, then runs "serve" with the
// arguments after "--". The load test compares each page with a static file
// of the page's size (and the Go profiler under /debug/pprof/): same machine, same process, same Go runtime, but
// none of the portal's work (no routing, database, templates or
// middleware), so the ratio is a conservative one.
func runBenchServe(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("cong bench-serve", flag.ContinueOnError)
	dir := fs.String("static-dir", "", "directory of the baseline files (read on first request, then kept in memory)")
	addr := fs.String("static-addr", "127.0.0.1:0", "address of the baseline server")
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: &memFiles{dir: *dir}, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 120 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintf(env.stdout, "static on http://%s\n", ln.Addr())
	return runServe(ctx, env, fs.Args())
}

// memFiles serves the files of dir by name, from memory after the first
// read, as a static file server with a warm cache does.
type memFiles struct {
	dir   string
	files sync.Map // name → []byte
}

func (m *memFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/debug/pprof/") {
		http.DefaultServeMux.ServeHTTP(w, r)
		return
	}
	name := path.Base(r.URL.Path)
	b, ok := m.files.Load(name)
	if !ok {
		data, err := os.ReadFile(filepath.Join(m.dir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		b, _ = m.files.LoadOrStore(name, data)
	}
	body := b.([]byte)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(body)
}
