package procexport

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
)

// Column is one column of the CSV and XLSX exports.
type Column struct {
	Key    string // stable identifier, e.g. "code"
	Header string // the Vietnamese header
	Width  float64
	value  func(p *procedure.Procedure) string
}

// Columns are the columns of the CSV and XLSX exports, in order.
var Columns = []Column{
	{"code", "Mã thủ tục", 12, func(p *procedure.Procedure) string { return p.Code }},
	{"name", "Tên thủ tục", 50, func(p *procedure.Procedure) string { return p.Name }},
	{"levels", "Cấp thực hiện", 16, levels},
	{"field", "Lĩnh vực", 20, func(p *procedure.Procedure) string { return p.Field }},
	{"implementing_agency", "Cơ quan thực hiện", 30, func(p *procedure.Procedure) string { return p.ImplementingAgency }},
	{"competent_agency", "Cơ quan có thẩm quyền", 30, func(p *procedure.Procedure) string { return p.CompetentAgency }},
	{"applicants", "Đối tượng thực hiện", 25, func(p *procedure.Procedure) string { return strings.Join(p.Applicants, "; ") }},
	{"channels", "Cách thức, thời hạn, phí và lệ phí", 45, channels},
	{"documents", "Thành phần hồ sơ", 45, documents},
	{"result", "Kết quả thực hiện", 30, func(p *procedure.Procedure) string { return p.Result }},
	{"legal_basis", "Căn cứ pháp lý", 30, legal},
	{"online_level", "Mức độ dịch vụ công trực tuyến", 16, func(p *procedure.Procedure) string { return label("online", string(p.OnlineLevel)) }},
	{"owner_unit", "Đơn vị chủ trì", 16, func(p *procedure.Procedure) string { return p.OwnerUnitCode }},
	{"announcing_decision", "Quyết định công bố", 20, func(p *procedure.Procedure) string { return p.AnnouncingDecision }},
	{"effective_from", "Hiệu lực từ ngày", 12, func(p *procedure.Procedure) string { return p.EffectiveFrom }},
	{"effective_to", "Hết hiệu lực từ ngày", 12, func(p *procedure.Procedure) string { return p.EffectiveTo }},
	{"status", "Trạng thái", 12, func(p *procedure.Procedure) string { return label("status", string(p.Status)) }},
	{"version", "Phiên bản", 8, func(p *procedure.Procedure) string { return strconv.Itoa(p.Version) }},
}

// Headers returns the header row.
func Headers() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Header
	}
	return out
}

// Row returns the cells of p, in the order of Columns.
func Row(p *procedure.Procedure) []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.value(p)
	}
	return out
}

var catalog = i18n.MustLoad()

// label returns the Vietnamese label of an enumerated value, e.g.
// label("level", "commune") is "Cấp xã"; an empty value gives "".
func label(kind, value string) string {
	if value == "" {
		return ""
	}
	return catalog.T("vi", "procedure."+kind+"."+value)
}

func levels(p *procedure.Procedure) string {
	out := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		out[i] = label("level", string(l))
	}
	return strings.Join(out, "; ")
}

// channels writes one line per channel: "Trực tiếp: 03 ngày làm việc;
// Lệ phí: 8.000 đồng (mỗi bản)".
func channels(p *procedure.Procedure) string {
	lines := make([]string, len(p.Channels))
	for i, c := range p.Channels {
		parts := []string{label("channel", string(c.Kind)) + ": " + TimeLimitText(c)}
		for _, f := range c.Fees {
			parts = append(parts, FeeText(f))
		}
		if c.Note != "" {
			parts = append(parts, c.Note)
		}
		lines[i] = strings.Join(parts, "; ")
	}
	return strings.Join(lines, "\n")
}

// TimeLimitText is the channel's time limit as published, or built from
// its number and unit ("3 ngày làm việc"), or "".
func TimeLimitText(c procedure.Channel) string {
	switch {
	case c.TimeLimitText != "":
		return c.TimeLimitText
	case c.TimeLimit.IsZero():
		return ""
	}
	return strconv.FormatFloat(c.TimeLimit.Value, 'f', -1, 64) + " " + label("unit", string(c.TimeLimit.Unit))
}

// FeeText writes a fee as "Lệ phí: 8.000 đồng (mỗi bản)" or "Phí: miễn
// phí".
func FeeText(f procedure.Fee) string {
	kind := label("fee", string(procedure.KindFee))
	if f.Kind == procedure.KindCharge {
		kind = label("fee", string(procedure.KindCharge))
	}
	amount := f.Text
	if amount == "" {
		amount = label("fee", "free")
		if f.Amount > 0 {
			amount = Dong(f.Amount)
		}
	}
	if f.Description != "" {
		amount += " (" + f.Description + ")"
	}
	return kind + ": " + amount
}

// Dong writes an amount in đồng with dots between thousands: "2.000.000
// đồng".
func Dong(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String() + " đồng"
}

func documents(p *procedure.Procedure) string {
	lines := make([]string, len(p.Documents))
	for i, d := range p.Documents {
		lines[i] = fmt.Sprintf("%s (bản chính: %d, bản sao: %d)", d.Name, d.Originals, d.Copies)
	}
	return strings.Join(lines, "\n")
}

func legal(p *procedure.Procedure) string {
	var out []string
	for _, l := range p.LegalBasis {
		if l.Number != "" {
			out = append(out, l.Number)
		} else {
			out = append(out, l.Summary)
		}
	}
	return strings.Join(out, "; ")
}
