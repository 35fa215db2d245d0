package procimport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Record is one procedure in the national (dvcqg) format. Field names are
// those of the export; Unknown lists keys the importer does not know, so a
// change of format is reported rather than silently dropped.
type Record struct {
	Line       int      `json:"-"` // 1-based line in the file
	ID         string   `json:"thu_tuc_id"`
	SourceFile string   `json:"source_file"`
	Meta       Meta     `json:"metadata"`
	Content    Content  `json:"content"`
	Tables     Tables   `json:"tables"`
	Unknown    []string `json:"-"`
}

// Meta is the "metadata" object of a record.
type Meta struct {
	Code     string `json:"mã_thủ_tục"`
	Name     string `json:"tên_thủ_tục"`
	Decision string `json:"số_quyết_định"`
	Levels   string `json:"cấp_thực_hiện"` // "Cấp Bộ, Cấp Tỉnh, Cấp Xã"
	Category string `json:"loại_thủ_tục"`
	Field    string `json:"lĩnh_vực"`
}

// Content is the "content" object of a record: long texts.
type Content struct {
	Steps              string `json:"trình_tự_thực_hiện"`
	Method             string `json:"cách_thức_thực_hiện"`
	Applicants         string `json:"đối_tượng_thực_hiện"`
	ImplementingAgency string `json:"cơ_quan_thực_hiện"`
	CompetentAgency    string `json:"cơ_quan_có_thẩm_quyền"`
	DelegatedAgency    string `json:"cơ_quan_được_ủy_quyền"`
	CoordinatingAgency string `json:"cơ_quan_phối_hợp"`
	SubmitWhere        string `json:"địa_chỉ_tiếp_nhận_hs"`
	Result             string `json:"kết_quả_thực_hiện"`
	Conditions         string `json:"yêu_cầu_điều_kiện_thực_hiện"`
	Keywords           string `json:"từ_khóa"`
	Description        string `json:"mô_tả"`
}

// Tables is the "tables" object of a record.
type Tables struct {
	Channels   []ChannelRow  `json:"hinh_thuc_nop"`
	Documents  []DocumentRow `json:"thanh_phan_ho_so"`
	LegalBasis []LegalRow    `json:"can_cu_phap_ly"`
}

// ChannelRow is one row of "hinh_thuc_nop": a channel with its time limit
// and fees.
type ChannelRow struct {
	Kind      string `json:"hinh_thuc"`           // "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"
	TimeLimit string `json:"thoi_han_giai_quyet"` // "30 Ngày làm việc"
	Fees      string `json:"phi_le_phi"`          // "Phí : 0 Đồng", one fee per line
	Note      string `json:"mo_ta"`
}

// DocumentRow is one row of "thanh_phan_ho_so". The export puts the
// attached form's file names in so_luong and the counts in ghi_chu.
type DocumentRow struct {
	Name   string `json:"ten_giay_to"`
	Files  string `json:"so_luong"` // file names of forms, one per line
	Counts string `json:"ghi_chu"`  // "Bản chính: 1\nBản sao: 0"
}

// LegalRow is one row of "can_cu_phap_ly".
type LegalRow struct {
	Number  string `json:"so_ky_hieu"`
	Summary string `json:"trich_yeu"`
	Date    string `json:"ngay_ban_hanh"` // DD-MM-YYYY
	Issuer  string `json:"co_quan_ban_hanh"`
}

// ReadFile reads the records of a dvcqg JSON-lines file.
func ReadFile(path string) ([]*Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f)
}

// Read parses JSON lines, one record a line; blank lines are skipped. It
// fails on the first line that is not a JSON object of the format.
func Read(r io.Reader) ([]*Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // records reach hundreds of kB
	var out []*Record
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		rec, err := parseRecord(b)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		rec.Line = line
		out = append(out, rec)
	}
	return out, sc.Err()
}

func parseRecord(b []byte) (*Record, error) {
	var rec Record
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, err
	}
	unknown, err := unknownKeys(b)
	if err != nil {
		return nil, err
	}
	rec.Unknown = unknown
	rec.nfc()
	return &rec, nil
}

// nfc puts every text of the record in Unicode NFC: about half the records
// of the national export spell Vietnamese with combining marks, which
// would defeat matching ("Bước 1") and hashing.
func (r *Record) nfc() {
	m, c := &r.Meta, &r.Content
	for _, s := range []*string{&r.ID, &m.Code, &m.Name, &m.Decision, &m.Levels, &m.Category, &m.Field,
		&c.Steps, &c.Method, &c.Applicants, &c.ImplementingAgency, &c.CompetentAgency, &c.DelegatedAgency,
		&c.CoordinatingAgency, &c.SubmitWhere, &c.Result, &c.Conditions, &c.Keywords, &c.Description} {
		*s = norm.NFC.String(*s)
	}
	for i := range r.Tables.Channels {
		ch := &r.Tables.Channels[i]
		ch.Kind, ch.TimeLimit, ch.Fees, ch.Note = norm.NFC.String(ch.Kind), norm.NFC.String(ch.TimeLimit), norm.NFC.String(ch.Fees), norm.NFC.String(ch.Note)
	}
	for i := range r.Tables.Documents {
		d := &r.Tables.Documents[i]
		d.Name, d.Files, d.Counts = norm.NFC.String(d.Name), norm.NFC.String(d.Files), norm.NFC.String(d.Counts)
	}
	for i := range r.Tables.LegalBasis {
		l := &r.Tables.LegalBasis[i]
		l.Number, l.Summary, l.Date, l.Issuer = norm.NFC.String(l.Number), norm.NFC.String(l.Summary), norm.NFC.String(l.Date), norm.NFC.String(l.Issuer)
	}
}

// known lists the keys of each object of the format; "" is the record.
var known = map[string][]string{
	"":         {"thu_tuc_id", "source_file", "metadata", "content", "tables"},
	"metadata": {"mã_thủ_tục", "tên_thủ_tục", "số_quyết_định", "cấp_thực_hiện", "loại_thủ_tục", "lĩnh_vực"},
	"content": {"trình_tự_thực_hiện", "cách_thức_thực_hiện", "đối_tượng_thực_hiện", "cơ_quan_thực_hiện",
		"cơ_quan_có_thẩm_quyền", "cơ_quan_được_ủy_quyền", "cơ_quan_phối_hợp", "địa_chỉ_tiếp_nhận_hs",
		"kết_quả_thực_hiện", "yêu_cầu_điều_kiện_thực_hiện", "từ_khóa", "mô_tả"},
	"tables":           {"hinh_thuc_nop", "thanh_phan_ho_so", "can_cu_phap_ly"},
	"hinh_thuc_nop":    {"hinh_thuc", "thoi_han_giai_quyet", "phi_le_phi", "mo_ta"},
	"thanh_phan_ho_so": {"ten_giay_to", "so_luong", "ghi_chu"},
	"can_cu_phap_ly":   {"so_ky_hieu", "trich_yeu", "ngay_ban_hanh", "co_quan_ban_hanh"},
}

// unknownKeys returns the dotted paths of keys the format does not know.
func unknownKeys(b []byte) ([]string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, err
	}
	out := extra("", top)
	for _, obj := range []string{"metadata", "content", "tables"} {
		var m map[string]json.RawMessage
		if raw, ok := top[obj]; ok && json.Unmarshal(raw, &m) == nil {
			out = append(out, extra(obj, m)...)
			if obj == "tables" {
				out = append(out, tableExtras(m)...)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// tableExtras returns the unknown keys of the rows of each table.
func tableExtras(tables map[string]json.RawMessage) []string {
	var out []string
	for name, raw := range tables {
		var rows []map[string]json.RawMessage
		if _, ok := known[name]; !ok || json.Unmarshal(raw, &rows) != nil {
			continue
		}
		seen := map[string]bool{}
		for _, row := range rows {
			for _, k := range extra("tables."+name, row) {
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// extra returns the keys of m not known for the object named obj, as
// dotted paths.
func extra(obj string, m map[string]json.RawMessage) []string {
	name := obj
	if i := strings.LastIndexByte(obj, '.'); i >= 0 {
		name = obj[i+1:]
	}
	var out []string
	for k := range m {
		if !slices.Contains(known[name], k) {
			if obj != "" {
				k = obj + "." + k
			}
			out = append(out, k)
		}
	}
	return out
}
