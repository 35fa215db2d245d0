package searchindex

import (
	"testing"

	"github.com/cong-vn/cong/internal/search"
)

func TestSuggest(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		prefix string
		want   []string // titles, best first; nil for none
	}{
		{"thủ tục đăng ký k", []string{"Thủ tục đăng ký kết hôn", "Thủ tục đăng ký khai sinh"}},
		{"thu tuc dang ky ke", []string{"Thủ tục đăng ký kết hôn"}},
		{"giấy p", []string{"Cấp giấy phép xây dựng nhà ở riêng lẻ"}},
		{"đường gi", []string{"Sửa chữa đường Giải Phóng"}},
		{"kết hôn ", []string{"Thủ tục đăng ký kết hôn"}},
		{"hôn kết", []string{"Thủ tục đăng ký kết hôn"}}, // any order
		{"zzz", nil},
		{"   ", nil},
		{`+:~"`, nil},
	}
	for _, tt := range tests {
		got, err := ix.Suggest(ctx, tt.prefix, 5)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", tt.prefix, err)
		}
		if len(got) != len(tt.want) {
			t.Errorf("Suggest(%q) = %v, want %v", tt.prefix, got, tt.want)
			continue
		}
		for i, s := range got {
			if s.Title != tt.want[i] || s.URL == "" || s.Kind != search.KindProcedure {
				t.Errorf("Suggest(%q)[%d] = %+v, want %q", tt.prefix, i, s, tt.want[i])
			}
		}
	}
}

func TestSuggestLimit(t *testing.T) {
	ix := openTest(t, catalogue()...)
	got, err := ix.Suggest(ctx, "thủ t", 3)
	if err != nil || len(got) != 3 {
		t.Errorf("Suggest = %v, %v; want 3 suggestions", got, err)
	}
}

func TestDidYouMean(t *testing.T) {
	ix := fixture(t)
	tests := []struct{ query, want string }{
		{"giấy phép xây dưnggg", "giấy phép xây dựng"}, // two edits: a word of six letters
		{"kêt hônn", "kết hôn"},                        // a known word with wrong marks gets the indexed ones
		{"thu tuc dang kyy ket honn", "thủ tục đăng ký kết hôn"},
		{"đường giải phongg", "đường giải phóng"},
		{"Điều 5 luật cư trúu", "điều 5 luật cư trú"},
		{"qwxz", ""},
	}
	for _, tt := range tests {
		res := mustSearch(t, ix, search.Query{Text: tt.query, Kinds: []string{"none"}})
		if res.DidYouMean != tt.want {
			t.Errorf("Search(%q).DidYouMean = %q, want %q", tt.query, res.DidYouMean, tt.want)
		}
	}
}

func TestDidYouMeanPicksTheCommonestAccentedForm(t *testing.T) {
	ix := openTest(t,
		doc("a", "Két sắt", "Mua két sắt."),
		doc("b", "Kết hôn", "Đăng ký kết hôn."),
		doc("c", "Kết luận thanh tra", "Kết luận."),
	)
	for q, want := range map[string]string{
		"kett honn":   "kết hôn", // "kết" (2 documents) before "két" (1)
		"két sắtt":    "két sắt", // typed accented forms the index has are kept
		"ket luan tt": "",        // nothing to correct: "tt" is too short
	} {
		res := mustSearch(t, ix, search.Query{Text: q, Kinds: []string{"none"}})
		if res.DidYouMean != want {
			t.Errorf("Search(%q).DidYouMean = %q, want %q", q, res.DidYouMean, want)
		}
	}
}
