package searchindex

import (
	"strings"
	"unicode/utf8"
)

// Legal numbering. A citizen looking for "khoản 2 Điều 5 Luật Cư trú"
// wants article 5 of that law: the article is what the index holds (its
// title reads "Điều 5. …"), its clauses and points are not documents. So
// when a query names an article, the clause and point it also names
// ("khoản 2", "điểm a") are dropped: in other documents' bodies they are
// only cross-references ("theo khoản 2 Điều 6") and would pull those up;
// so are the chapter and section ("Chương II"), which no article's text
// repeats.
// A numbering reference also ends a word: no bigram joins it to what
// follows ("5 luật" is nothing a document says).

// numberingWords are the folded words that introduce a number in legal
// text: article, clause, point, chapter, section.
var numberingWords = map[string]bool{"dieu": true, "khoan": true, "diem": true, "chuong": true, "muc": true}

// numberingAt reports whether ws[i] starts a numbering reference: a
// numbering word followed by a number ("5", "12a"), for a point by a
// letter ("a", "đ"), for a chapter or section by a roman numeral ("II").
func numberingAt(ws []word, i int) bool {
	if i+1 >= len(ws) || !numberingWords[ws[i].folded] || ws[i+1].brk {
		return false
	}
	n := ws[i+1].folded
	switch {
	case n[0] >= '0' && n[0] <= '9':
		return true
	case ws[i].folded == "diem":
		return utf8.RuneCountInString(n) == 1
	case ws[i].folded == "chuong" || ws[i].folded == "muc":
		return strings.Trim(n, "ivxlc") == ""
	}
	return false
}

// dropClauseNumbers applies the rules above to ws: when an article is
// named, the clause and point references go; every reference ends a word.
func dropClauseNumbers(ws []word) []word {
	article := false
	for i := range ws {
		if ws[i].folded == "dieu" && numberingAt(ws, i) {
			article = true
		}
	}
	out := make([]word, 0, len(ws))
	brk := false
	for i := 0; i < len(ws); i++ {
		if !numberingAt(ws, i) {
			w := ws[i]
			w.brk = w.brk || brk
			out = append(out, w)
			brk = false
			continue
		}
		if article && ws[i].folded != "dieu" {
			i++ // the number too
			brk = true
			continue
		}
		w := ws[i]
		w.brk = w.brk || brk
		out = append(out, w, ws[i+1])
		i++
		brk = true
	}
	return out
}
