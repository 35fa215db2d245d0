package search

import "context"

// Index is a full-text index of Documents. Implementations are safe for
// concurrent use. Errors are *errs.Error values: Invalid for bad input (the
// keys of this package), Unavailable when the index is closed, Internal for
// anything else.
type Index interface {
	// Upsert adds the documents or replaces those with the same Kind and ID.
	// A Document without Kind, ID or Title is refused with Invalid
	// (KeyBadDocument) and none of docs is applied.
	Upsert(ctx context.Context, docs ...Document) error

	// Delete removes a document; deleting one that is absent is no error.
	Delete(ctx context.Context, kind, id string) error

	// Search runs q. Its only Invalid error is a Text longer than
	// MaxQueryRunes (KeyQueryTooLong); any other text gives a sensible
	// search, possibly with no hits.
	Search(ctx context.Context, q Query) (*Results, error)

	// Suggest returns up to limit titles that match prefix as typed so
	// far (the last word may be incomplete), best first. A prefix with no
	// letter or digit gives no suggestions and no error.
	Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error)

	// Applied returns the last change-feed sequence applied to the index,
	// 0 for a new index. It is stored inside the index, so it survives a
	// restart or a crash together with the documents it covers.
	Applied(ctx context.Context) (int64, error)

	// SetApplied records seq as the last applied sequence.
	SetApplied(ctx context.Context, seq int64) error

	// DocCount returns the number of documents in the index.
	DocCount(ctx context.Context) (int64, error)

	// Close releases the index; later calls fail with Unavailable.
	Close() error
}
