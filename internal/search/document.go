package search

import "time"

// Well-known document kinds. A feature may register further kinds; a kind
// is a short lower-case ASCII word.
const (
	KindUnit      = "unit"
	KindProcedure = "procedure"
	KindLegal     = "legal"   // a legal document as a whole
	KindArticle   = "article" // one article (Điều) of a legal document
	KindQA        = "qa"
	KindNews      = "news"
	KindPlan      = "plan"
)

// Document is one searchable item as a feature hands it to the index.
//
// Kind and ID together identify the document: upserting a Document with the
// same Kind and ID replaces the previous one. Title and Body are plain text
// (no HTML) in any Unicode normal form; the index keeps them in NFC, with
// their diacritics, and computes snippets on that text.
type Document struct {
	Kind     string    // required, e.g. KindProcedure
	ID       string    // required, unique within Kind
	Lang     string    // "vi" or "en"; "" means "vi"
	Title    string    // required; shown as the result's heading
	Body     string    // plain text; may be empty
	URL      string    // the public path of the item, e.g. "/thu-tuc/1.001234"
	UnitCode string    // code of the owning unit; "" when none
	UnitName string    // display name of the owning unit
	Date     time.Time // publication or effective date; zero when none

	// Facets are the kind's own facets (level, field, validity, year...):
	// facet name → values. Names are short lower-case ASCII words; values
	// are compared exactly.
	Facets map[string][]string

	// Boost multiplies the document's relevance score; 0 means 1. Use it
	// sparingly, e.g. 1.5 for the portal's most requested procedures.
	Boost float64
}

// Suggestion is one autocomplete proposal: a title that matches what the
// user has typed so far.
type Suggestion struct {
	Title string
	URL   string
	Kind  string
}
