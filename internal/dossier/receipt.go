package dossier

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
)

// DefaultReceiptFormat is the receipt code the portal issues when a centre
// sends a dossier without one: <agency id>-<yymmdd>-<sequence>, e.g.
// "000.00.00.H26-250210-0001".
const DefaultReceiptFormat = "{agency}-{yymmdd}-{seq:4}"

// ReceiptFormatter issues receipt codes from a pattern. The pattern is
// literal text with placeholders in braces:
//
//	{agency}   the receiving centre's agency identifier (its unit code when it has none)
//	{unit}     the receiving centre's unit code
//	{yyyy} {yy} {mm} {dd} {yymmdd}   the receipt date in Vietnam's zone
//	{seq} {seq:N}   the sequence number, zero-padded to N digits (1–12; default 1)
//
// "{{" and "}}" stand for literal braces. A pattern has exactly one {seq}.
// The sequence counts up separately for each distinct rendering of the
// rest of the pattern (see Key): with the default pattern, per centre and
// day. A ReceiptFormatter is immutable and safe for concurrent use.
type ReceiptFormatter struct {
	pattern string
	parts   []part
}

// part is literal text or a placeholder with its width.
type part struct {
	text  string // literal when name is ""
	name  string
	width int
}

// ReceiptInput is what a receipt code is made of besides the sequence.
type ReceiptInput struct {
	AgencyID   string
	UnitCode   string
	ReceivedAt time.Time
}

// ParseReceiptFormat compiles pattern. It returns Invalid
// ("dossier.receipt_format_invalid", naming the problem) for an unknown
// placeholder, an unbalanced brace, or not exactly one {seq}.
func ParseReceiptFormat(pattern string) (*ReceiptFormatter, error) {
	parts, err := parsePattern(pattern)
	if err == nil && countSeq(parts) != 1 {
		err = fmt.Errorf("the pattern needs exactly one {seq}")
	}
	if err != nil {
		return nil, errs.E("dossier.ParseReceiptFormat", errs.Invalid, "dossier.receipt_format_invalid", errs.MsgArgs{err.Error()}, err)
	}
	return &ReceiptFormatter{pattern: pattern, parts: parts}, nil
}

// MustParseReceiptFormat is ParseReceiptFormat for patterns known good.
func MustParseReceiptFormat(pattern string) *ReceiptFormatter {
	f, err := ParseReceiptFormat(pattern)
	if err != nil {
		panic(err)
	}
	return f
}

var placeholders = map[string]bool{"agency": true, "unit": true, "yyyy": true, "yy": true, "mm": true, "dd": true, "yymmdd": true, "seq": true}

func parsePattern(p string) ([]part, error) {
	var parts []part
	var lit strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case strings.HasPrefix(p[i:], "{{") || strings.HasPrefix(p[i:], "}}"):
			lit.WriteByte(p[i])
			i++
		case p[i] == '}':
			return nil, fmt.Errorf("unmatched } at %d", i)
		case p[i] == '{':
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { at %d", i)
			}
			ph, err := parsePlaceholder(p[i+1 : i+end])
			if err != nil {
				return nil, err
			}
			parts = append(parts, part{text: lit.String()}, ph)
			lit.Reset()
			i += end
		default:
			lit.WriteByte(p[i])
		}
	}
	return append(parts, part{text: lit.String()}), nil
}

func parsePlaceholder(s string) (part, error) {
	name, w, hasW := strings.Cut(s, ":")
	if !placeholders[name] || (hasW && name != "seq") {
		return part{}, fmt.Errorf("unknown placeholder {%s}", s)
	}
	width := 1
	if hasW {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 || n > 12 {
			return part{}, fmt.Errorf("bad width in {%s}: want 1 to 12", s)
		}
		width = n
	}
	return part{name: name, width: width}, nil
}

func countSeq(parts []part) int {
	n := 0
	for _, p := range parts {
		if p.name == "seq" {
			n++
		}
	}
	return n
}

// String returns the pattern.
func (f *ReceiptFormatter) String() string { return f.pattern }

// Key returns the scope of the sequence for in: the code with the
// sequence left out. Codes with the same key share one sequence.
func (f *ReceiptFormatter) Key(in ReceiptInput) string { return f.render(in, "#") }

// Format returns the receipt code for in with sequence number seq.
func (f *ReceiptFormatter) Format(in ReceiptInput, seq int64) string {
	return f.render(in, strconv.FormatInt(seq, 10))
}

func (f *ReceiptFormatter) render(in ReceiptInput, seq string) string {
	local := in.ReceivedAt.In(calendar.Zone())
	agency := in.AgencyID
	if agency == "" {
		agency = in.UnitCode
	}
	var b strings.Builder
	for _, p := range f.parts {
		switch p.name {
		case "":
			b.WriteString(p.text)
		case "agency":
			b.WriteString(agency)
		case "unit":
			b.WriteString(in.UnitCode)
		case "yyyy":
			b.WriteString(local.Format("2006"))
		case "yy":
			b.WriteString(local.Format("06"))
		case "mm":
			b.WriteString(local.Format("01"))
		case "dd":
			b.WriteString(local.Format("02"))
		case "yymmdd":
			b.WriteString(local.Format("060102"))
		case "seq":
			b.WriteString(pad(seq, p.width))
		}
	}
	return b.String()
}

func pad(s string, width int) string {
	if s == "#" || len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}

// ValidReceiptCode reports whether code may serve as a receipt code: 3 to
// 64 characters of letters, digits and . - _ /, starting with a letter or
// digit. Codes go into URLs of the lookup, hence the limits.
func ValidReceiptCode(code string) bool {
	if len(code) < 3 || len(code) > 64 {
		return false
	}
	for i, r := range code {
		alnum := r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !alnum && (i == 0 || !strings.ContainsRune(".-_/", r)) {
			return false
		}
	}
	return true
}
