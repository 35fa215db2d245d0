package procimport

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/vntext"
)

// noInfo is what the export writes for an empty field.
const noInfo = "không có thông tin"

// text returns s trimmed, or "" when it says there is no information.
func text(s string) string {
	s = strings.TrimSpace(s)
	if vntext.Normalize(s) == noInfo {
		return ""
	}
	return s
}

// conditions returns the conditions text, "" when it says there are none.
func conditions(s string) string {
	s = text(s)
	switch strings.TrimRight(vntext.Normalize(s), ".") {
	case "không", "không quy định", "không có":
		return ""
	}
	return s
}

var levelNames = map[string]procedure.Level{
	"cấp bộ": procedure.LevelMinistry, "cấp tỉnh": procedure.LevelProvince, "cấp huyện": procedure.LevelDistrict,
	"cấp xã": procedure.LevelCommune, "cơ quan khác": procedure.LevelOther,
}

// levels maps "Cấp Bộ, Cấp Tỉnh, Cấp Xã" to levels, returning the names it
// does not know.
func levels(s string) (out []procedure.Level, unknown []string) {
	for _, part := range strings.Split(s, ",") {
		name := vntext.Normalize(part)
		if name == "" {
			continue
		}
		if l, ok := levelNames[name]; ok {
			out = append(out, l)
		} else {
			unknown = append(unknown, strings.TrimSpace(part))
		}
	}
	return out, unknown
}

// splitList splits on commas outside parentheses: "Tổ chức (không bao gồm
// doanh nghiệp, HTX), Hợp tác xã" is two entries.
func splitList(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == ',' || r == ';') && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

var channelKinds = map[string]procedure.ChannelKind{
	"trực tiếp": procedure.InPerson, "dịch vụ bưu chính": procedure.Post, "trực tuyến": procedure.Online,
}

var limitRE = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ)$`)

var limitUnits = map[string]procedure.TimeUnit{"ngày làm việc": procedure.WorkingDays, "ngày": procedure.Days, "giờ": procedure.Hours}

// timeLimit parses "05 Ngày làm việc", "0.5 Giờ" or "30 Ngày". It
// returns the reason when s is not such a text or its number is zero.
func timeLimit(s string) (procedure.TimeLimit, string) {
	m := limitRE.FindStringSubmatch(vntext.Normalize(s))
	if m == nil {
		return procedure.TimeLimit{}, "not a number of days or hours; kept as text"
	}
	v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil || v <= 0 {
		return procedure.TimeLimit{}, "a time limit of zero; kept as text"
	}
	return procedure.TimeLimit{Value: v, Unit: limitUnits[m[2]]}, ""
}

var (
	feeLineRE   = regexp.MustCompile(`(?is)^(phí|lệ phí)\s*:\s*(.*)$`)
	feeAmountRE = regexp.MustCompile(`(?is)^(.*?)\s*(đồng|usd)\s*(?:\((.*)\))?$`)
	vndRE       = regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$|^\d+$`)
	attachRE    = regexp.MustCompile(`(?i)^file đính kèm\s*:\s*(.+)$`)
)

// fees parses the fee lines of a channel ("Phí : 2.000.000 Đồng (case)").
// bad lists the lines kept as text or dropped, with the reason.
func fees(s string) (out []procedure.Fee, bad []problemText) {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m := attachRE.FindStringSubmatch(line); m != nil && len(out) > 0 {
			d := &out[len(out)-1].Description
			*d = strings.TrimSpace(*d + " (tệp đính kèm: " + m[1] + ")")
			continue
		}
		f, reason := fee(line)
		if reason != "" {
			bad = append(bad, problemText{line, reason})
		}
		if f != nil {
			out = append(out, *f)
		}
	}
	return out, bad
}

// problemText is a value that could not be mapped exactly, and why.
type problemText struct{ value, reason string }

// fee parses one fee line. It returns the fee (nil when nothing is left)
// and, when the line was not a plain amount in đồng, the reason.
func fee(line string) (*procedure.Fee, string) {
	m := feeLineRE.FindStringSubmatch(line)
	if m == nil {
		return &procedure.Fee{Text: line}, "not a fee line; kept as text"
	}
	f := &procedure.Fee{Kind: procedure.KindFee}
	if strings.EqualFold(vntext.Normalize(m[1]), "lệ phí") {
		f.Kind = procedure.KindCharge
	}
	rest := strings.TrimSpace(m[2])
	a := feeAmountRE.FindStringSubmatch(rest)
	if a == nil {
		amount, desc := splitParen(rest)
		return textFee(f, amount, desc, "no currency")
	}
	amount, currency := strings.TrimSpace(a[1]), vntext.Normalize(a[2])
	f.Description = strings.TrimSpace(a[3])
	switch {
	case currency == "usd":
		return textFee(f, amount+" USD", f.Description, "amount in USD; kept as text")
	case vndRE.MatchString(amount):
		f.Amount, _ = strconv.ParseInt(strings.ReplaceAll(amount, ".", ""), 10, 64)
		return f, ""
	case vntext.Normalize(amount) == "không":
		return f, ""
	}
	return textFee(f, amount, f.Description, "amount is not a number of đồng; kept as text")
}

// textFee makes f a fee stated as text. With no text at all the fee is
// dropped.
func textFee(f *procedure.Fee, amount, desc, reason string) (*procedure.Fee, string) {
	switch {
	case amount != "":
		f.Text, f.Description = amount, desc
	case desc != "":
		f.Text, f.Description, reason = desc, "", "no amount; the note is kept as the fee text"
	default:
		return nil, "no amount; dropped"
	}
	return f, reason
}

// splitParen splits "x (y)" into x and y.
func splitParen(s string) (string, string) {
	if i := strings.Index(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1])
	}
	return s, ""
}

var countsRE = regexp.MustCompile(`(?is)^bản chính\s*:\s*(\d+)\s*[\n,;-]?\s*bản sao\s*:\s*(\d+)$`)

// counts parses "Bản chính: 1\nBản sao: 0".
func counts(s string) (originals, copies int, ok bool) {
	m := countsRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	originals, _ = strconv.Atoi(m[1])
	copies, _ = strconv.Atoi(m[2])
	return originals, copies, true
}

// files returns the file names of so_luong, one a line.
func files(s string) []procedure.FileRef {
	var out []procedure.FileRef
	for _, name := range strings.Split(s, "\n") {
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, procedure.FileRef{Name: name})
		}
	}
	return out
}

// docNumRE matches a Vietnamese legal document number: "12/2023/QĐ-UBND",
// "5166/QĐ-BQP", "191/2005/TTLT/BQP-BLĐTBXH-BTC", "02/2020/UBTVQH14".
var docNumRE = regexp.MustCompile(`\d+[\p{L}]?/(?:\d{4}/)?[\p{L}\d]+(?:[-/][\p{L}\d]+)*`)

// spaceAroundRE matches spaces next to the separators of a number.
var spaceAroundRE = regexp.MustCompile(`\s*([-/])\s*`)

// docNumber finds a document number in s: the first match that has a
// letter (so dates such as 24/3/2021 are not taken), optionally starting
// with prefix.
func docNumber(s, prefix string) string {
	s = spaceAroundRE.ReplaceAllString(s, "$1")
	for _, m := range docNumRE.FindAllString(s, -1) {
		if strings.IndexFunc(m, unicode.IsLetter) >= 0 && strings.HasPrefix(m, prefix) {
			return m
		}
	}
	return ""
}

var digitsRE = regexp.MustCompile(`^\d+$`)

// legalNumber returns the document number of a legal basis row: from its
// number field ("Thông tư số 104/2024/TT-BQP" gives 104/2024/TT-BQP), or
// from its summary when the field holds only the first digits ("12") or a
// title ("BỘ LUẬT HÀNG HẢI VIỆT NAM"). ok is false when none is found; the
// field's text is then returned as is.
func legalNumber(number, summary string) (string, bool) {
	number = strings.TrimSpace(number)
	if n := docNumber(number, ""); n != "" {
		return n, true
	}
	prefix := ""
	if digitsRE.MatchString(number) {
		prefix = number + "/"
	}
	if n := docNumber(summary, prefix); n != "" {
		return n, true
	}
	return number, false
}

// date turns "24-03-2021" into "2021-03-24"; ok is false for anything else.
func date(s string) (string, bool) {
	t, err := time.Parse("02-01-2006", strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// decision returns the number of an announcing decision ("Quyết định số
// 6225/QĐ-BQP" gives 6225/QĐ-BQP); ok is false when the text holds no full
// number (such as "Quyết định số 4777"), which is then kept as is.
func decision(s string) (string, bool) {
	if n := docNumber(s, ""); n != "" {
		return n, true
	}
	return strings.TrimSpace(s), false
}

// stepRE matches the start of a numbered step: "Bước 2:" or "Bước 2." at
// the start of the text or after a space or punctuation.
var stepRE = regexp.MustCompile(`(?:^|[\s.;:])(?:B|b)ước\s*(\d+)\s*[:.]`)

// listRE matches a numbered line: "1. ", "2) " at the start of a line.
var listRE = regexp.MustCompile(`(?m)^\s*(\d+)\s*[.)]\s`)

// steps splits "Bước 1: ... Bước 2: ..." (or lines numbered "1.", "2.")
// into steps, taking only markers numbered 1, 2, 3... in order, so a "bước
// 1" quoted inside a step stays in its text. Text before the first marker
// is a step of its own. numbered is false when there was no marker, and
// the whole text is one step.
func steps(s string) (out []procedure.Step, numbered bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	cuts := markers(s, stepRE)
	if len(cuts) < 2 {
		if l := markers(s, listRE); len(l) >= 2 {
			cuts = l
		}
	}
	if len(cuts) == 0 {
		return []procedure.Step{{Text: s}}, false
	}
	if pre := strings.TrimSpace(s[:cuts[0][0]]); pre != "" {
		out = append(out, procedure.Step{Text: pre})
	}
	for i, c := range cuts {
		end := len(s)
		if i+1 < len(cuts) {
			end = cuts[i+1][0]
		}
		out = append(out, procedure.Step{Text: strings.TrimSpace(s[c[1]:end])})
	}
	return out, true
}

// markers returns the [marker start, text start] of the matches of re
// whose number (its last group) runs 1, 2, 3...
func markers(s string, re *regexp.Regexp) [][2]int {
	var cuts [][2]int
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		g := len(m) - 2
		if n, _ := strconv.Atoi(s[m[g]:m[g+1]]); n != len(cuts)+1 {
			continue
		}
		start := m[0]
		if re == stepRE && (start > 0 || !strings.HasPrefix(strings.ToLower(s[start:]), "b")) {
			start++ // the separator before "Bước" belongs to the previous step
		}
		cuts = append(cuts, [2]int{start, m[1]})
	}
	return cuts
}
