package searchindex

import (
	"encoding/json"
	"slices"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// state is what the index remembers besides documents, in its internal
// storage (key keyState), written in the same batch as the documents that
// change it.
type state struct {
	// Analyzer is the analyzerVersion the documents were indexed with
	// (0 before versions were recorded).
	Analyzer int                 `json:"analyzer"`
	Facets   facetNames          `json:"facets"`  // kind → facet names seen so far
	Boosted  bool                `json:"boosted"` // some document has a Boost other than 0 or 1
	Lengths  map[string]lenStats `json:"lengths"` // text field → token counts, for BM25
}

// lenStats sums the lengths of a text field over the documents indexed
// with a non-empty value. Replaced and deleted documents are not
// subtracted: the average is over every version ever indexed, which is
// close enough for length normalisation, and Rebuild starts afresh.
type lenStats struct {
	Tokens int64 `json:"tokens"`
	Docs   int64 `json:"docs"`
}

// analyzerVersion changes whenever the terms the analyzers produce for a
// text change, so that an index built before is rebuilt (NeedsRebuild):
// 1: NFC, lower case, folds and bigrams; 2: the tone of a final oa, oe or
// uy placed one way (vntext.CanonicalTones).
const analyzerVersion = 2

func newState() *state {
	return &state{Analyzer: analyzerVersion, Facets: facetNames{}, Lengths: map[string]lenStats{}}
}

// NeedsRebuild reports whether the index holds documents analysed by an
// older version of the analyzers, whose terms queries no longer produce:
// the indexer then rebuilds it from the database (search.Rebuilder).
func (ix *Index) NeedsRebuild() bool {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	return ix.st.Analyzer < analyzerVersion
}

// record notes d's facet names, boost and field lengths.
func (s *state) record(d search.Document) {
	s.Facets.add(d.Kind, d.Facets)
	if d.Boost != 0 && d.Boost != 1 {
		s.Boosted = true
	}
	s.count(d.Title, fTitleExact, fTitleFolded, fTitleBigram)
	s.count(d.Body, fBodyExact, fBodyFolded, fBodyBigram)
}

// count adds the syllable and bigram counts of text to the fields'
// statistics: the same counts the analyzers produce.
func (s *state) count(text, exact, folded, bigram string) {
	syls := vntext.Syllables(text)
	if len(syls) == 0 {
		return
	}
	pairs := 0
	for i := 1; i < len(syls); i++ {
		if !syls[i].Break {
			pairs++
		}
	}
	s.add(exact, len(syls))
	s.add(folded, len(syls))
	s.add(bigram, pairs)
}

func (s *state) add(field string, n int) {
	if n == 0 {
		return
	}
	l := s.Lengths[field]
	l.Tokens += int64(n)
	l.Docs++
	s.Lengths[field] = l
}

// avgLengths returns the average length of each text field.
func (s *state) avgLengths() map[string]float64 {
	m := make(map[string]float64, len(s.Lengths))
	for f, l := range s.Lengths {
		if l.Docs > 0 {
			m[f] = float64(l.Tokens) / float64(l.Docs)
		}
	}
	return m
}

// facetNames records, per document kind, the names of the facets its
// documents carry, so that Search knows which facet fields to count.
type facetNames map[string][]string

// add records the facet names of a document of kind.
func (f facetNames) add(kind string, facets map[string][]string) {
	for name := range facets {
		if !slices.Contains(f[kind], name) {
			f[kind] = append(f[kind], name)
			slices.Sort(f[kind])
		}
	}
}

// forKinds returns the facet names of the given kinds, sorted, without
// duplicates.
func (f facetNames) forKinds(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		out = append(out, f[k]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// loadState reads the state from the index's internal storage. It runs
// before ix is shared.
func (ix *Index) loadState() error {
	ix.st = newState()
	b, err := ix.bi.GetInternal(keyState)
	if err != nil || len(b) == 0 {
		return err
	}
	ix.st.Analyzer = 0 // absent from states stored before versions were
	if err := json.Unmarshal(b, ix.st); err != nil {
		return err
	}
	if ix.st.Facets == nil {
		ix.st.Facets = facetNames{}
	}
	if ix.st.Lengths == nil {
		ix.st.Lengths = map[string]lenStats{}
	}
	return nil
}

// mustJSON marshals v, which is always marshalable (maps of strings and
// numbers).
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
