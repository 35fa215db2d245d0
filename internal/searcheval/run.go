package searcheval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/searchindex"
	"github.com/cong-vn/cong/internal/vntext"
)

// Options tune a run. The zero value is ready.
type Options struct {
	// WorkDir is where the temporary index is built; "" means the system's
	// temporary directory. The index is removed when the run ends.
	WorkDir string
}

// Report is the outcome of RunALQAC. It marshals to JSON as is.
type Report struct {
	Dataset  string   `json:"dataset"`
	Articles int      `json:"articles"`
	IndexMS  int64    `json:"index_ms"` // time to index the articles
	QueryMS  int64    `json:"query_ms"` // time to run every question, all variants
	Results  []Result `json:"results"`
}

// Splits and variants, in report order.
var (
	splits   = []struct{ name, file string }{{"train", trainFile}, {"private_test", testFile}}
	variants = []struct {
		name string
		text func(string) string
	}{{"accented", func(s string) string { return s }}, {"stripped", vntext.StripDiacritics}}
)

// RunALQAC indexes the articles of the ALQAC 2023 set in dir into a
// temporary index and asks the questions of train.json and
// private_test.json, as given and with diacritics stripped. Errors: the
// files missing or malformed (Invalid), or an index failure.
func RunALQAC(ctx context.Context, dir string, opts Options) (*Report, error) {
	const op = "searcheval.RunALQAC"
	docs, err := loadArticles(dir)
	if err != nil {
		return nil, errs.E(op, errs.Invalid, "searcheval.bad_data", err)
	}
	tmp, err := os.MkdirTemp(opts.WorkDir, "cong-eval-")
	if err != nil {
		return nil, errs.E(op, err)
	}
	defer os.RemoveAll(tmp)
	ix, err := searchindex.Open(tmp)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	rep := &Report{Dataset: "ALQAC 2023", Articles: len(docs)}
	start := time.Now()
	if err := indexAll(ctx, ix, docs); err != nil {
		return nil, err
	}
	rep.IndexMS = time.Since(start).Milliseconds()
	start = time.Now()
	for _, sp := range splits {
		qs, err := loadQuestions(dir, sp.file)
		if err != nil {
			return nil, errs.E(op, errs.Invalid, "searcheval.bad_data", err)
		}
		for _, v := range variants {
			res, err := ask(ctx, ix, qs, v.text)
			if err != nil {
				return nil, err
			}
			rep.Results = append(rep.Results, res.result(sp.name, v.name))
		}
	}
	rep.QueryMS = time.Since(start).Milliseconds()
	return rep, nil
}

// indexAll upserts docs in batches.
func indexAll(ctx context.Context, ix search.Index, docs []search.Document) error {
	const batch = 500
	for i := 0; i < len(docs); i += batch {
		if err := ix.Upsert(ctx, docs[i:min(i+batch, len(docs))]...); err != nil {
			return err
		}
	}
	return nil
}

// ask runs every question, its text passed through variant, and tallies
// the ranks of the relevant articles.
func ask(ctx context.Context, ix search.Index, qs []question, variant func(string) string) (*tally, error) {
	var t tally
	for _, q := range qs {
		// Every document is an article: no kind filter, which would
		// only cost a second pass for the per-kind counts.
		res, err := ix.Search(ctx, search.Query{Text: variant(q.Text), Limit: depth})
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		t.add(ids, q.relevantIDs())
	}
	return &t, nil
}

// Find returns the result of a split and variant, or false.
func (r *Report) Find(split, variant string) (Result, bool) {
	for _, res := range r.Results {
		if res.Split == split && res.Variant == variant {
			return res, true
		}
	}
	return Result{}, false
}

// WriteText writes the report as a table.
func (r *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s: %d articles indexed in %d ms; questions answered in %d ms\n\n",
		r.Dataset, r.Articles, r.IndexMS, r.QueryMS)
	fmt.Fprintf(w, "%-13s %-9s %4s %9s %9s %9s %7s   %s\n",
		"split", "variant", "n", "recall@1", "recall@5", "recall@10", "MRR@10", "article recall@1/5/10")
	for _, res := range r.Results {
		_, err := fmt.Fprintf(w, "%-13s %-9s %4d %9.3f %9.3f %9.3f %7.3f   %.3f %.3f %.3f\n",
			res.Split, res.Variant, res.Questions, res.Recall1, res.Recall5, res.Recall10, res.MRR,
			res.ArticleRecall1, res.ArticleRecall5, res.ArticleRecall10)
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the report as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	return json.NewEncoder(w).Encode(r)
}
