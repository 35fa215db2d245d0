package blob

import (
	"context"
	"errors"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// Meta is what Put records with an object besides its bytes.
type Meta struct {
	ContentType string // recorded where the adapter can (S3); may be ""
}

// Info describes a stored object.
type Info struct {
	Key     string
	Size    int64
	ModTime time.Time
}

// Store keeps objects. Implementations are safe for concurrent use.
type Store interface {
	// Put stores the bytes of r under key, replacing any object there. The
	// object appears whole or not at all: a reader error or a cancelled
	// ctx leaves the previous state. Invalid for a bad key.
	Put(ctx context.Context, key string, r io.Reader, m Meta) error
	// Open returns the object's content, to be closed by the caller; it
	// also implements io.Seeker when the adapter can seek (both do).
	// NotFound when there is no such object.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the object; deleting a missing object is not an error.
	Delete(ctx context.Context, key string) error
	// List yields the objects whose key starts with prefix, in no
	// guaranteed order. An error ends the sequence.
	List(ctx context.Context, prefix string) iter.Seq2[Info, error]
	// Exists reports whether there is an object under key.
	Exists(ctx context.Context, key string) (bool, error)
}

// ValidKey checks a key: 1 to 512 bytes of lower-case ASCII letters,
// digits and ". _ -", in segments separated by single slashes, none of
// them starting with a dot. Keys are chosen by the server; the rule keeps
// them portable across file systems and object stores.
func ValidKey(key string) error {
	if key == "" || len(key) > 512 {
		return errs.E("blob.ValidKey", errs.Invalid, errors.New("key must have 1 to 512 bytes"))
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" || seg[0] == '.' || strings.Trim(seg, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "" {
			return errs.E("blob.ValidKey", errs.Invalid, errors.New("bad key segment"))
		}
	}
	return nil
}

// ReaderWithContext returns r made to fail once ctx is done, so a long
// copy stops when its request does.
func ReaderWithContext(ctx context.Context, r io.Reader) io.Reader {
	return ctxReader{ctx, r}
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
