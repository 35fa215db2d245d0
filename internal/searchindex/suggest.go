package searchindex

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// maxSuggest caps the number of suggestions.
const maxSuggest = 20

// Suggest returns titles matching prefix as typed so far: every complete
// syllable must be in the title (folded), and the last, possibly
// incomplete one must begin a syllable of the title. Titles where the
// syllables are adjacent, and shorter titles, come first. A prefix longer
// than search.MaxQueryRunes is refused like a query; one with no letter or
// digit gives nothing.
func (ix *Index) Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error) {
	const op = "searchindex.Suggest"
	pq, err := parseQuery(prefix)
	if err != nil {
		return nil, err
	}
	if len(pq.words) == 0 {
		return nil, nil
	}
	limit = min(max(limit, 1), maxSuggest)
	req := bleve.NewSearchRequestOptions(suggestQuery(pq.words, prefix), limit, 0, false)
	req.Fields = []string{fTitleExact, fURL, fKind}
	var out []search.Suggestion
	err = ix.reader(op, func(bi bleve.Index) error {
		res, err := bi.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			t, _ := h.Fields[fTitleExact].(string)
			u, _ := h.Fields[fURL].(string)
			k, _ := h.Fields[fKind].(string)
			out = append(out, search.Suggestion{Title: t, URL: u, Kind: k})
		}
		return nil
	})
	if err != nil {
		return nil, searchError(op, err)
	}
	return out, nil
}

// suggestQuery requires the complete syllables on the folded title and the
// last one on the title's syllable prefixes (unless the text ends with a
// separator, when it is complete too), and prefers adjacent syllables.
func suggestQuery(ws []word, text string) query.Query {
	last := len(ws) - 1
	lastComplete := !endsInSyllable(text)
	must := make([]query.Query, 0, len(ws))
	for i, w := range ws {
		if i == last && !lastComplete {
			must = append(must, term(fTitleEdge, w.folded, 1))
		} else {
			must = append(must, term(fTitleFolded, w.folded, 1))
		}
	}
	var should []query.Query
	for i := 1; i < len(ws); i++ {
		if i < last || lastComplete {
			should = append(should, term(fTitleBigram, ws[i-1].folded+bigramSep+ws[i].folded, 1))
		}
	}
	if len(should) == 0 {
		return query.NewConjunctionQuery(must)
	}
	return query.NewBooleanQuery(must, should, nil)
}

// endsInSyllable reports whether text ends inside a syllable, i.e. the user
// may still be typing it.
func endsInSyllable(text string) bool {
	syls := vntext.Syllables(text)
	return len(syls) > 0 && syls[len(syls)-1].End == len(text)
}

// term is a term query on field.
func term(field, t string, boost float64) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
