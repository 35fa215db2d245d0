package searchindex

import (
	"context"
	"encoding/binary"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// Keys of the index's internal storage.
var (
	keyApplied = []byte("cong.applied") // int64, big endian
	keyState   = []byte("cong.state")   // JSON of state
)

// Index is a search.Index on a Bleve (scorch) index in a directory. It is
// safe for concurrent use; Rebuild swaps the underlying Bleve index while
// searches go on.
type Index struct {
	dir string // the directory given to Open; generations live inside it
	w   weights

	rebuildMu sync.Mutex // one Rebuild at a time

	mu  sync.RWMutex // guards bi and gen; held for reading by every operation
	bi  bleve.Index  // nil once closed
	gen string       // the generation directory name of bi

	writeMu sync.Mutex // serialises batches, so the stored state follows their order

	stateMu sync.Mutex // guards st
	st      *state     // facet names, boost flag, field lengths

	cols columnCache // per-segment columns of the keyword, date and number fields
}

var _ search.Index = (*Index)(nil)

// Close flushes and closes the index. It is safe to call twice.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		return nil
	}
	err := ix.bi.Close()
	ix.bi = nil
	if err != nil {
		return errs.E("searchindex.Close", err)
	}
	return nil
}

// reader runs f with the open Bleve index under the read lock, or fails
// with Unavailable when the index is closed.
func (ix *Index) reader(op string, f func(bi bleve.Index) error) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return errs.E(op, errs.Unavailable, "search.closed")
	}
	return f(ix.bi)
}

// Applied returns the last change-feed sequence recorded by SetApplied, or
// 0 for a new index.
func (ix *Index) Applied(ctx context.Context) (int64, error) {
	var seq int64
	err := ix.reader("searchindex.Applied", func(bi bleve.Index) error {
		v, err := bi.GetInternal(keyApplied)
		if err != nil {
			return errs.E("searchindex.Applied", err)
		}
		if len(v) == 8 {
			seq = int64(binary.BigEndian.Uint64(v))
		}
		return nil
	})
	return seq, err
}

// SetApplied records seq as the last applied change-feed sequence. It goes
// through the same write path as documents, so after a crash the recorded
// sequence never runs ahead of the documents it covers.
func (ix *Index) SetApplied(ctx context.Context, seq int64) error {
	return ix.reader("searchindex.SetApplied", func(bi bleve.Index) error {
		if err := bi.SetInternal(keyApplied, encodeSeq(seq)); err != nil {
			return errs.E("searchindex.SetApplied", err)
		}
		return nil
	})
}

func encodeSeq(seq int64) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(seq))
}

// DocCount returns the number of documents in the index.
func (ix *Index) DocCount(ctx context.Context) (int64, error) {
	var n uint64
	err := ix.reader("searchindex.DocCount", func(bi bleve.Index) error {
		var err error
		if n, err = bi.DocCount(); err != nil {
			return errs.E("searchindex.DocCount", err)
		}
		return nil
	})
	return int64(n), err
}
