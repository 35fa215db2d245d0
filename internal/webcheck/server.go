package webcheck

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Root returns the repository root: the nearest directory above the
// working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("webcheck: no go.mod above the working directory")
		}
		dir = up
	}
}

// Binary returns the cong binary to test: $CONG_BIN when set (make
// check-web builds bin/cong first), else one built into a temporary
// directory from the working tree.
func Binary(t testing.TB) string {
	t.Helper()
	if bin := os.Getenv("CONG_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	bin := filepath.Join(t.TempDir(), "cong")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/cong")
	cmd.Dir = Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build cong: %v\n%s", err, out)
	}
	return bin
}

// Server is a running "cong serve" process.
type Server struct {
	URL  string // e.g. http://127.0.0.1:41234, no trailing slash
	Env  []string
	logs *logBook
	cmd  *exec.Cmd
	done chan error
}

// Setup runs "cong seed demo" with env (CONG_* settings for the database)
// and starts "cong serve" on 127.0.0.1:0. The server stops at cleanup.
func Setup(t testing.TB, bin string, env []string) *Server {
	t.Helper()
	env = append(os.Environ(), env...)
	env = append(env, "CONG_LOG_FORMAT=json", "CONG_LOG_LEVEL=info")
	seedDemo(t, bin, env)
	return start(t, bin, env)
}

// SQLiteEnv returns the settings of a fresh SQLite database in a temporary
// data directory.
func SQLiteEnv(t testing.TB) []string {
	return []string{"CONG_DATA_DIR=" + t.TempDir(), "CONG_DATABASE_URL="}
}

// seedDemo loads the demo data with "cong seed demo".
func seedDemo(t testing.TB, bin string, env []string) {
	t.Helper()
	cmd := exec.Command(bin, "seed", "demo")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cong seed demo: %v\n%s", err, out)
	}
}

func start(t testing.TB, bin string, env []string) *Server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start cong serve: %v", err)
	}
	s := &Server{Env: env, logs: newLogBook(), cmd: cmd, done: make(chan error, 1)}
	go s.logs.read(stderr)
	addr := make(chan string, 1)
	go readAddr(stdout, addr)
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(s.stop)
	select {
	case a := <-addr:
		s.URL = strings.TrimSuffix(a, "/")
	case err := <-s.done:
		t.Fatalf("cong serve exited: %v\n%s", err, s.logs.tail(20))
	case <-time.After(30 * time.Second):
		t.Fatalf("cong serve did not print its address in 30s\n%s", s.logs.tail(20))
	}
	return s
}

// readAddr sends the URL of the "listening on http://ADDR" line, then
// drains the rest of stdout.
func readAddr(r io.Reader, addr chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			addr <- a
		}
	}
}

// stop interrupts the server and waits for it to drain.
func (s *Server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// Routes waits until the server has logged every request ID in ids and
// returns the route pattern that served each. IDs still missing after
// the timeout map to "".
func (s *Server) Routes(ctx context.Context, ids []string) map[string]string {
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := s.logs.routes(ids)
		if len(got) == len(ids) || time.Now().After(deadline) || ctx.Err() != nil {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// logBook keeps the server's structured request log, by request ID.
type logBook struct {
	mu    sync.Mutex
	route map[string]string // request ID → route pattern
	lines []string          // the last lines, for error messages
}

func newLogBook() *logBook { return &logBook{route: map[string]string{}} }

func (b *logBook) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		b.add(sc.Text())
	}
}

func (b *logBook) add(line string) {
	var rec struct {
		Msg       string `json:"msg"`
		Route     string `json:"route"`
		RequestID string `json:"request_id"`
	}
	json.Unmarshal([]byte(line), &rec)
	b.mu.Lock()
	defer b.mu.Unlock()
	if rec.Msg == "request" && rec.RequestID != "" {
		b.route[rec.RequestID] = rec.Route
	}
	b.lines = append(b.lines, line)
	if len(b.lines) > 200 {
		b.lines = b.lines[100:]
	}
}

func (b *logBook) routes(ids []string) map[string]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		if r, ok := b.route[id]; ok {
			out[id] = r
		}
	}
	return out
}

func (b *logBook) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	from := max(0, len(b.lines)-n)
	return fmt.Sprint(strings.Join(b.lines[from:], "\n"))
}
