package searchindex

import (
	"testing"

	"github.com/cong-vn/cong/internal/search"
)

// fixture is a small catalogue of procedures and streets, written for the
// tests (no shared data).
func fixture(t testing.TB) *Index {
	return openTest(t,
		doc("kh", "Thủ tục đăng ký kết hôn", "Hồ sơ đăng ký kết hôn gồm tờ khai và giấy tờ tùy thân của hai bên nam, nữ."),
		doc("ks", "Thủ tục đăng ký khai sinh", "Người đi đăng ký khai sinh nộp tờ khai và giấy chứng sinh."),
		doc("xd", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng."),
		doc("duong", "Sửa chữa đường Giải Phóng", "Phân luồng giao thông trên đường Giải Phóng trong thời gian thi công."),
		doc("duong2", "Công viên Thống Nhất", "Trồng thêm cây dương dọc lối đi của công viên."),
		doc("ct", "Đăng ký thường trú", "Công dân đăng ký thường trú tại Công an cấp xã theo Luật Cư trú."),
	)
}

func TestRanking(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		name, query, first string
	}{
		{"exact diacritics rank above folded", "đường", "duong"},
		{"the other word, typed exactly", "dương", "duong2"},
		{"diacritic-free query", "thu tuc dang ky ket hon", "kh"},
		{"typo in a syllable", "thu tuc dang ky ket hom", "kh"},
		{"typo in a long syllable", "giay phep xay dungg", "xd"},
		{"title beats body", "khai sinh", "ks"},
		{"mixed case and punctuation", "GIẤY PHÉP: xây-dựng?", "xd"},
		{"stray operators", `+thường ~trú -"`, "ct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, search.Query{Text: tt.query})
			if len(res.Hits) == 0 || res.Hits[0].ID != tt.first {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, ids(res), tt.first)
			}
		})
	}
}

func TestExactOutranksFoldedEvenWhenFoldedIsCommon(t *testing.T) {
	// Many documents with "dương" must not bury the one with "đường".
	docs := []search.Document{doc("d", "Đường Láng", "Tuyến đường Láng.")}
	for _, id := range []string{"a", "b", "c", "e", "f"} {
		docs = append(docs, doc(id, "Cây dương "+id, "Hàng cây dương, dương liễu, dương xỉ."))
	}
	ix := openTest(t, docs...)
	res := mustSearch(t, ix, search.Query{Text: "đường"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "d" {
		t.Errorf("Search(đường) = %v, want d first", ids(res))
	}
}

func TestTypoRanksBelowExact(t *testing.T) {
	ix := openTest(t,
		doc("exact", "Quy hoạch chung", "Điều chỉnh quy hoạch."),
		doc("typo", "Quy hoạnh chung", "Một văn bản viết sai."),
	)
	res := mustSearch(t, ix, search.Query{Text: "quy hoạch"})
	if got := ids(res); len(got) != 2 || got[0] != "exact" {
		t.Errorf("Search = %v, want exact first, then typo", got)
	}
}

func TestPhrase(t *testing.T) {
	ix := fixture(t)
	res := mustSearch(t, ix, search.Query{Text: `"kết hôn"`})
	if got := ids(res); len(got) != 1 || got[0] != "kh" {
		t.Errorf(`Search("kết hôn") = %v, want [kh]`, got)
	}
	res = mustSearch(t, ix, search.Query{Text: `"hôn kết"`})
	if res.Total != 0 {
		t.Errorf(`Search("hôn kết") = %v, want nothing (order matters)`, ids(res))
	}
}

func TestNumbersAreTokens(t *testing.T) {
	ix := openTest(t,
		search.Document{Kind: search.KindArticle, ID: "ct5", Title: "Luật Cư trú, Điều 5. Bảo đảm việc thực hiện quyền tự do cư trú", Body: "Nhà nước bảo đảm quyền tự do cư trú."},
		search.Document{Kind: search.KindArticle, ID: "ct6", Title: "Luật Cư trú, Điều 6. Hợp tác quốc tế về quản lý cư trú", Body: "Nhà nước mở rộng hợp tác quốc tế."},
		search.Document{Kind: search.KindArticle, ID: "hn5", Title: "Luật Hôn nhân và gia đình, Điều 5. Bảo vệ chế độ hôn nhân", Body: "Quan hệ hôn nhân được bảo vệ."},
	)
	res := mustSearch(t, ix, search.Query{Text: "Điều 5 luật cư trú"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "ct5" {
		t.Errorf("Search(Điều 5 luật cư trú) = %v, want ct5 first", ids(res))
	}
	res = mustSearch(t, ix, search.Query{Text: "dieu 6 luat cu tru"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "ct6" {
		t.Errorf("Search(dieu 6 luat cu tru) = %v, want ct6 first", ids(res))
	}
}

func TestClauseOfAnArticle(t *testing.T) {
	ix := openTest(t,
		search.Document{Kind: search.KindArticle, ID: "ct5", Title: "Luật Cư trú, Điều 5. Bảo đảm việc thực hiện quyền tự do cư trú", Body: "1. Nhà nước bảo đảm quyền tự do cư trú. 2. Không ai bị hạn chế quyền tự do cư trú trái pháp luật."},
		search.Document{Kind: search.KindArticle, ID: "ct9", Title: "Luật Cư trú, Điều 9. Trách nhiệm", Body: "Thực hiện theo khoản 2 Điều 5 và khoản 2 Điều 6 của Luật Cư trú; khoản 2 điều này áp dụng cho cư trú."},
	)
	for _, q := range []string{"khoản 2 Điều 5 Luật Cư trú", "khoan 2 dieu 5 luat cu tru", "điểm a khoản 2 điều 5"} {
		res := mustSearch(t, ix, search.Query{Text: q})
		if len(res.Hits) == 0 || res.Hits[0].ID != "ct5" {
			t.Errorf("Search(%q) = %v, want ct5 first", q, ids(res))
		}
	}
}

func TestOtherScriptsMatchThemselves(t *testing.T) {
	ix := openTest(t, doc("ko", "서울 안내", "쳝 한국어 안내"), doc("ru", "Справка", "Ёлка"))
	for q, want := range map[string]string{"쳝": "ko", "서울": "ko", "ёлка": "ru", "СПРАВКА": "ru"} {
		res := mustSearch(t, ix, search.Query{Text: q})
		if len(res.Hits) == 0 || res.Hits[0].ID != want {
			t.Errorf("Search(%q) = %v, want %s", q, ids(res), want)
		}
	}
}

// "hoà" and "hòa" (the tone on either vowel of a final oa, oe or uy) are
// one word typed two ways: either spelling matches the other exactly, so
// it ranks above a word that differs only in its diacritics ("họa").
func TestTonePlacementMatchesExactly(t *testing.T) {
	ix := openTest(t,
		doc("hoa", "Hòa giải ở cơ sở", "Tổ hòa giải ở thôn, tổ dân phố; thủy lợi."),
		doc("hoa2", "Họa sĩ và hội họa", "Triển lãm hội họa, họa sĩ trẻ; thuy tinh."),
	)
	for _, q := range []string{"hoà giải", "hòa giải", "thuỷ", "thủy"} {
		res := mustSearch(t, ix, search.Query{Text: q})
		if len(res.Hits) == 0 || res.Hits[0].ID != "hoa" {
			t.Errorf("Search(%q) = %v, want hoa first", q, ids(res))
		}
	}
	// Both spellings score alike.
	a := mustSearch(t, ix, search.Query{Text: "hoà"})
	b := mustSearch(t, ix, search.Query{Text: "hòa"})
	if len(a.Hits) == 0 || len(b.Hits) == 0 || a.Hits[0].Score != b.Hits[0].Score {
		t.Errorf("hoà %v and hòa %v score differently", a.Hits, b.Hits)
	}
}
