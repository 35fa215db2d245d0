package searchindex

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		text     string
		folded   []string
		phrases  [][]string
		accented bool
	}{
		{"thủ tục", []string{"thu", "tuc"}, nil, true},
		{"thu tuc", []string{"thu", "tuc"}, nil, false},
		{`"kết hôn" tại phường`, []string{"ket", "hon", "tai", "phuong"}, [][]string{{"ket", "hon"}}, true},
		{`“giấy phép” xây dựng`, []string{"giay", "phep", "xay", "dung"}, [][]string{{"giay", "phep"}}, true},
		{`a "b c`, []string{"a", "b", "c"}, nil, false}, // unpaired quote ignored
		{`""`, nil, nil, false},
		{`+a -b c:d e~ f^2 g* h? \i (j) {k} [l]`, split("a b c d e f 2 g h i j k l"), nil, false},
		{"Điều 5", []string{"dieu", "5"}, nil, true},
		{"\xff\xfeđ\xc3", []string{"d"}, nil, true},
	}
	for _, tt := range tests {
		pq, err := parseQuery(tt.text)
		if err != nil {
			t.Fatalf("parseQuery(%q): %v", tt.text, err)
		}
		var folded []string
		for _, w := range pq.words {
			folded = append(folded, w.folded)
		}
		var phrases [][]string
		for _, ph := range makePlan(pq).phrases {
			phrases = append(phrases, ph)
		}
		if !reflect.DeepEqual(folded, tt.folded) || !reflect.DeepEqual(phrases, tt.phrases) || pq.accented != tt.accented {
			t.Errorf("parseQuery(%q) = %q %q accented=%v; want %q %q %v",
				tt.text, folded, phrases, pq.accented, tt.folded, tt.phrases, tt.accented)
		}
	}
}

func TestPlanDropsQuestionWordsAndStopSyllables(t *testing.T) {
	pq, _ := parseQuery("Thủ tục đăng ký kết hôn của công dân là gì, đúng hay sai?")
	p := makePlan(pq)
	var got []string
	for _, w := range p.words {
		got = append(got, w.exact)
	}
	want := []string{"thủ", "tục", "đăng", "ký", "kết", "hôn", "công", "dân"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
	for _, b := range p.bigrams {
		if strings.Contains(b, "sai") || b == "la gi" {
			t.Errorf("bigram %q of a question phrase kept", b)
		}
	}
	pq, _ = parseQuery("của")
	if p := makePlan(pq); len(p.words) != 1 {
		t.Errorf("a query of stop syllables only searches nothing: %+v", p)
	}
}

func TestParseQueryLengthCap(t *testing.T) {
	_, err := parseQuery(strings.Repeat("a", search.MaxQueryRunes+1))
	if !errs.Is(err, errs.Invalid) {
		t.Errorf("over-long query: %v", err)
	}
}

// fuzzIndex is shared by the fuzz inputs: opening an index per input would
// make fuzzing crawl.
var fuzzIndex *Index

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"thủ tục", `"kết hôn"`, `+a -b:c~1 ^2 * ? \ ( ) { } [ ]`, `"`, `“”`, "Điều 5", "\xff", "của",
		strings.Repeat("ư", search.MaxQueryRunes), "ket hom", "a\u0300\u0301", `"a" "b`,
	} {
		f.Add(s)
	}
	if fuzzIndex == nil {
		ix, err := Open(f.TempDir())
		if err != nil {
			f.Fatal(err)
		}
		ix.Upsert(context.Background(), fixtureDocs()...)
		fuzzIndex = ix
	}
	f.Fuzz(func(t *testing.T, text string) {
		tooLong := utf8.RuneCountInString(text) > search.MaxQueryRunes
		pq, err := parseQuery(text)
		if (err != nil) != tooLong {
			t.Fatalf("parseQuery(%q) error = %v; too long: %v", text, err, tooLong)
		}
		for _, w := range pq.words {
			if !utf8.ValidString(w.exact) || !utf8.ValidString(w.folded) || w.folded == "" {
				t.Fatalf("parseQuery(%q): bad word %+v", text, w)
			}
		}
		res, err := fuzzIndex.Search(context.Background(), search.Query{Text: text})
		if (err != nil) != tooLong {
			t.Fatalf("Search(%q) error = %v; too long: %v", text, err, tooLong)
		}
		if err == nil && !utf8.ValidString(res.DidYouMean) {
			t.Fatalf("Search(%q): DidYouMean %q", text, res.DidYouMean)
		}
		if _, err := fuzzIndex.Suggest(context.Background(), text, 5); (err != nil) != tooLong {
			t.Fatalf("Suggest(%q) error = %v", text, err)
		}
	})
}

func TestPlanLegalNumbering(t *testing.T) {
	tests := []struct {
		text    string
		words   string // folded, space-separated
		bigrams []string
	}{
		{"khoản 2 Điều 5 Luật Cư trú", "dieu 5 luat cu tru", []string{"dieu 5", "luat cu", "cu tru"}},
		{"điểm a khoản 1 điều 12 luật đất đai", "dieu 12 luat dat dai", []string{"dieu 12", "luat dat", "dat dai"}},
		{"khoản 3 về thời hạn", "khoan 3 thoi han", []string{"khoan 3", "ve thoi", "thoi han"}}, // no article: the clause stays
		{"điều kiện kết hôn", "dieu kien ket hon", []string{"dieu kien", "kien ket", "ket hon"}},
		{"Chương II Điều 7", "dieu 7", []string{"dieu 7"}},
		{"chương II quy định chung", "chuong ii quy dinh chung", []string{"chuong ii", "quy dinh", "dinh chung"}},
	}
	for _, tt := range tests {
		pq, _ := parseQuery(tt.text)
		p := makePlan(pq)
		var ws []string
		for _, w := range p.words {
			ws = append(ws, w.folded)
		}
		if got := strings.Join(ws, " "); got != tt.words || !reflect.DeepEqual(p.bigrams, tt.bigrams) {
			t.Errorf("makePlan(%q) = %q %q, want %q %q", tt.text, got, p.bigrams, tt.words, tt.bigrams)
		}
	}
}
