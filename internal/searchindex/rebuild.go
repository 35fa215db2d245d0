package searchindex

import (
	"context"
	"os"
	"path/filepath"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// Rebuild builds a fresh index aside and swaps it in without downtime: fill
// receives an empty index (a new generation in the same directory) and
// upserts every document into it, and records with SetApplied the
// change-feed sequence its snapshot covers. Meanwhile ix keeps serving
// searches and accepting changes. When fill returns nil, the fresh index
// becomes current (on disk too, atomically) and the old one is closed and
// deleted; the change-feed tailer then resumes from the fresh index's
// Applied sequence. When fill fails the fresh index is discarded and ix is
// unchanged; the error is fill's (or the compaction's).
//
// fill must not use ix itself, and must not keep the fresh index after it
// returns. Only one Rebuild runs at a time per Index.
func (ix *Index) Rebuild(ctx context.Context, fill func(ctx context.Context, fresh search.Index) error) error {
	const op = "searchindex.Rebuild"
	ix.rebuildMu.Lock()
	defer ix.rebuildMu.Unlock()
	ix.mu.RLock()
	gen, closed := nextGeneration(ix.gen), ix.bi == nil
	ix.mu.RUnlock()
	if closed {
		return errs.E(op, errs.Unavailable, "search.closed")
	}
	path := filepath.Join(ix.dir, gen)
	os.RemoveAll(path) // a leftover of an interrupted rebuild
	bi, err := createBleve(path)
	if err != nil {
		return errs.E(op, err)
	}
	fresh := &Index{dir: ix.dir, w: ix.w, bi: bi, gen: gen, st: newState()}
	err = fill(ctx, fresh)
	if err == nil {
		err = compact(ctx, bi)
	}
	if err != nil {
		fresh.Close()
		os.RemoveAll(path)
		return err
	}
	return ix.swap(fresh)
}

// swap makes fresh's Bleve index the one ix serves, then closes and
// deletes the old one.
func (ix *Index) swap(fresh *Index) error {
	const op = "searchindex.Rebuild"
	fresh.mu.Lock()
	defer fresh.mu.Unlock()
	ix.mu.Lock()
	if ix.bi == nil {
		ix.mu.Unlock()
		fresh.bi.Close()
		return errs.E(op, errs.Unavailable, "search.closed")
	}
	if err := writeCurrent(ix.dir, fresh.gen); err != nil {
		ix.mu.Unlock()
		return errs.E(op, err)
	}
	old, oldGen := ix.bi, ix.gen
	ix.bi, ix.gen = fresh.bi, fresh.gen
	ix.stateMu.Lock()
	ix.st = fresh.st
	ix.stateMu.Unlock()
	fresh.bi = nil
	ix.mu.Unlock()
	old.Close()
	os.RemoveAll(filepath.Join(ix.dir, oldGen))
	return nil
}
