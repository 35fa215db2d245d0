// Package searcheval measures the relevance of the portal's search on real,
// labelled data: the ALQAC 2023 Vietnamese legal retrieval set (2,249
// articles of 17 laws, and questions each labelled with the article(s)
// that answer them).
//
// RunALQAC indexes every article as one document of kind "article" through
// internal/searchindex (the production analyzer and query path, nothing
// special-cased), asks each question as a citizen would type it, with its
// diacritics and without them, and reports recall@1, @5, @10 and MRR per
// split and variant. Parameters are tuned on train.json only; the test
// split is for reporting. The data is read from a directory at run time and
// never copied into the repository.
package searcheval
