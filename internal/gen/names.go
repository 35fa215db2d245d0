package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Vietnamese name parts: place names are two syllables, people have a
// family name, a middle name and a given name.
var (
	placeSyllables = []string{"An", "Bình", "Hòa", "Tân", "Phú", "Thạnh", "Long", "Minh", "Hưng", "Đông",
		"Tây", "Nam", "Bắc", "Trung", "Thượng", "Phúc", "Lộc", "Thọ", "Xuân", "Hà", "Sơn", "Thủy", "Lâm",
		"Quang", "Đức", "Thành", "Thịnh", "Vĩnh", "Yên", "Khánh", "Hải", "Mỹ", "Lạc", "Việt", "Hồng", "Kim",
		"Ngọc", "Văn", "Đại", "Cát", "Tiến", "Thuận", "Nghĩa", "Hiệp", "Quý", "Trường", "Lương", "Định"}
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
		"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ"}
	middleNames = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Thanh", "Ngọc", "Quốc", "Hồng", "Xuân", "Kim"}
	givenNames  = []string{"Anh", "Bảo", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
		"Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn",
		"Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến"}
	streets = []string{"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung",
		"Hùng Vương", "Phan Chu Trinh", "Điện Biên Phủ", "Nguyễn Du", "Lê Duẩn", "Hoàng Diệu"}
)

// fold removes Vietnamese diacritics for English names, codes and e-mail
// addresses.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return b.String()
}

var foldTable = map[string]string{
	"a": "àáảãạăằắẳẵặâầấẩẫậ", "e": "èéẻẽẹêềếểễệ", "i": "ìíỉĩị", "o": "òóỏõọôồốổỗộơờớởỡợ",
	"u": "ùúủũụưừứửữự", "y": "ỳýỷỹỵ", "d": "đ",
	"A": "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "E": "ÈÉẺẼẸÊỀẾỂỄỆ", "I": "ÌÍỈĨỊ", "O": "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	"U": "ÙÚỦŨỤƯỪỨỬỮỰ", "Y": "ỲÝỶỸỴ", "D": "Đ",
}

var foldMap = func() map[rune]string {
	m := map[rune]string{}
	for plain, accented := range foldTable {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()

func foldRune(r rune) string {
	if p, ok := foldMap[r]; ok {
		return p
	}
	return string(r)
}

// placeName returns a two-syllable place name such as "Tân Bình".
func placeName(r *rand.Rand) string {
	a := pick(r, placeSyllables)
	b := pick(r, placeSyllables)
	for b == a {
		b = pick(r, placeSyllables)
	}
	return a + " " + b
}

// personName returns a full Vietnamese name such as "Nguyễn Thị Lan".
func personName(r *rand.Rand) string {
	return pick(r, familyNames) + " " + pick(r, middleNames) + " " + pick(r, givenNames)
}

func phone(r *rand.Rand) string {
	return fmt.Sprintf("024 %04d %04d", 3000+r.IntN(7000), r.IntN(10000))
}

func address(r *rand.Rand, place string) string {
	return fmt.Sprintf("Số %d đường %s, %s", 1+r.IntN(300), pick(r, streets), place)
}
