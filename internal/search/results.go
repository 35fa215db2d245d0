package search

import "time"

// Results is one page of hits, the total number of matches and the facet
// counts over all matches.
type Results struct {
	Total int   // number of matching documents, all pages together
	Hits  []Hit // this page, best (or newest) first

	// Facets maps a facet name to its values with counts, most frequent
	// first. "kind" and "unit" (unit codes) are always present; a kind's
	// own facets are present when the query is restricted to kinds that
	// have them. The "kind" counts ignore Query.Kinds, so that a page can
	// show how many hits each kind would give.
	Facets map[string][]FacetCount

	// FacetTotals has, for each facet of Facets, the number of distinct
	// values among the matches and the matches left out of the list:
	// Facets holds the most frequent values only (at most 20 for "kind"
	// and "unit"), so that a page can say "and 37 more".
	FacetTotals map[string]FacetTotal

	// DidYouMean is a corrected query text proposed when nothing matched;
	// "" when there is none.
	DidYouMean string
}

// FacetCount is one value of a facet and the number of matches having it.
type FacetCount struct {
	Value string
	Count int
}

// FacetTotal sums up a facet beyond the values listed in Results.Facets.
type FacetTotal struct {
	Values int // distinct values among the matches
	Other  int // matches counted under values not listed
}

// Hit is one matching document as shown in a result list.
type Hit struct {
	Kind     string
	ID       string
	Title    string
	URL      string
	UnitName string
	Date     time.Time // zero when the document has none
	Score    float64   // relevance; comparable only within one Results

	// Snippet is an excerpt of the body around the best matches, cut from
	// the original (accented) text. Marked fragments are the matched
	// words. Every fragment is valid UTF-8 and none splits a character,
	// so the web layer may escape each fragment and wrap marked ones in
	// <mark>. Empty when the document has no body.
	Snippet []Fragment
}

// Fragment is a piece of a snippet; Mark is true for a matched word.
type Fragment struct {
	Text string
	Mark bool
}
