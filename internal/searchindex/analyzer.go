package searchindex

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/cong-vn/cong/internal/vntext"
)

// Names under which the Vietnamese analysis components are registered with
// Bleve. They are stored in every index's mapping, so renaming one makes old
// indexes unreadable: a rename needs a reindex.
const (
	tokenizerSyllable = "cong_vi_syllable"
	filterNormalize   = "cong_vi_normalize" // NFC, lower case
	filterFold        = "cong_vi_fold"      // diacritics removed, đ→d
	filterBigram      = "cong_vi_bigram"    // two adjacent syllables joined
	filterEdge        = "cong_vi_edge"      // prefixes of a syllable (autocomplete)

	analyzerExact  = "cong_vi_exact"
	analyzerFolded = "cong_vi_folded"
	analyzerBigram = "cong_vi_bigram_folded"
	analyzerEdge   = "cong_vi_edge_folded"
)

// bigramSep joins the two syllables of a bigram term ("ket hon").
const bigramSep = " "

func init() {
	must(registry.RegisterTokenizer(tokenizerSyllable, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return syllableTokenizer{}, nil
	}))
	must(registry.RegisterTokenFilter(filterNormalize, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return normalizeFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(filterFold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(filterBigram, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return ngramFilter{2}, nil
	}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// syllableTokenizer splits text into syllables (vntext.Syllables). Token
// offsets point into the original text, which is what snippets are cut
// from. A clause break leaves a gap of one position, so that neither
// bigrams nor phrases span it.
type syllableTokenizer struct{}

func (syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	syls := vntext.Syllables(string(input))
	out := make(analysis.TokenStream, len(syls))
	toks := make([]analysis.Token, len(syls))
	pos := 0
	for i, s := range syls {
		pos++
		if s.Break {
			pos++
		}
		toks[i] = analysis.Token{
			Start: s.Start, End: s.End, Term: input[s.Start:s.End:s.End],
			Position: pos, Type: analysis.AlphaNumeric,
		}
		out[i] = &toks[i]
	}
	return out
}

// normalizeFilter puts every term in NFC and lower case, the "exact" form
// that keeps diacritics.
type normalizeFilter struct{}

func (normalizeFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = exactTerm(t.Term)
	}
	return in
}

// exactTerm returns b in NFC and lower case, with a final oa, oe or uy's
// tone placed one way (vntext.CanonicalTones: "hoà" and "hòa" are one
// word). ASCII input takes a fast path.
func exactTerm(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		out := make([]byte, len(b))
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out[i] = c
		}
		return out
	}
	return []byte(vntext.CanonicalTones(vntext.Normalize(string(b))))
}

// foldFilter removes diacritics and maps đ to d: "Đường" → "duong".
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = vntext.AppendFold(make([]byte, 0, len(t.Term)), string(t.Term))
	}
	return in
}

// ngramFilter replaces the stream by the n-grams of adjacent syllables
// (bigrams of "đăng ký kết hôn": "dang ky", "ky ket", "ket hon"), so that
// a multi-syllable word or phrase matches as a unit. Syllables separated by
// a position gap (a clause break) do not join. An n-gram keeps the offsets
// of its syllables and the position of the first.
type ngramFilter struct{ n int }

func (f ngramFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	if len(in) < f.n {
		return in[:0]
	}
	out := make(analysis.TokenStream, 0, len(in)-f.n+1)
	toks := make([]analysis.Token, 0, len(in)-f.n+1)
	for i := f.n - 1; i < len(in); i++ {
		first := in[i-f.n+1]
		if in[i].Position != first.Position+f.n-1 {
			continue // a gap inside
		}
		toks = append(toks, analysis.Token{
			Start: first.Start, End: in[i].End, Term: joinTerms(in[i-f.n+1 : i+1]),
			Position: first.Position, Type: analysis.Shingle,
		})
		out = append(out, &toks[len(toks)-1])
	}
	return out
}

// joinTerms joins the terms of ts with bigramSep.
func joinTerms(ts analysis.TokenStream) []byte {
	n := len(ts) - 1
	for _, t := range ts {
		n += len(t.Term)
	}
	b := make([]byte, 0, n)
	for i, t := range ts {
		if i > 0 {
			b = append(b, bigramSep...)
		}
		b = append(b, t.Term...)
	}
	return b
}
