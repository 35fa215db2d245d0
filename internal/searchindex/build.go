package searchindex

import "math"

// textQuery builds the scoring query of a plan: a bm25Query whose units
// are the syllables (folded and, when the text has diacritics, exact), the
// bigrams and the one-edit variants of long syllables, each in titles and
// bodies. avgLen are the fields' average lengths.
func (w weights) textQuery(p plan, avgLen map[string]float64) *bm25Query {
	q := &bm25Query{
		k1: w.k1, fields: w.fieldParams(avgLen), exactSame: w.exactSame,
		fuzzyVariants: w.fuzzyVariants, fuzzyRare: w.fuzzyRare, fuzzyRareMin: w.fuzzyRareMin,
	}
	for i, wd := range p.words {
		qtf := math.Pow(float64(p.wordQTF[i]), w.qtf)
		q.units = append(q.units, w.pair(fTitleFolded, fBodyFolded, wd.folded, w.folded*qtf))
		if p.accented {
			u := w.pair(fTitleExact, fBodyExact, wd.exact, w.exact*qtf)
			u.folds = len(q.units)
			q.units = append(q.units, u)
		}
		if w.fuzzy > 0 && fuzzyEligible(wd.folded, w.fuzzyMinRunes) {
			u := w.pair(fTitleFolded, fBodyFolded, wd.folded, w.fuzzy)
			u.word = i + 1
			q.fuzzy = append(q.fuzzy, u)
		}
	}
	for i, b := range p.bigrams {
		qtf := math.Pow(float64(p.bigQTF[i]), w.qtf)
		q.units = append(q.units, w.pair(fTitleBigram, fBodyBigram, b, w.bigram*qtf))
	}
	return q
}

// pair is the unit of term in a title field and a body field.
func (w weights) pair(title, body, term string, weight float64) unit {
	return unit{terms: []fieldTerm{{title, term}, {body, term}}, weight: weight}
}

// fieldParams are the BM25F parameters of the text fields.
func (w weights) fieldParams(avgLen map[string]float64) map[string]fieldParams {
	m := map[string]fieldParams{}
	for _, f := range []string{fTitleExact, fTitleFolded, fTitleBigram} {
		m[f] = fieldParams{weight: w.title, b: w.bTitle, avgLen: avgLen[f]}
	}
	for _, f := range []string{fBodyExact, fBodyFolded, fBodyBigram} {
		m[f] = fieldParams{weight: w.body, b: w.bBody, avgLen: avgLen[f]}
	}
	return m
}
