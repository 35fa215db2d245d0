// Package searchindex implements search.Index on Bleve v2 (Scorch), with
// analysis and scoring built for Vietnamese.
//
// # Analysis
//
// Text is split into syllables (runs of letters, digits and combining
// marks; every other character separates them, and clause punctuation
// leaves a gap that words and phrases do not span). Each title and body is
// indexed in several forms, each a field of its own:
//
//	title.exact, body.exact     NFC, lower case, diacritics kept ("đường")
//	title.folded, body.folded   diacritics removed, đ→d ("duong")
//	title.bigram, body.bigram   adjacent folded syllables ("dang ky", "ky ket")
//	title.edge                  prefixes of folded syllables, for autocomplete
//
// The exact fields also store the text as given (in NFC), from which hits
// and snippets are built; no field keeps term vectors.
//
// # Queries
//
// A user's text is never handed to Bleve's query-string syntax: parseQuery
// keeps syllables and quoted phrases only, so "+", ":", "~" and the like are
// mere separators. The scoring query (bm25Query) is a BM25F query built
// programmatically: every content syllable in its folded form and, when the
// text has diacritics, in its exact form too (so "đường" ranks above
// "dương"); every bigram; and, for syllables of four letters or more, the
// more frequent one-edit variants at a low weight (typos). Titles weigh
// more than bodies. Question phrases ("đúng hay sai", "là gì") and stop
// syllables ("của", "là", "và"...) are dropped. A quoted phrase filters:
// its bigrams must all occur in the title or in the body.
//
// Bleve's own scoring is not used for text: it squares idf, multiplies by
// the share of matched clauses and mis-estimates average field lengths.
// The parameters (weights.go) were tuned on the training split of the ALQAC
// 2023 legal questions; internal/searcheval measures them.
//
// # Storage
//
// Open(dir) keeps the live Bleve index in a generation directory named by
// dir/CURRENT. Rebuild fills a new generation aside and swaps it in without
// downtime. The last applied change-feed sequence, the facet names of each
// kind and the field length statistics live in the index's internal
// storage, written in the same batches as the documents. A directory
// belongs to one process.
package searchindex
