package searchindex

import (
	"strings"

	"github.com/cong-vn/cong/internal/vntext"
)

// stopSyllables are syllables so common in questions and in legal and
// administrative text that they say nothing about what is sought. They are
// dropped from the syllable clauses of a query (not from its bigrams)
// unless the query has nothing else. Exact forms: "cơ" (as in "cơ quan")
// is not "có".
var stopSyllables = setOf(
	"của", "là", "và", "có", "được", "không", "thì", "các", "những", "cho",
	"với", "trong", "theo", "này", "đó", "khi", "để", "một", "hay", "hoặc",
	"bị", "đã", "sẽ", "đang", "nào", "gì", "nếu", "mà", "ra", "vào", "từ",
	"tại", "về", "như", "thế", "phải", "cũng", "rằng", "do", "bởi", "nhưng",
	"vẫn", "chỉ", "đều", "rồi", "lại", "nữa", "ai", "đâu", "sao", "vậy",
)

// stopFolded are the folded forms of stopSyllables, for queries typed
// without diacritics, where "co" may be "có" or "cơ" alike.
var stopFolded = foldSet(stopSyllables)

// questionPhrases are the folded forms of the phrases that make a sentence a
// question ("đúng hay sai", "như thế nào", and the instructions of a quiz
// question: "chọn câu trả lời đúng nhất", "nào sau đây"); they are removed
// from a query entirely, bigrams included, because no document contains
// what they ask. Longer phrases come before the phrases they contain.
var questionPhrases = [][]string{
	split("chon cau tra loi dung nhat"), split("chon cau tra loi dung"), split("cau tra loi dung nhat"),
	split("chon dap an dung nhat"), split("chon dap an dung"), split("dap an dung nhat"),
	split("nao sau day"), split("nao duoi day"), split("sau day"), split("duoi day"),
	split("dung hay sai"), split("dung hay khong"), split("co dung khong"),
	split("nhu the nao"), split("the nao"), split("la gi"), split("bao nhieu"),
	split("bao lau"), split("co phai"), split("hay khong"), split("duoc khong"),
	split("phai khong"), split("o dau"), split("khi nao"), split("tai sao"), split("vi sao"),
}

func split(s string) []string { return strings.Fields(s) }

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func foldSet(set map[string]bool) map[string]bool {
	m := make(map[string]bool, len(set))
	for w := range set {
		m[vntext.Fold(w)] = true
	}
	return m
}

// isStop reports whether w is a stop syllable, on its exact form when the
// query has diacritics and on its folded form when it has none.
func isStop(w word, accented bool) bool {
	if accented {
		return stopSyllables[w.exact]
	}
	return stopFolded[w.folded]
}
