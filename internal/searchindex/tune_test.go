package searchindex

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// TestTuneALQAC is the tuning bench of the relevance parameters (weights.go):
// with CONG_TUNE_ALQAC set to the ALQAC 2023 directory it indexes the
// articles once and prints recall@1/5/10/50 and MRR on the TRAINING split
// only (train.json), as given and stripped of diacritics, for the
// defaults and for each variation listed in tuneVariations. The test split
// is never read here: internal/searcheval reports it. CONG_TUNE_ONLY is a
// regular expression selecting variations by name; CONG_TUNE_MISSES=1 also
// lists the training questions whose article is not first.
func TestTuneALQAC(t *testing.T) {
	dir := os.Getenv("CONG_TUNE_ALQAC")
	if dir == "" {
		t.Skip("set CONG_TUNE_ALQAC to the ALQAC 2023 directory")
	}
	docs, qs := loadTuneData(t, dir)
	ix := openTest(t)
	for i := 0; i < len(docs); i += 500 {
		if err := ix.Upsert(ctx, docs[i:min(i+500, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	titles := map[string]string{}
	for _, d := range docs {
		titles[d.ID] = d.Title
	}
	base := ix.w
	only := regexp.MustCompile(os.Getenv("CONG_TUNE_ONLY"))
	for _, v := range tuneVariations() {
		if !only.MatchString(v.name) {
			continue
		}
		ix.w = base
		v.set(&ix.w)
		var line strings.Builder
		fmt.Fprintf(&line, "%-28s", v.name)
		for _, strip := range []bool{false, true} {
			m := tuneRun(t, ix, qs, strip, titles, v.name == "defaults" && !strip && os.Getenv("CONG_TUNE_MISSES") != "")
			fmt.Fprintf(&line, "  R@1 %.2f R@5 %.2f R@10 %.2f R@50 %.2f MRR %.3f |", m[0], m[1], m[2], m[3], m[4])
		}
		t.Log(line.String())
	}
}

// tuneVariation changes the weights.
type tuneVariation struct {
	name string
	set  func(*weights)
}

// tuneVariations are the parameter sets compared; edit at will.
func tuneVariations() []tuneVariation {
	vs := []tuneVariation{{"defaults", func(*weights) {}}}
	for _, x := range []float64{4, 6, 15, 20} {
		vs = append(vs, tuneVariation{fmt.Sprint("title ", x), func(w *weights) { w.title = x }})
	}
	for _, x := range []float64{0.5, 1.5, 2} {
		vs = append(vs, tuneVariation{fmt.Sprint("bigram ", x), func(w *weights) { w.bigram = x }})
	}
	for _, x := range []float64{0, 0.5, 2} {
		vs = append(vs, tuneVariation{fmt.Sprint("exact ", x), func(w *weights) { w.exact = x }})
	}
	for _, x := range []float64{0.8, 1.6, 2.5} {
		vs = append(vs, tuneVariation{fmt.Sprint("k1 ", x), func(w *weights) { w.k1 = x }})
	}
	for _, x := range []float64{0.2, 0.5, 0.75} {
		vs = append(vs, tuneVariation{fmt.Sprint("bBody ", x), func(w *weights) { w.bBody = x }})
	}
	for _, x := range []float64{0.3, 0.5, 1} {
		vs = append(vs, tuneVariation{fmt.Sprint("bTitle ", x), func(w *weights) { w.bTitle = x }})
	}
	vs = append(vs, tuneVariation{"fuzzy 0", func(w *weights) { w.fuzzy = 0 }})
	for _, bt := range []float64{0.9, 1} {
		for _, x := range []float64{6, 8, 10, 12, 15} {
			vs = append(vs, tuneVariation{fmt.Sprintf("bTitle %v title %v", bt, x), func(w *weights) { w.bTitle, w.title = bt, x }})
		}
		for _, x := range []float64{1, 1.4, 1.6} {
			vs = append(vs, tuneVariation{fmt.Sprintf("bTitle %v k1 %v", bt, x), func(w *weights) { w.bTitle, w.k1 = bt, x }})
		}
		for _, x := range []float64{0.2, 0.35, 0.5} {
			vs = append(vs, tuneVariation{fmt.Sprintf("bTitle %v bBody %v", bt, x), func(w *weights) { w.bTitle, w.bBody = bt, x }})
		}
	}
	for _, x := range []float64{0.7, 0.8, 0.95, 2} {
		vs = append(vs, tuneVariation{fmt.Sprint("exactSame ", x), func(w *weights) { w.exactSame = x }})
	}
	vs = append(vs, tuneVariation{"fuzzy ungated", func(w *weights) { w.fuzzyRare, w.fuzzyRareMin = 1, 1<<62 }})
	return vs
}

// tuneQuestion is a training question and its articles.
type tuneQuestion struct {
	text     string
	relevant []string
}

// loadTuneData reads the articles (shaped as internal/searcheval shapes
// them) and the training questions.
func loadTuneData(t *testing.T, dir string) ([]search.Document, []tuneQuestion) {
	b, err := os.ReadFile(filepath.Join(dir, "all_articles_2023.json"))
	if err != nil {
		t.Fatal(err)
	}
	var arts map[string]string
	if err := json.Unmarshal(b, &arts); err != nil {
		t.Fatal(err)
	}
	var docs []search.Document
	for key, text := range arts {
		law, number, _ := strings.Cut(key, "@")
		heading, body, _ := strings.Cut(strings.TrimSpace(text), "\n")
		docs = append(docs, search.Document{
			Kind: search.KindArticle, ID: key, Lang: "vi",
			Title: "Điều " + number + ". " + strings.TrimSpace(heading) + " (" + law + ")",
			Body:  strings.TrimSpace(body), URL: "/van-ban/" + law + "/dieu-" + number,
			Facets: map[string][]string{"law": {law}},
		})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	b, err = os.ReadFile(filepath.Join(dir, "train.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		Text     string `json:"text"`
		Relevant []struct {
			Law     string `json:"law_id"`
			Article string `json:"article_id"`
		} `json:"relevant_articles"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	qs := make([]tuneQuestion, len(raw))
	for i, r := range raw {
		qs[i].text = r.Text
		for _, a := range r.Relevant {
			qs[i].relevant = append(qs[i].relevant, a.Law+"@"+a.Article)
		}
	}
	return docs, qs
}

// tuneRun asks every question and returns recall@1, @5, @10, @50 and MRR.
func tuneRun(t *testing.T, ix *Index, qs []tuneQuestion, strip bool, titles map[string]string, misses bool) [5]float64 {
	var m [5]float64
	for _, q := range qs {
		text := q.text
		if strip {
			text = vntext.StripDiacritics(text)
		}
		res := mustSearch(t, ix, search.Query{Text: text, Limit: 50})
		rank := 0
		for i, h := range res.Hits {
			if slices.Contains(q.relevant, h.ID) {
				rank = i + 1
				break
			}
		}
		for j, k := range []int{1, 5, 10, 50} {
			if rank > 0 && rank <= k {
				m[j]++
			}
		}
		if rank > 0 {
			m[4] += 1 / float64(rank)
		}
		if misses && rank != 1 {
			t.Logf("rank %d: %s\n\twant %s\n\tgot  %s", rank, q.text, titles[q.relevant[0]], res.Hits[0].Title)
		}
	}
	for i := range m {
		m[i] /= float64(len(qs))
	}
	return m
}
