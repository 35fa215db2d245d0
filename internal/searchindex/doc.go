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
// "dương"; an exact form that nearly every document with its folded form
// shares is merged into the folded unit); every bigram; and, for rare
// syllables of four letters or more, the more frequent one-edit variants at
// a low weight (typos). Titles weigh more than bodies. Question phrases
// ("đúng hay sai", "là gì", "chọn câu trả lời đúng nhất") and stop
// syllables ("của", "là", "và"...) are dropped, and so are the clause and
// point numbers of a named article ("khoản 2 Điều 5" searches article 5).
// A quoted phrase filters: its bigrams must all occur in the title or in
// the body.
//
// Bleve's own scoring is not used for text: it squares idf, multiplies by
// the share of matched clauses and mis-estimates average field lengths.
// The parameters (weights.go) were tuned on the training split of the ALQAC
// 2023 legal questions; internal/searcheval measures them.
//
// # Execution
//
// Search does not go through Bleve's query and collector layers: it reads
// a Scorch snapshot segment by segment (snapshot.go). Matches are counted
// on the union of the posting lists as bitmaps; the page is ranked by
// MaxScore (maxscore.go), which skips the documents that only common
// syllables match once the page is full; filters, facets, date sorting and
// boosts read per-segment columns of the keyword, date and number fields
// (columns.go), so a facet costs an array increment per match; and the
// posting lists of common terms in large segments are unpacked into arrays
// on first use (dense.go). Columns and unpacked lists are kept per segment
// (segments are immutable) and dropped with it. Suggest still uses a Bleve
// query.
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
