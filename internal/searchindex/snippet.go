package searchindex

import (
	"strings"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// Snippet geometry, in syllables.
const (
	snippetSyllables = 32    // length of a snippet
	snippetLead      = 6     // syllables of context before the first match
	snippetScanBytes = 32768 // only the start of a long body is scanned
	ellipsis         = "…"
)

// snippet cuts from body the window of syllables with the most distinct
// query words and marks them. Cuts fall between syllables, so every
// fragment is whole UTF-8 characters of the original text. variants are
// the typo variants the search looked for, each with the index+1 of the
// query word it stands for.
func snippet(body string, p plan, variants map[string]int) []search.Fragment {
	if body == "" {
		return nil
	}
	scan := body
	if len(scan) > snippetScanBytes {
		scan = scan[:snippetScanBytes] // Syllables ignores a cut character
	}
	syls := vntext.Syllables(scan)
	if len(syls) == 0 {
		return nil
	}
	marks := markSyllables(scan, syls, p, variants)
	start, end := bestWindow(syls, marks)
	return fragments(scan, syls, marks, start, end)
}

// markSyllables returns, for each syllable, the index of the query word it
// matches plus one, or 0. A word matches on its folded form, and so do its
// typo variants.
func markSyllables(text string, syls []vntext.Syllable, p plan, variants map[string]int) []int {
	marks := make([]int, len(syls))
	if len(p.words) == 0 {
		return marks
	}
	byFolded := make(map[string]int, len(p.words)+len(variants))
	for v, i := range variants {
		byFolded[v] = i
	}
	for i, wd := range p.words {
		byFolded[wd.folded] = i + 1
	}
	var buf []byte
	for i, s := range syls {
		buf = vntext.AppendFold(buf[:0], text[s.Start:s.End])
		if m, ok := byFolded[string(buf)]; ok { // no allocation: a map lookup by converted bytes
			marks[i] = m
		}
	}
	return marks
}

// bestWindow returns the syllable range [start, end) of at most
// snippetSyllables syllables with the most distinct marked words (the
// earliest on a tie), starting a little before its first match, at a
// clause start when one is near.
func bestWindow(syls []vntext.Syllable, marks []int) (start, end int) {
	n := min(snippetSyllables, len(syls))
	counts := map[int]int{}
	best, bestStart := 0, -1
	for i := range syls {
		if marks[i] > 0 {
			counts[marks[i]]++
		}
		if i >= n && marks[i-n] > 0 {
			if counts[marks[i-n]]--; counts[marks[i-n]] == 0 {
				delete(counts, marks[i-n])
			}
		}
		if len(counts) > best {
			best, bestStart = len(counts), max(0, i-n+1)
		}
	}
	if bestStart < 0 { // no match: the start of the text
		return 0, n
	}
	first := bestStart
	for marks[first] == 0 {
		first++
	}
	start = max(0, first-snippetLead)
	for j := first; j > start; j-- {
		if syls[j].Break {
			start = j
			break
		}
	}
	return start, min(start+n, len(syls))
}

// fragments renders syllables [start, end) of text, marked words as marked
// fragments (adjacent marked words separated by spaces only are merged).
func fragments(text string, syls []vntext.Syllable, marks []int, start, end int) []search.Fragment {
	var out []search.Fragment
	var plain strings.Builder
	if start > 0 {
		plain.WriteString(ellipsis + " ")
	}
	pos := syls[start].Start
	for i := start; i < end; i++ {
		s := syls[i]
		if marks[i] == 0 {
			continue
		}
		gap := text[pos:s.Start]
		if n := len(out); n > 0 && out[n-1].Mark && plain.Len() == 0 && strings.TrimSpace(gap) == "" {
			out[n-1].Text += gap + text[s.Start:s.End]
		} else {
			plain.WriteString(gap)
			out = flushPlain(out, &plain)
			out = append(out, search.Fragment{Text: text[s.Start:s.End], Mark: true})
		}
		pos = s.End
	}
	plain.WriteString(text[pos:syls[end-1].End])
	if end < len(syls) {
		plain.WriteString(" " + ellipsis)
	}
	return flushPlain(out, &plain)
}

func flushPlain(out []search.Fragment, b *strings.Builder) []search.Fragment {
	if b.Len() > 0 {
		out = append(out, search.Fragment{Text: b.String()})
		b.Reset()
	}
	return out
}
