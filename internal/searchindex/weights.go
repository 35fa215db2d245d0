package searchindex

// weights are the relevance parameters of the text query (a BM25F query,
// see bm25Query). They were chosen on the training split of the ALQAC 2023
// legal questions (see internal/searcheval and TestTuneALQAC), where a
// broad plateau lies around these values (title 10–12 with title length
// normalisation b 0.9–1, body b 0.2–0.35, k1 1.2), and on the ranking
// tests of this package. The training split is small (100 questions, one
// question = 1 point) and nearly saturated (recall@10 0.99), so only
// changes that held on both its variants were kept. The test split is for
// reporting only.
type weights struct {
	// BM25F field weights: a title occurrence counts title times a body one.
	title, body float64

	// Unit weights. A syllable is looked for in its folded form and, when
	// the query has diacritics, also in its exact form: a document with
	// the very word typed outranks one that only shares its folded form
	// ("đường" over "dương"). Bigrams are pairs of adjacent syllables.
	folded, exact, bigram float64

	// exactSame is the share of the documents having a folded form above
	// which the exact form's unit is merged into the folded one (see
	// bm25Query.exactSame); above 1, never.
	exactSame float64

	// fuzzy is the weight of the one-edit variants of a syllable of at
	// least fuzzyMinRunes letters, on the folded fields: low, so that a
	// typo still finds its word but never outranks an exact match. Only
	// variants more frequent than the syllable itself are asked, at most
	// fuzzyVariants of them (the most frequent). And only a rare
	// syllable is looked at, one found in fewer than fuzzyRare of the
	// documents (or fuzzyRareMin): a typo seldom makes a common word, and
	// the variants of every common word would cost a dictionary walk each.
	fuzzy         float64
	fuzzyMinRunes int
	fuzzyVariants int
	fuzzyRare     float64
	fuzzyRareMin  uint64

	// BM25 parameters: term frequency saturation, and length normalisation
	// of titles and bodies.
	k1, bTitle, bBody float64

	// qtf is the exponent of a unit's frequency in the query that
	// multiplies its weight (0: a repeated word counts once).
	qtf float64
}

var defaultWeights = weights{
	title: 10, body: 1,
	folded: 1, exact: 1, bigram: 1, exactSame: 0.9,
	fuzzy: 0.2, fuzzyMinRunes: 4, fuzzyVariants: 8, fuzzyRare: 0.001, fuzzyRareMin: 5,
	k1: 1.2, bTitle: 0.9, bBody: 0.35,
	qtf: 1,
}
