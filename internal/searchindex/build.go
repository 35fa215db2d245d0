package searchindex

import (
	"math"

	"github.com/blevesearch/bleve/v2/search/query"
)

// textQuery builds the scoring query of a plan: a bm25Query whose units
// are the syllables (folded and, when the text has diacritics, exact), the
// bigrams and the one-edit variants of long syllables, each in titles and
// bodies. It returns nil for an empty plan. avgLen are the fields' average
// lengths.
func (w weights) textQuery(p plan, avgLen map[string]float64) query.Query {
	if p.empty() {
		return nil
	}
	q := &bm25Query{k1: w.k1, fuzzyVariants: w.fuzzyVariants, fields: w.fieldParams(avgLen)}
	for i, wd := range p.words {
		qtf := math.Pow(float64(p.wordQTF[i]), w.qtf)
		q.units = append(q.units, w.pair(fTitleFolded, fBodyFolded, wd.folded, w.folded*qtf))
		if p.accented {
			q.units = append(q.units, w.pair(fTitleExact, fBodyExact, wd.exact, w.exact*qtf))
		}
		if w.fuzzy > 0 && fuzzyEligible(wd.folded, w.fuzzyMinRunes) {
			q.fuzzy = append(q.fuzzy, w.pair(fTitleFolded, fBodyFolded, wd.folded, w.fuzzy))
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

// phraseFilter requires every quoted phrase: its folded syllables adjacent,
// in the title or in the body, i.e. every bigram of the phrase present in
// the same field. (Bigrams stand in for positions, which the index does not
// keep; a phrase of three syllables or more may therefore match its bigrams
// at different places of a field, which is rare.) Phrases do not score: their
// words already count in textQuery. It returns nil when there is no phrase.
func phraseFilter(p plan) query.Query {
	if len(p.phrases) == 0 {
		return nil
	}
	qs := make([]query.Query, len(p.phrases))
	for i, ph := range p.phrases {
		qs[i] = phraseQuery(ph)
	}
	return query.NewConjunctionQuery(qs)
}

func phraseQuery(ph []string) query.Query {
	if len(ph) == 1 {
		return query.NewDisjunctionQuery([]query.Query{
			term(fTitleFolded, ph[0], 1), term(fBodyFolded, ph[0], 1),
		})
	}
	var inTitle, inBody []query.Query
	for i := 1; i < len(ph); i++ {
		b := ph[i-1] + bigramSep + ph[i]
		inTitle = append(inTitle, term(fTitleBigram, b, 1))
		inBody = append(inBody, term(fBodyBigram, b, 1))
	}
	return query.NewDisjunctionQuery([]query.Query{
		query.NewConjunctionQuery(inTitle), query.NewConjunctionQuery(inBody),
	})
}

func term(field, t string, boost float64) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
