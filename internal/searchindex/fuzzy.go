package searchindex

import (
	"context"

	index "github.com/blevesearch/bleve_index_api"
)

// maxFuzzyCandidates bounds the variants of a term that are counted: a
// short term may have many neighbours, and each costs a posting lookup.
const maxFuzzyCandidates = 64

// fuzzyVariants returns the terms of the fields within edits of term (the
// term itself excluded) with the number of documents containing each in
// any of the fields. Fuzzy dictionaries do not carry counts, so they are
// looked up.
func fuzzyVariants(r index.IndexReader, fields []string, term string, edits int) map[string]uint64 {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	counts := map[string]uint64{}
	for _, f := range fields {
		dict, err := fr.FieldDictFuzzy(f, term, edits, "")
		if err != nil {
			continue
		}
		for e, err := dict.Next(); err == nil && e != nil && len(counts) < maxFuzzyCandidates; e, err = dict.Next() {
			if e.Term != term {
				counts[e.Term] = 0
			}
		}
		dict.Close()
	}
	for t := range counts {
		counts[t] = docFreq(r, fields, t)
	}
	return counts
}

// docFreq returns the number of documents containing term, summed over the
// fields (a document may count twice: good enough to rank candidates).
func docFreq(r index.IndexReader, fields []string, term string) uint64 {
	var n uint64
	for _, f := range fields {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), f, false, false, false)
		if err != nil {
			continue
		}
		n += tfr.Count()
		tfr.Close()
	}
	return n
}
