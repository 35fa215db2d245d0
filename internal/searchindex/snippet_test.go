package searchindex

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// longBody is a body of several hundred syllables with the match far in.
var longBody = strings.Repeat("Ủy ban nhân dân phường tiếp nhận hồ sơ của công dân. ", 30) +
	"Thời hạn giải quyết thủ tục đăng ký kết hôn là ngay trong ngày. " +
	strings.Repeat("Trường hợp cần xác minh thì thời hạn được kéo dài. ", 30)

func TestSnippetMarksMatchesOnOriginalText(t *testing.T) {
	ix := openTest(t, doc("kh", "Đăng ký kết hôn", longBody))
	for _, q := range []string{"kết hôn", "ket hon", "KẾT HÔN", "ket hom thoi hann"} {
		res := mustSearch(t, ix, search.Query{Text: q})
		if len(res.Hits) != 1 {
			t.Fatalf("Search(%q) = %v", q, ids(res))
		}
		frags := res.Hits[0].Snippet
		checkFragments(t, frags, longBody)
		var marked []string
		for _, f := range frags {
			if f.Mark {
				marked = append(marked, f.Text)
			}
		}
		if !containsFold(marked, "kết hôn") && !containsFold(marked, "kết") {
			t.Errorf("Search(%q): marked %q, want kết hôn", q, marked)
		}
	}
}

// checkFragments checks that every fragment is valid UTF-8, that marked
// fragments are text of the body, and that the snippet is short.
func checkFragments(t *testing.T, frags []search.Fragment, body string) {
	t.Helper()
	total := 0
	for _, f := range frags {
		if !utf8.ValidString(f.Text) {
			t.Errorf("fragment %q is not valid UTF-8", f.Text)
		}
		if f.Mark && !strings.Contains(body, f.Text) {
			t.Errorf("marked fragment %q is not in the body", f.Text)
		}
		total += utf8.RuneCountInString(f.Text)
	}
	if total == 0 || total > 400 {
		t.Errorf("snippet of %d runes", total)
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if vntext.Fold(x) == vntext.Fold(s) {
			return true
		}
	}
	return false
}

func TestSnippetNeverCutsUTF8(t *testing.T) {
	// Every syllable is multi-byte; cuts may only fall between syllables.
	body := strings.Repeat("ưỡng ượng ỷ đồ ộc ", 200) + "đích đến " + strings.Repeat("ữ ỡ ễ ", 200)
	ix := openTest(t, doc("u", "Thử", body+"\xff\xfe invalid bytes"))
	for _, q := range []string{"đích", "dich den", "ữ", "ưỡng", "zzz thử"} {
		res := mustSearch(t, ix, search.Query{Text: q})
		for _, h := range res.Hits {
			for _, f := range h.Snippet {
				if !utf8.ValidString(f.Text) {
					t.Errorf("Search(%q): fragment %q is not valid UTF-8", q, f.Text)
				}
			}
		}
	}
}

func TestSnippetWithoutMatchIsTheStart(t *testing.T) {
	frags := snippet("Một hai ba bốn.", plan{}, nil)
	if len(frags) != 1 || frags[0].Mark || frags[0].Text != "Một hai ba bốn" {
		t.Errorf("snippet = %+v", frags)
	}
	if snippet("", plan{}, nil) != nil {
		t.Error("snippet of an empty body is not nil")
	}
}

func TestAdjacentMarksMerge(t *testing.T) {
	pq, _ := parseQuery("đăng ký")
	frags := snippet("Hồ sơ đăng ký kết hôn.", makePlan(pq), nil)
	want := []search.Fragment{{Text: "Hồ sơ "}, {Text: "đăng ký", Mark: true}, {Text: " kết hôn"}}
	if len(frags) != len(want) {
		t.Fatalf("fragments = %+v", frags)
	}
	for i := range want {
		if frags[i] != want[i] {
			t.Errorf("fragment %d = %+v, want %+v", i, frags[i], want[i])
		}
	}
}
