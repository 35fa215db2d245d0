package logbuf

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer the test can read while the Writer writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestWriterKeepsEveryLineInOrder(t *testing.T) {
	var out lockedBuffer
	w := New(&out, time.Millisecond, 256)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				fmt.Fprintf(w, "g%d %d\n", g, i)
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	next := map[string]int{}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	for _, l := range lines {
		var g string
		var i int
		if _, err := fmt.Sscanf(l, "%s %d", &g, &i); err != nil {
			t.Fatalf("garbled line %q", l)
		}
		if i != next[g] {
			t.Fatalf("%s: line %d after %d", g, i, next[g]-1)
		}
		next[g]++
	}
	if len(lines) != 8*500 {
		t.Errorf("%d lines, want %d", len(lines), 8*500)
	}
}

func TestWriterHoldsLinesUntilItsInterval(t *testing.T) {
	var out lockedBuffer
	w := New(&out, time.Hour, 1<<20)
	defer w.Close()
	w.Write([]byte("info\n"))
	if got := out.String(); got != "" {
		t.Fatalf("written before the interval: %q", got)
	}
	w.Flush()
	if got := out.String(); got != "info\n" {
		t.Fatalf("after Flush: %q", got)
	}
}

func TestWriterWritesOutWhenFull(t *testing.T) {
	var out lockedBuffer
	w := New(&out, time.Hour, 64)
	defer w.Close()
	line := strings.Repeat("x", 99) + "\n"
	w.Write([]byte(line)) // over the size: the background writer is woken
	deadline := time.Now().Add(10 * time.Second)
	for out.String() == "" && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if out.String() != line {
		t.Fatalf("a full buffer was not written out: %q", out.String())
	}
	// Four times the size: written before Write returns.
	big := strings.Repeat("y", 300) + "\n"
	w.Write([]byte(big))
	if !strings.HasSuffix(out.String(), big) {
		t.Fatalf("an overfull buffer was not written out at once")
	}
}

func TestHandlerWritesWarningsAtOnce(t *testing.T) {
	var out lockedBuffer
	w := New(&out, time.Hour, 1<<20)
	defer w.Close()
	log := slog.New(Handler(slog.NewJSONHandler(w, nil), w)).With("component", "test")
	log.Info("request")
	if out.String() != "" {
		t.Fatalf("an info record was written at once: %q", out.String())
	}
	log.Warn("disk almost full")
	got := out.String()
	for _, want := range []string{`"msg":"request"`, `"msg":"disk almost full"`, `"component":"test"`} {
		if !strings.Contains(got, want) {
			t.Errorf("after a warning, the output lacks %s: %q", want, got)
		}
	}
}

func TestWriterAfterClose(t *testing.T) {
	var out lockedBuffer
	w := New(&out, time.Hour, 1<<20)
	w.Write([]byte("a\n"))
	w.Close()
	w.Write([]byte("b\n"))
	w.Close() // a second Close is harmless and writes out what came since
	if got := out.String(); got != "a\nb\n" {
		t.Fatalf("got %q", got)
	}
}
