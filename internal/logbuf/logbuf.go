// Package logbuf keeps a busy server's log lines in memory and writes them
// out in the background, so that requests do not queue behind one another
// on the log's write system call.
//
// slog's handlers write each record under a mutex. When the write is a
// system call to a pipe or a file and the goroutine holding the mutex is
// descheduled, every other request waits for it: under load, a small
// share of requests then takes a hundred times the median. With a Writer
// in between, the handler's critical section is a copy into memory.
//
// Lines are written out every interval, when the buffer passes its size,
// and at once after a record at warning level or above (Handler), so what
// explains a failure is never held back. A crash loses at most one
// interval of access log.
package logbuf

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// Writer buffers writes to an io.Writer. It is safe for concurrent use.
type Writer struct {
	out  io.Writer
	size int

	mu    sync.Mutex // guards buf and spare
	buf   []byte
	spare []byte

	outMu sync.Mutex // serialises writes to out, in order

	kick chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// New returns a Writer that writes to out every interval, or sooner when
// size bytes are waiting; Close stops it.
func New(out io.Writer, interval time.Duration, size int) *Writer {
	w := &Writer{out: out, size: size, buf: make([]byte, 0, size), spare: make([]byte, 0, size),
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go w.loop(interval)
	return w
}

// Write copies p into the buffer. When the buffer is four times its size
// (the output cannot keep up), it writes out before returning, so memory
// stays bounded.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.buf = append(w.buf, p...)
	n := len(w.buf)
	w.mu.Unlock()
	switch {
	case n >= 4*w.size:
		return len(p), w.Flush()
	case n >= w.size:
		select {
		case w.kick <- struct{}{}:
		default:
		}
	}
	return len(p), nil
}

// Flush writes out what is buffered.
func (w *Writer) Flush() error {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	w.mu.Lock()
	b := w.buf
	w.buf, w.spare = w.spare[:0], nil
	w.mu.Unlock()
	var err error
	if len(b) > 0 {
		_, err = w.out.Write(b)
	}
	w.mu.Lock()
	if cap(b) <= 4*w.size { // keep the spare unless it grew out of bounds
		w.spare = b[:0]
	} else {
		w.spare = make([]byte, 0, w.size)
	}
	w.mu.Unlock()
	return err
}

// Close writes out what is buffered and stops the background writes.
// Writes after Close wait for the next Flush or Close.
func (w *Writer) Close() error {
	w.once.Do(func() { close(w.stop) })
	<-w.done
	return w.Flush()
}

func (w *Writer) loop(interval time.Duration) {
	defer close(w.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		case <-w.kick:
		}
		w.Flush()
	}
}

// Handler wraps h so that a record at warning level or above is written
// out at once.
func Handler(h slog.Handler, w *Writer) slog.Handler { return &handler{h, w} }

type handler struct {
	slog.Handler
	w *Writer
}

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := h.w.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	return &handler{h.Handler.WithAttrs(as), h.w}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{h.Handler.WithGroup(name), h.w}
}
