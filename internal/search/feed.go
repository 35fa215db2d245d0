package search

import "context"

// Change is one row of the change feed: the document Kind/ID changed (or
// was deleted, or unpublished) at sequence Seq.
type Change struct {
	Seq  int64
	Kind string
	ID   string
}

// Feed is the change feed that content stores write in the same
// transaction as the change, and that every process's indexer tails.
type Feed interface {
	// Changes returns up to limit changes with Seq > after, in order.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// LatestChange returns the highest Seq, 0 for an empty feed.
	LatestChange(ctx context.Context) (int64, error)
	// LatestRebuild returns the id of the newest request to rebuild every
	// index ("cong reindex"), 0 for none.
	LatestRebuild(ctx context.Context) (int64, error)
}

// Rebuilder is an index that can be rebuilt aside and swapped in while it
// keeps serving: fill gets a fresh, empty index to load.
type Rebuilder interface {
	Rebuild(ctx context.Context, fill func(ctx context.Context, fresh Index) error) error
}

// Source gives the indexer the public documents of one kind. Each feature
// that makes content searchable implements one.
type Source interface {
	// Kind is the document kind this source serves.
	Kind() string
	// Documents returns the documents for ids that are publicly visible
	// now; an id missing from the result is removed from the index
	// (deleted or unpublished content).
	Documents(ctx context.Context, ids []string) ([]Document, error)
	// IDs returns the ids of every publicly visible document, for a full
	// rebuild.
	IDs(ctx context.Context) ([]string, error)
}
