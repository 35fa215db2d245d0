// Package search is the port of the portal's full-text search: the types a
// feature hands to the index (Document), what a citizen asks (Query), what
// comes back (Results, Hit, Fragment, Suggestion), and the Index interface
// that a search engine adapter implements.
//
// Every kind of content (units, procedures, legal documents and their
// articles, Q&A, news, plans) becomes Documents of its own Kind; the index
// never knows more about a kind than its facets. Indexing follows the
// database: a change feed with a monotonic sequence is applied to the index,
// which records the last sequence it applied (Index.Applied) so that a
// process resumes where it stopped after a crash.
//
// The package holds types and interfaces only; it imports no engine. The
// Bleve adapter lives in internal/searchindex.
package search
