package searchindex

import (
	"reflect"
	"testing"
)

// terms analyzes text with the named analyzer of the index mapping.
func terms(t *testing.T, analyzer, text string) []string {
	t.Helper()
	m, err := buildMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(analyzer)
	if a == nil {
		t.Fatalf("no analyzer %s", analyzer)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestAnalyzers(t *testing.T) {
	tests := []struct {
		name, analyzer, text string
		want                 []string
	}{
		{"exact keeps diacritics", analyzerExact, "Thủ tục ĐĂNG KÝ", []string{"thủ", "tục", "đăng", "ký"}},
		{"folded removes them, đ→d", analyzerFolded, "Đường Điện Biên Phủ", []string{"duong", "dien", "bien", "phu"}},
		{"decomposed input is composed", analyzerExact, "Ba\u0300 \u0110i\u0300nh", []string{"bà", "đình"}},
		{"decomposed input folds", analyzerFolded, "Ba\u0300 \u0110i\u0300nh", []string{"ba", "dinh"}},
		{"numbers are syllables", analyzerFolded, "Điều 5, khoản 2", []string{"dieu", "5", "khoan", "2"}},
		{"operators separate", analyzerFolded, "a+b:c~d", []string{"a", "b", "c", "d"}},
		{"bigrams of adjacent syllables", analyzerBigram, "Đăng ký kết hôn", []string{"dang ky", "ky ket", "ket hon"}},
		{"no bigram across a clause break", analyzerBigram, "cư trú. Công dân", []string{"cu tru", "cong dan"}},
		{"edge n-grams for autocomplete", analyzerEdge, "Hôn", []string{"h", "ho", "hon"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(t, tt.analyzer, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s(%q) = %q, want %q", tt.analyzer, tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenOffsetsPointIntoOriginal(t *testing.T) {
	m, _ := buildMapping()
	text := "Giấy phép xây dựng"
	for _, tok := range m.AnalyzerNamed(analyzerFolded).Analyze([]byte(text)) {
		orig := text[tok.Start:tok.End]
		if got := string(terms(t, analyzerFolded, orig)[0]); got != string(tok.Term) {
			t.Errorf("token %q at [%d:%d] is %q in the original", tok.Term, tok.Start, tok.End, orig)
		}
	}
}
