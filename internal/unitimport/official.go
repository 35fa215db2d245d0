package unitimport

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/cong-vn/cong/internal/vntext"
)

// The files of the official lists inside the dvhcvn directory.
const (
	CommuneList  = "1027_CTK-CSCL.md" // Annex I of letter 1027/CTK-CSCL: every commune-level unit
	ProvinceList = "915_CTK-CSCL.csv" // letter 915/CTK-CSCL: the 34 provinces
)

// ProblemKind classifies a difference from the official lists.
type ProblemKind string

// The kinds of problem.
const (
	Unreadable    ProblemKind = "unreadable"     // an official file cannot be read
	UnknownCode   ProblemKind = "unknown_code"   // the code is not in the official list
	Missing       ProblemKind = "missing"        // an official unit of the province is not in the records
	WrongProvince ProblemKind = "wrong_province" // the official list puts the code in another province
	NameDiffers   ProblemKind = "name_differs"   // the names differ
	ToneMarks     ProblemKind = "tone_marks"     // the names differ only in where tone marks sit (Hoà/Hòa)
)

// Problem is one difference between the records and the official lists.
type Problem struct {
	Kind ProblemKind
	Code string
	Got  string // the records' name, or the file for Unreadable
	Want string // the official name, or the error for Unreadable
}

// Minor reports whether p is a difference of spelling convention only:
// both the old (hoà, thuỷ) and the new (hòa, thủy) placements of tone
// marks are in official use.
func (p Problem) Minor() bool { return p.Kind == ToneMarks }

// String describes p on one line.
func (p Problem) String() string {
	switch p.Kind {
	case Unreadable:
		return fmt.Sprintf("%s: %s: %s", p.Kind, p.Got, p.Want)
	case UnknownCode:
		return fmt.Sprintf("%s %s: %q is not in the official list", p.Kind, p.Code, p.Got)
	case Missing:
		return fmt.Sprintf("%s %s: official %q is not in the file", p.Kind, p.Code, p.Want)
	case WrongProvince:
		return fmt.Sprintf("%s %s: %q is in %s officially", p.Kind, p.Code, p.Got, p.Want)
	}
	return fmt.Sprintf("%s %s: %q, officially %q", p.Kind, p.Code, p.Got, p.Want)
}

// official is one row of the commune list.
type official struct {
	name, province string
}

// CheckOfficial compares records (as returned by Load) with the official
// lists in dir and returns the differences, in the order of the records
// and then the official units missing from them. Files that cannot be read
// are reported as Unreadable problems.
func CheckOfficial(records []Record, dir string) []Problem {
	communes, err := readCommunes(filepath.Join(dir, CommuneList))
	if err != nil {
		return []Problem{{Kind: Unreadable, Got: CommuneList, Want: err.Error()}}
	}
	provinces, err := readProvinces(filepath.Join(dir, ProvinceList))
	if err != nil {
		return []Problem{{Kind: Unreadable, Got: ProvinceList, Want: err.Error()}}
	}
	var out []Problem
	province := ""
	for _, r := range records {
		if r.Parent == "" {
			province = r.ShortName
			out = appendIf(out, checkProvince(r, provinces))
			continue
		}
		out = appendIf(out, checkCommune(r, province, communes))
	}
	return append(out, missing(records, province, communes)...)
}

func appendIf(ps []Problem, p *Problem) []Problem {
	if p == nil {
		return ps
	}
	return append(ps, *p)
}

func checkProvince(r Record, provinces map[string]string) *Problem {
	want, ok := provinces[r.Code]
	switch {
	case !ok:
		return &Problem{Kind: UnknownCode, Code: r.Code, Got: r.NameVI}
	case provinceKey(want) != provinceKey(r.NameVI):
		return &Problem{Kind: NameDiffers, Code: r.Code, Got: r.NameVI, Want: want}
	}
	return nil
}

func checkCommune(r Record, province string, communes map[string]official) *Problem {
	o, ok := communes[r.Code]
	switch {
	case !ok:
		return &Problem{Kind: UnknownCode, Code: r.Code, Got: r.NameVI}
	case province != "" && provinceKey(o.province) != provinceKey(province):
		return &Problem{Kind: WrongProvince, Code: r.Code, Got: r.NameVI, Want: o.province}
	case o.name == r.NameVI:
		return nil
	case sameUpToToneMarks(o.name, r.NameVI):
		return &Problem{Kind: ToneMarks, Code: r.Code, Got: r.NameVI, Want: o.name}
	}
	return &Problem{Kind: NameDiffers, Code: r.Code, Got: r.NameVI, Want: o.name}
}

// missing returns the official units of province that records lack.
func missing(records []Record, province string, communes map[string]official) []Problem {
	if province == "" {
		return nil
	}
	have := map[string]bool{}
	for _, r := range records {
		have[r.Code] = true
	}
	var out []Problem
	for _, code := range sortedKeys(communes) {
		o := communes[code]
		if !have[code] && provinceKey(o.province) == provinceKey(province) {
			out = append(out, Problem{Kind: Missing, Code: code, Want: o.name})
		}
	}
	return out
}

var (
	communeCode  = regexp.MustCompile(`^\d{5}$`)
	provinceCode = regexp.MustCompile(`^\d{2}$`)
)

// readCommunes parses the Markdown tables of the commune list: rows
// "| Stt | Mã số | Tên | Tỉnh (thành phố) |", with cells wrapped by <br>,
// headings of provinces, and page breaks that repeat the header.
func readCommunes(path string) (map[string]official, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]official{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(strings.Trim(strings.TrimSpace(sc.Text()), "|"), "|")
		if len(cells) < 4 || !communeCode.MatchString(strings.TrimSpace(cells[1])) {
			continue
		}
		out[strings.TrimSpace(cells[1])] = official{name: cell(cells[2]), province: cell(cells[3])}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no unit rows in %s", path)
	}
	return out, nil
}

// readProvinces parses the province list: "Stt,Mã số,Tên".
func readProvinces(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, row := range rows {
		if len(row) >= 3 && provinceCode.MatchString(row[1]) {
			out[row[1]] = cell(row[2])
		}
	}
	return out, nil
}

// cell returns the text of a table cell.
func cell(s string) string {
	return clean(strings.ReplaceAll(s, "<br>", " "))
}

// provinceKey folds a province name and drops its level, so "Tp Hồ Chí
// Minh", "Thành phố Hồ Chí Minh" and "Hồ Chí Minh" compare equal.
func provinceKey(s string) string {
	k := vntext.Fold(s)
	for _, level := range []string{"thanh pho ", "tinh ", "tp. ", "tp "} {
		k = strings.TrimPrefix(k, level)
	}
	return k
}

// isTone reports whether r is one of the five combining tone marks.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// sameUpToToneMarks reports whether a and b spell the same syllables with
// the same tones, the tone marks sitting on different vowels (hoà/hòa,
// thuỷ/thủy). Case and every other mark must match.
func sameUpToToneMarks(a, b string) bool {
	as, bs := strings.Fields(a), strings.Fields(b)
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if toneless(as[i]) != toneless(bs[i]) || tones(as[i]) != tones(bs[i]) {
			return false
		}
	}
	return true
}

func toneless(syllable string) string {
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if isTone(r) {
			return -1
		}
		return r
	}, norm.NFD.String(syllable)))
}

func tones(syllable string) string {
	return strings.Map(func(r rune) rune {
		if isTone(r) {
			return r
		}
		return -1
	}, norm.NFD.String(syllable))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
