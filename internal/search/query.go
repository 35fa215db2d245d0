package search

// Limits on a Query. Offset and Limit outside their range are clamped, not
// refused; only an over-long Text is an error.
const (
	// MaxQueryRunes is the longest query text accepted, in runes. Longer
	// text is refused with an Invalid error of key KeyQueryTooLong rather
	// than silently truncated, so the user sees why nothing matched. It is
	// generous (a pasted sentence or a legal question fits).
	MaxQueryRunes = 512
	DefaultLimit  = 10
	MaxLimit      = 100
	MaxOffset     = 10000
)

// Translation keys of the errors of the search port.
const (
	KeyQueryTooLong = "search.query_too_long" // args: MaxQueryRunes
	KeyBadDocument  = "search.bad_document"   // a Document without Kind, ID or Title
)

// Sort orders.
const (
	SortRelevance = "relevance" // the default; "" means relevance
	SortDate      = "date"      // newest first, then by relevance
)

// Query is what a citizen asks. Text is free text in any form: with or
// without diacritics, with typos, with stray punctuation; a part between
// double quotes is searched as a phrase. The engine's own query syntax is
// never exposed: no character of Text is an operator except the quote.
type Query struct {
	Text  string   // may be empty: then every document matches (browse)
	Kinds []string // any of these kinds; empty means all
	Lang  string   // "vi" or "en"; "" means any

	// Facets filters by the kinds' own facets: a document matches when, for
	// every name, it has at least one of the values (AND across names, OR
	// within a name).
	Facets map[string][]string

	UnitCode string // only documents of this unit; "" means all
	Sort     string // SortRelevance or SortDate
	Offset   int    // clamped to [0, MaxOffset]
	Limit    int    // 0 means DefaultLimit; clamped to MaxLimit
}

// Page returns q's offset and limit clamped to their allowed ranges.
func (q Query) Page() (offset, limit int) {
	offset, limit = q.Offset, q.Limit
	if offset < 0 {
		offset = 0
	}
	if offset > MaxOffset {
		offset = MaxOffset
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	return offset, limit
}
