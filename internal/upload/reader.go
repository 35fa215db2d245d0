package upload

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
)

// errTooLarge is returned by a limitReader past its limit.
var errTooLarge = errors.New("upload exceeds the size limit")

// limitReader reads at most limit+1 bytes from r, and fails once it has
// read more than limit: the extra byte is how it knows.
type limitReader struct {
	r     io.Reader
	limit int64
	n     int64 // bytes read so far
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n > l.limit {
		return 0, errTooLarge
	}
	if rest := l.limit + 1 - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.limit {
		return n, errTooLarge
	}
	return n, err
}

// hashReader hashes and counts what passes through it.
type hashReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func newHashReader(r io.Reader) *hashReader { return &hashReader{r: r, h: sha256.New()} }

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

// Sum returns the hex SHA-256 of what was read.
func (h *hashReader) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }
