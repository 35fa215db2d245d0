package searchindex

// maxFuzzyCandidates bounds the variants of a term that are counted: a
// short term may have many neighbours, and each costs a posting lookup.
const maxFuzzyCandidates = 64

// fuzzyVariants returns the terms of the fields within edits of term (the
// term itself excluded) with the number of documents containing each in
// any of the fields. Fuzzy dictionaries do not carry counts, so they are
// looked up.
func fuzzyVariants(s *snapshot, fields []string, term string, edits int) map[string]uint64 {
	counts := map[string]uint64{}
	for _, f := range fields {
		dict, err := s.snap.FieldDictFuzzy(f, term, edits, "")
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
		counts[t] = s.docFreq(fields, t)
	}
	return counts
}
