package searchindex

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/cong-vn/cong/internal/search"
)

// TestMaxScoreMatchesExhaustiveScoring checks that the pruned ranking gives
// the same pages, scores and totals as scoring every match, on a generated
// corpus spread over several segments with deleted documents, reading the
// common terms' postings packed and unpacked (dense.go).
func TestMaxScoreMatchesExhaustiveScoring(t *testing.T) {
	defer func(n uint64) { denseMinDocs = n }(denseMinDocs)
	ix := openTest(t)
	err := benchCorpus(600, func(docs []search.Document) error {
		for i := 0; i < len(docs); i += 100 { // several segments
			if err := ix.Upsert(ctx, docs[i:min(i+100, len(docs))]...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 600; i += 7 {
		kinds := []string{"procedure", "news", "qa", "legal"}
		if err := ix.Delete(ctx, kinds[i%4], fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	queries := []search.Query{
		{Text: "của"}, {Text: "thủ tục"}, {Text: "cấp giấy phép"}, {Text: "thu tuc dang ky ket hon"},
		{Text: benchQueries[7].text}, {Text: "giay phep xay dungg"}, {Text: "thủ tục", Kinds: []string{"news"}},
		{Text: "đăng ký", UnitCode: "5"}, {Text: "hồ sơ", Offset: 20, Limit: 15},
		{Text: "quy hoạch đất đai", Facets: map[string][]string{"level": {"xa"}}},
	}
	for _, dense := range []bool{false, true} {
		for _, q := range queries {
			checkAgainstExhaustive(t, ix, q, dense)
		}
	}
	if ix.cols.denseLeft.Load() == denseBudget {
		t.Error("no posting list was unpacked")
	}
}

func checkAgainstExhaustive(t *testing.T, ix *Index, q search.Query, dense bool) {
	t.Helper()
	denseMinDocs = 1 << 62 // the reference reads packed lists
	want, total := exhaustive(t, ix, q)
	if dense {
		denseMinDocs = 1
	}
	res := mustSearch(t, ix, q)
	{
		if res.Total != total {
			t.Errorf("%+v: Total = %d, exhaustive %d", q, res.Total, total)
		}
		off, lim := q.Page()
		want = want[min(off, len(want)):min(off+lim, len(want))]
		if len(res.Hits) != len(want) {
			t.Errorf("%+v: %d hits, want %d", q, len(res.Hits), len(want))
			return
		}
		for i, h := range res.Hits {
			if h.ID != want[i].id || math.Abs(h.Score-want[i].score) > 1e-12 {
				t.Errorf("%+v dense=%v: hit %d = %s %.12g, want %s %.12g", q, dense, i, h.ID, h.Score, want[i].id, want[i].score)
			}
		}
	}
}

type scored struct {
	id     string
	score  float64
	global uint64
}

// exhaustive scores every match of q term at a time and sorts them.
func exhaustive(t *testing.T, ix *Index, q search.Query) ([]scored, int) {
	t.Helper()
	pq, _ := parseQuery(q.Text)
	p := makePlan(pq)
	var out []scored
	err := ix.reader("test", func(bi bleve.Index) error {
		s, err := ix.openSnapshot(bi)
		if err != nil {
			return err
		}
		defer s.Close()
		ix.stateMu.Lock()
		avg := ix.st.avgLengths()
		ix.stateMu.Unlock()
		units, _, err := s.openUnits(context.Background(), ix.w.textQuery(p, avg))
		if err != nil {
			return err
		}
		e := &execution{q: q, phrases: p.phrases, text: true, facets: nil}
		for si, v := range s.views {
			f, err := e.filter(v)
			if err != nil {
				return err
			}
			acc := getAccumulator()
			if err := scoreSegment(context.Background(), units, si, ix.w.k1, acc); err != nil {
				return err
			}
			for _, d := range acc.docs {
				if f.accept(d) {
					h, _, err := loadHit(v.seg, d)
					if err != nil {
						return err
					}
					out = append(out, scored{h.ID, acc.score[d], v.base + uint64(d)})
				}
			}
			putAccumulator(acc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(int64(a.global) - int64(b.global))
	})
	return out, len(out)
}

// TestConcurrentSearchesWhileIndexing runs searches (unpacking lists and
// building columns) while documents change; run it with -race.
func TestConcurrentSearchesWhileIndexing(t *testing.T) {
	defer func(n uint64) { denseMinDocs = n }(denseMinDocs)
	denseMinDocs = 1
	ix := openTest(t)
	if err := benchCorpus(300, func(docs []search.Document) error { return ix.Upsert(ctx, docs...) }); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 4)
	for g := 0; g < 3; g++ {
		go func(g int) {
			for i := 0; i < 30; i++ {
				q := search.Query{Text: benchQueries[(g+i)%len(benchQueries)].text, Facets: map[string][]string{"level": {"xa"}}}
				if i%2 == 0 {
					q.Sort = search.SortDate
				}
				if _, err := ix.Search(ctx, q); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(g)
	}
	go func() {
		for i := 0; i < 20; i++ {
			d := doc(fmt.Sprint("new", i), "Thủ tục cấp giấy phép "+fmt.Sprint(i), "Hồ sơ thủ tục của công dân.")
			if err := ix.Upsert(ctx, d); err != nil {
				done <- err
				return
			}
			if err := ix.Delete(ctx, "procedure", fmt.Sprint(i*4)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; i < 4; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	res := mustSearch(t, ix, search.Query{Text: "cấp giấy phép 7"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "new7" {
		t.Errorf("after the changes: %v", ids(res))
	}
}
