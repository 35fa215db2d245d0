package searcheval

// Result holds the relevance figures of one split asked in one variant.
//
// Recall@k follows the dataset README's reference figures: the share of
// questions for which a relevant article is among the first k hits. (A
// question labelled with several articles counts when any of them is.)
// ArticleRecall@k is the stricter figure: the share of a question's
// relevant articles found among the first k hits, averaged over questions.
// MRR is the mean reciprocal rank of the first relevant hit within the
// first 10 hits (0 when none is there).
type Result struct {
	Split           string  `json:"split"`   // "train" or "private_test"
	Variant         string  `json:"variant"` // "accented" or "stripped"
	Questions       int     `json:"questions"`
	Recall1         float64 `json:"recall_at_1"`
	Recall5         float64 `json:"recall_at_5"`
	Recall10        float64 `json:"recall_at_10"`
	MRR             float64 `json:"mrr_at_10"`
	ArticleRecall1  float64 `json:"article_recall_at_1"`
	ArticleRecall5  float64 `json:"article_recall_at_5"`
	ArticleRecall10 float64 `json:"article_recall_at_10"`
}

// depth is how many hits are fetched per question.
const depth = 10

// cutoffs are the k of recall@k.
var cutoffs = [3]int{1, 5, 10}

// tally accumulates per-question figures into a Result.
type tally struct {
	n        int
	hit, art [3]float64 // per cutoff: questions answered, share of articles found
	rr       float64
}

// add scores one question: hits are the IDs returned, best first.
func (t *tally) add(hits, relevant []string) {
	rel := make(map[string]bool, len(relevant))
	for _, id := range relevant {
		rel[id] = true
	}
	first := 0
	for i, id := range hits {
		if !rel[id] {
			continue
		}
		if first == 0 {
			first = i + 1
			t.rr += 1 / float64(first)
		}
		for c, k := range cutoffs {
			if i < k {
				t.art[c] += 1 / float64(len(rel))
			}
		}
	}
	for c, k := range cutoffs {
		if first > 0 && first <= k {
			t.hit[c]++
		}
	}
	t.n++
}

func (t *tally) result(split, variant string) Result {
	n := float64(max(t.n, 1))
	return Result{
		Split: split, Variant: variant, Questions: t.n,
		Recall1: t.hit[0] / n, Recall5: t.hit[1] / n, Recall10: t.hit[2] / n,
		MRR:            t.rr / n,
		ArticleRecall1: t.art[0] / n, ArticleRecall5: t.art[1] / n, ArticleRecall10: t.art[2] / n,
	}
}
