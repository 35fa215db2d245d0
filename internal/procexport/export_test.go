package procexport_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
)

func catalogue() []*procedure.Procedure {
	a := &procedure.Procedure{
		Code: "2.000635", Name: "Thủ tục cấp bản sao Trích lục hộ tịch", Field: "Hộ tịch",
		Levels:             []procedure.Level{procedure.LevelProvince, procedure.LevelCommune},
		ImplementingAgency: "Ủy ban nhân dân cấp xã", Applicants: []string{"Công dân Việt Nam", "Người nước ngoài"},
		Channels: []procedure.Channel{
			{Kind: procedure.InPerson, TimeLimitText: "Ngay trong ngày", Fees: []procedure.Fee{{Kind: procedure.KindFee, Amount: 8000, Description: "mỗi bản sao"}}},
			{Kind: procedure.Online, TimeLimit: procedure.TimeLimit{Value: 1, Unit: procedure.WorkingDays}, Fees: []procedure.Fee{{Kind: procedure.KindCharge}}},
		},
		Documents:   []procedure.Document{{Name: "Tờ khai", Originals: 1}},
		LegalBasis:  []procedure.LegalRef{{Number: "60/2014/QH13"}, {Summary: "Bộ luật không số"}},
		OnlineLevel: procedure.OnlinePartial, OwnerUnitID: 2, OwnerUnitCode: "so-tu-phap",
		Status: procedure.Published, Version: 3, Revision: procedure.Revision{At: time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)},
	}
	b := &procedure.Procedure{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh, \"lưu động\"", Field: "Hộ tịch",
		Levels: []procedure.Level{procedure.LevelCommune}, OnlineLevel: procedure.OnlineFull, Status: procedure.Draft, Version: 1}
	return []*procedure.Procedure{a, b}
}

func export(t *testing.T, format procexport.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := procexport.Export(&buf, format, catalogue()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkRows checks the parsed rows of a CSV or XLSX export.
func checkRows(t *testing.T, rows [][]string) {
	t.Helper()
	if len(rows) != 3 || strings.Join(rows[0], "|") != strings.Join(procexport.Headers(), "|") {
		t.Fatalf("rows %q", rows)
	}
	col := map[string]int{}
	for i, c := range procexport.Columns {
		col[c.Key] = i
	}
	a, b := rows[1], rows[2]
	checks := []struct{ got, want string }{
		{a[col["code"]], "2.000635"},
		{a[col["levels"]], "Cấp tỉnh; Cấp xã"},
		{a[col["applicants"]], "Công dân Việt Nam; Người nước ngoài"},
		{a[col["channels"]], "Trực tiếp: Ngay trong ngày; Phí: 8.000 đồng (mỗi bản sao)\nTrực tuyến: 1 ngày làm việc; Lệ phí: miễn phí"},
		{a[col["documents"]], "Tờ khai (bản chính: 1, bản sao: 0)"},
		{a[col["legal_basis"]], "60/2014/QH13; Bộ luật không số"},
		{a[col["online_level"]], "Một phần"},
		{a[col["owner_unit"]], "so-tu-phap"},
		{a[col["status"]], "Đã công bố"},
		{a[col["version"]], "3"},
		{b[col["name"]], "Thủ tục đăng ký khai sinh, \"lưu động\""},
		{b[col["status"]], "Bản nháp"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestCSV(t *testing.T) {
	out := export(t, procexport.CSV)
	if !bytes.HasPrefix(out, []byte("\uFEFF")) {
		t.Error("no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows)
}

func TestXLSX(t *testing.T) {
	out := export(t, procexport.XLSX)
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(procexport.SheetName)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows)
	var empty bytes.Buffer
	if err := procexport.Export(&empty, procexport.XLSX, nil); err != nil {
		t.Errorf("empty catalogue: %v", err)
	}
}

func TestJSON(t *testing.T) {
	out := export(t, procexport.JSON)
	var f struct {
		Procedures []struct {
			procedure.Procedure
			Status        string    `json:"status"`
			Version       int       `json:"version"`
			OwnerUnitCode string    `json:"owner_unit_code"`
			UpdatedAt     time.Time `json:"updated_at"`
		} `json:"procedures"`
	}
	if err := json.Unmarshal(out, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Procedures) != 2 {
		t.Fatalf("%d procedures", len(f.Procedures))
	}
	a := f.Procedures[0]
	want := catalogue()[0]
	gotJSON, _ := a.Procedure.ContentJSON()
	wantJSON, _ := want.ContentJSON()
	if string(gotJSON) != string(wantJSON) || a.Status != "published" || a.Version != 3 || a.OwnerUnitCode != "so-tu-phap" || !a.UpdatedAt.Equal(want.Revision.At) {
		t.Errorf("round trip:\n got %s %+v\nwant %s", gotJSON, a, wantJSON)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"csv", "xlsx", "json"} {
		if f, err := procexport.ParseFormat(s); err != nil || string(f) != s || f.ContentType() == "" {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := procexport.ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
	if got := procexport.Dong(2000000); got != "2.000.000 đồng" {
		t.Errorf("Dong %q", got)
	}
}
