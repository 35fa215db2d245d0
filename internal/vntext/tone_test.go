package vntext

import "testing"

func TestCanonicalTones(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"hoà", "hòa"}, {"hòa", "hòa"}, {"thoả thuận", "thỏa thuận"}, {"khoẻ", "khỏe"}, {"thuỷ lợi", "thủy lợi"},
		{"hoà bình, thuỵ điển", "hòa bình, thụy điển"}, {"uỷ ban", "ủy ban"}, {"Uỷ", "Uỷ"}, // upper case is left to the caller
		{"quý", "quý"}, {"quỳnh", "quỳnh"}, {"hoàn", "hoàn"}, {"khuyến", "khuyến"}, {"toán", "toán"},
		{"hoạch", "hoạch"}, {"ngoài", "ngoài"}, {"xoá", "xóa"}, {"loè", "lòe"}, {"tuỳ", "tùy"},
		{"", ""}, {"abc", "abc"}, {"o", "o"}, {"u", "u"}, {"oà.", "òa."}, {"thuỷ2", "thủy2"},
	} {
		if got := CanonicalTones(c.in); got != c.want {
			t.Errorf("CanonicalTones(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Folding ignores tone placement already: both spellings fold alike.
func TestCanonicalTonesFoldAlike(t *testing.T) {
	for _, w := range []string{"hoà", "thoả", "thuỷ", "khoẻ"} {
		if Fold(w) != Fold(CanonicalTones(w)) {
			t.Errorf("%q and %q fold differently", w, CanonicalTones(w))
		}
	}
}
