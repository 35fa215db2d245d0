package searchindex

import "unicode/utf8"

// plan is what a query searches for, derived from the parsed text: the
// syllables that carry meaning, the bigrams of adjacent syllables and the
// quoted phrases.
type plan struct {
	words    []word     // content syllables, without duplicates
	wordQTF  []int      // how many times each of words occurs in the query
	bigQTF   []int      // how many times each of bigrams occurs in the query
	bigrams  []string   // folded "a b" pairs of adjacent syllables, without duplicates
	phrases  [][]string // folded syllables of each quoted phrase
	accented bool       // exact forms count (the text has diacritics)
}

// empty reports whether the plan searches for nothing (an empty or
// punctuation-only text): then every document matches.
func (p plan) empty() bool { return len(p.words) == 0 && len(p.phrases) == 0 }

// makePlan removes question phrases (unless nothing else is left) and the
// clause numbers of a named article (see dropClauseNumbers), then stop
// syllables (likewise), pairs adjacent syllables into bigrams, and counts
// how often each word and bigram occurs.
func makePlan(pq parsedQuery) plan {
	p := plan{accented: pq.accented}
	ws := dropQuestionPhrases(pq.words)
	if len(ws) == 0 {
		ws = pq.words
	}
	ws = dropClauseNumbers(ws)
	p.addBigrams(ws)
	p.addWords(ws, true)
	if len(p.words) == 0 { // only stop syllables: search for them after all
		p.addWords(ws, false)
	}
	for _, ph := range pq.phrases {
		fs := make([]string, len(ph))
		for i, w := range ph {
			fs[i] = w.folded
		}
		p.phrases = append(p.phrases, fs)
	}
	return p
}

// addWords adds the distinct words of ws, stop syllables excepted when
// skipStop, with their counts.
func (p *plan) addWords(ws []word, skipStop bool) {
	seen := map[string]int{}
	for _, w := range ws {
		key := w.folded
		if p.accented {
			key = w.exact
		}
		if j, ok := seen[key]; ok {
			p.wordQTF[j]++
		} else if !skipStop || !isStop(w, p.accented) {
			seen[key] = len(p.words)
			p.words = append(p.words, w)
			p.wordQTF = append(p.wordQTF, 1)
		}
	}
}

// addBigrams adds the distinct bigrams of adjacent words of ws (not across
// a clause break), with their counts.
func (p *plan) addBigrams(ws []word) {
	seen := map[string]int{}
	for i := 1; i < len(ws); i++ {
		if ws[i].brk {
			continue
		}
		b := ws[i-1].folded + bigramSep + ws[i].folded
		if j, ok := seen[b]; ok {
			p.bigQTF[j]++
		} else {
			seen[b] = len(p.bigrams)
			p.bigrams = append(p.bigrams, b)
			p.bigQTF = append(p.bigQTF, 1)
		}
	}
}

// dropQuestionPhrases removes every occurrence of a question phrase; the
// word after a removed phrase starts a new clause.
func dropQuestionPhrases(ws []word) []word {
	out := make([]word, 0, len(ws))
	brk := false
	for i := 0; i < len(ws); {
		if n := questionPhraseAt(ws[i:]); n > 0 {
			i += n
			brk = true
			continue
		}
		w := ws[i]
		w.brk = w.brk || brk
		out = append(out, w)
		brk = false
		i++
	}
	return out
}

// questionPhraseAt returns the length of the question phrase that ws starts
// with, or 0.
func questionPhraseAt(ws []word) int {
	for _, ph := range questionPhrases {
		if len(ph) > len(ws) {
			continue
		}
		match := true
		for j, s := range ph {
			if ws[j].folded != s {
				match = false
				break
			}
		}
		if match {
			return len(ph)
		}
	}
	return 0
}

// fuzzyEligible reports whether a syllable is long enough for one-edit
// typo matching: short syllables have too many neighbours.
func fuzzyEligible(folded string, minRunes int) bool {
	return utf8.RuneCountInString(folded) >= minRunes
}
