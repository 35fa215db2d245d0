package searchfeed

import (
	"context"
	"log/slog"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// batch is how many feed rows one step applies.
const batch = 500

// Indexer applies the change feed to an index. Run it in one goroutine per
// process; Wake may be called from any goroutine.
type Indexer struct {
	feed    search.Feed
	index   search.Index
	sources map[string]search.Source
	wake    chan struct{}
	log     *slog.Logger
	// Poll is how often the feed is read when nothing wakes the indexer;
	// it bounds how late a change made by another process shows up.
	Poll time.Duration
	// OnApplied, when set, runs after changes reach the index (a batch or
	// a rebuild), so caches of search answers can drop them.
	OnApplied func()
}

// New returns an Indexer of index fed by feed, with a Source per kind.
func New(feed search.Feed, index search.Index, log *slog.Logger, sources ...search.Source) *Indexer {
	if log == nil {
		log = slog.Default()
	}
	ix := &Indexer{feed: feed, index: index, sources: map[string]search.Source{}, wake: make(chan struct{}, 1), log: log, Poll: 250 * time.Millisecond}
	for _, s := range sources {
		ix.sources[s.Kind()] = s
	}
	return ix
}

// Wake asks the indexer to read the feed now (after a local commit).
func (ix *Indexer) Wake() {
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

// Run applies the feed until ctx ends. A new index (nothing applied yet),
// or one built by an older version of the analyzers, is first rebuilt from
// the sources rather than replaying the whole feed, and
// a rebuild request newer than the start ("cong reindex") rebuilds the
// index aside and swaps it in. Errors are logged and retried with a growing
// pause, so a database hiccup never stops indexing for good.
func (ix *Indexer) Run(ctx context.Context) error {
	seen, err := ix.feed.LatestRebuild(ctx)
	if err != nil {
		ix.log.Error("search indexer: reading rebuild requests", "err", err)
	}
	if applied, err := ix.index.Applied(ctx); err == nil && applied == 0 {
		ix.rebuild(ctx)
	} else if s, ok := ix.index.(interface{ NeedsRebuild() bool }); ok && s.NeedsRebuild() {
		ix.log.Info("search index built by an older analyzer: rebuilding it")
		ix.rebuild(ctx)
	}
	pause := ix.Poll
	for {
		if req, err := ix.feed.LatestRebuild(ctx); err == nil && req > seen {
			seen = req
			ix.rebuild(ctx)
		}
		if _, err := ix.CatchUp(ctx); err != nil && ctx.Err() == nil {
			ix.log.Error("search indexer", "err", err)
			pause = min(pause*2, 30*time.Second)
		} else {
			pause = ix.Poll
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ix.wake:
		case <-time.After(pause):
		}
	}
}

// rebuild rebuilds the index aside and swaps it in, when the index can.
func (ix *Indexer) rebuild(ctx context.Context) {
	rb, ok := ix.index.(search.Rebuilder)
	if !ok {
		return
	}
	start := time.Now()
	var n int
	err := rb.Rebuild(ctx, func(ctx context.Context, fresh search.Index) error {
		var err error
		n, err = Rebuild(ctx, ix.feed, fresh, ix.sourceList()...)
		return err
	})
	if err != nil {
		ix.log.Error("search index rebuild failed", "err", err)
		return
	}
	ix.log.Info("search index rebuilt", "documents", n, "took", time.Since(start).String())
	ix.applied()
}

func (ix *Indexer) applied() {
	if ix.OnApplied != nil {
		ix.OnApplied()
	}
}

func (ix *Indexer) sourceList() []search.Source {
	out := make([]search.Source, 0, len(ix.sources))
	for _, s := range ix.sources {
		out = append(out, s)
	}
	return out
}

// CatchUp applies every change after the index's applied sequence and
// returns how many it applied.
func (ix *Indexer) CatchUp(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := ix.step(ctx)
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

// step applies one batch of changes.
func (ix *Indexer) step(ctx context.Context) (int, error) {
	const op = "searchfeed.step"
	after, err := ix.index.Applied(ctx)
	if err != nil {
		return 0, errs.E(op, err)
	}
	changes, err := ix.feed.Changes(ctx, after, batch)
	if err != nil {
		return 0, errs.E(op, err)
	}
	if len(changes) == 0 {
		return 0, nil
	}
	byKind := map[string][]string{}
	for _, c := range changes {
		byKind[c.Kind] = append(byKind[c.Kind], c.ID)
	}
	for kind, ids := range byKind {
		if err := ix.refresh(ctx, kind, dedupe(ids)); err != nil {
			return 0, errs.E(op, err)
		}
	}
	if err := ix.index.SetApplied(ctx, changes[len(changes)-1].Seq); err != nil {
		return 0, errs.E(op, err)
	}
	ix.applied()
	return len(changes), nil
}

// refresh re-reads ids of kind from its source: present documents are
// upserted, absent ones deleted.
func (ix *Indexer) refresh(ctx context.Context, kind string, ids []string) error {
	src, ok := ix.sources[kind]
	if !ok {
		ix.log.Warn("search feed names a kind with no source", "kind", kind)
		return nil
	}
	docs, err := src.Documents(ctx, ids)
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, d := range docs {
		found[d.ID] = true
	}
	if len(docs) > 0 {
		if err := ix.index.Upsert(ctx, docs...); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if !found[id] {
			if err := ix.index.Delete(ctx, kind, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Rebuild fills index (new and empty) with every public document of the
// sources and marks it as applied up to the feed's latest sequence read
// BEFORE loading, so changes made during the rebuild are applied again
// afterwards rather than lost.
func Rebuild(ctx context.Context, feed search.Feed, index search.Index, sources ...search.Source) (int, error) {
	const op = "searchfeed.Rebuild"
	latest, err := feed.LatestChange(ctx)
	if err != nil {
		return 0, errs.E(op, err)
	}
	total := 0
	for _, src := range sources {
		ids, err := src.IDs(ctx)
		if err != nil {
			return total, errs.E(op, err)
		}
		for start := 0; start < len(ids); start += batch {
			docs, err := src.Documents(ctx, ids[start:min(start+batch, len(ids))])
			if err != nil {
				return total, errs.E(op, err)
			}
			if len(docs) > 0 {
				if err := index.Upsert(ctx, docs...); err != nil {
					return total, errs.E(op, err)
				}
			}
			total += len(docs)
		}
	}
	if err := index.SetApplied(ctx, latest); err != nil {
		return total, errs.E(op, err)
	}
	return total, nil
}
