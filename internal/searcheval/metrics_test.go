package searcheval

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/search"
)

func TestTally(t *testing.T) {
	var tl tally
	tl.add([]string{"a", "b", "c"}, []string{"a"})                     // rank 1
	tl.add([]string{"x", "y", "b", "z", "w", "a"}, []string{"a", "b"}) // b at 3, a at 6
	tl.add([]string{"x"}, []string{"q"})                               // not found
	tl.add(nil, []string{"q"})                                         // no hits
	r := tl.result("s", "v")
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"recall@1", r.Recall1, 1.0 / 4},
		{"recall@5", r.Recall5, 2.0 / 4},
		{"recall@10", r.Recall10, 2.0 / 4},
		{"MRR", r.MRR, (1 + 1.0/3) / 4},
		{"article recall@1", r.ArticleRecall1, 1.0 / 4},
		{"article recall@5", r.ArticleRecall5, 1.5 / 4},
		{"article recall@10", r.ArticleRecall10, 2.0 / 4},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if r.Questions != 4 {
		t.Errorf("Questions = %d", r.Questions)
	}
}

func TestArticleDoc(t *testing.T) {
	d := articleDoc("Luật Cư trú", "5", "Bảo đảm việc thực hiện quyền tự do cư trú\n\n1. Nhà nước bảo đảm.")
	want := search.Document{
		Kind: search.KindArticle, ID: "Luật Cư trú@5", Lang: "vi",
		Title: "Điều 5. Bảo đảm việc thực hiện quyền tự do cư trú (Luật Cư trú)",
		Body:  "1. Nhà nước bảo đảm.", URL: "/van-ban/Luật Cư trú/dieu-5",
	}
	if d.Kind != want.Kind || d.ID != want.ID || d.Title != want.Title || d.Body != want.Body || d.Facets["law"][0] != "Luật Cư trú" {
		t.Errorf("articleDoc = %+v", d)
	}
}

func TestReportOutput(t *testing.T) {
	rep := &Report{Dataset: "ALQAC 2023", Articles: 2, Results: []Result{{Split: "train", Variant: "accented", Questions: 1, Recall1: 1}}}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil || !strings.Contains(b.String(), "train") {
		t.Errorf("WriteText = %q, %v", b.String(), err)
	}
	b.Reset()
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Results[0].Recall1 != 1 {
		t.Errorf("JSON round trip: %v %+v", err, back)
	}
	if _, ok := rep.Find("train", "accented"); !ok {
		t.Error("Find failed")
	}
}
