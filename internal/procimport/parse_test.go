package procimport

import (
	"reflect"
	"testing"

	"github.com/cong-vn/cong/internal/procedure"
)

func TestTimeLimit(t *testing.T) {
	tests := []struct {
		in     string
		want   procedure.TimeLimit
		reason bool
	}{
		{"05 Ngày làm việc", procedure.TimeLimit{Value: 5, Unit: procedure.WorkingDays}, false},
		{"30 Ngày", procedure.TimeLimit{Value: 30, Unit: procedure.Days}, false},
		{"0.5 Giờ", procedure.TimeLimit{Value: 0.5, Unit: procedure.Hours}, false},
		{"1,5 giờ", procedure.TimeLimit{Value: 1.5, Unit: procedure.Hours}, false},
		{"0 Giờ", procedure.TimeLimit{}, true},
		{"10-25", procedure.TimeLimit{}, true},
		{"Chậm nhất là ngay trước khi tàu rời cảng", procedure.TimeLimit{}, true},
	}
	for _, tc := range tests {
		got, reason := timeLimit(tc.in)
		if got != tc.want || (reason != "") != tc.reason {
			t.Errorf("%q: %+v %q", tc.in, got, reason)
		}
	}
}

func TestFees(t *testing.T) {
	tests := []struct {
		in   string
		want []procedure.Fee
		bad  int
	}{
		{"Phí : 0 Đồng", []procedure.Fee{{Kind: procedure.KindFee}}, 0},
		{"Lệ phí : 2.000.000 Đồng (cấp mới)\nPhí : 20000 Đồng", []procedure.Fee{
			{Kind: procedure.KindCharge, Amount: 2000000, Description: "cấp mới"}, {Kind: procedure.KindFee, Amount: 20000}}, 0},
		{"Phí : Không Đồng", []procedure.Fee{{Kind: procedure.KindFee}}, 0},
		{"Phí : 50.000 Đồng (50.000 đồng/hồ sơ (bao gồm tất cả các môn))", []procedure.Fee{
			{Kind: procedure.KindFee, Amount: 50000, Description: "50.000 đồng/hồ sơ (bao gồm tất cả các môn)"}}, 0},
		{"Lệ phí : 1.5 USD (Người nước ngoài)", []procedure.Fee{{Kind: procedure.KindCharge, Text: "1.5 USD", Description: "Người nước ngoài"}}, 1},
		{"Phí : Mức thu bằng 50% Đồng (Thông tư 64)", []procedure.Fee{{Kind: procedure.KindFee, Text: "Mức thu bằng 50%", Description: "Thông tư 64"}}, 1},
		{"Phí :  Đồng (Theo quy định của Bộ Tài chính)\nFile đính kèm: 62-btc.pdf", []procedure.Fee{
			{Kind: procedure.KindFee, Text: "Theo quy định của Bộ Tài chính", Description: "(tệp đính kèm: 62-btc.pdf)"}}, 1},
		{"Lệ phí :  Đồng", nil, 1},
		{"", nil, 0},
	}
	for _, tc := range tests {
		got, bad := fees(tc.in)
		if !reflect.DeepEqual(got, tc.want) || len(bad) != tc.bad {
			t.Errorf("%q:\n got %+v (%v)\nwant %+v (%d problems)", tc.in, got, bad, tc.want, tc.bad)
		}
	}
}

func TestLegalNumber(t *testing.T) {
	tests := []struct{ number, summary, want string }{
		{"103/2025/TT-BQP", "", "103/2025/TT-BQP"},
		{"Thông tư số 104/2024/TT-BQP", "", "104/2024/TT-BQP"},
		{"21/2008/TTLT- BQP-BLĐTBXH-BTC", "", "21/2008/TTLT-BQP-BLĐTBXH-BTC"},
		{"191/2005/TTLT/BQP-BLĐTBXH-BTC", "", "191/2005/TTLT/BQP-BLĐTBXH-BTC"},
		{"5166/QĐ-BQP", "", "5166/QĐ-BQP"},
		{"02/2020/UBTVQH14", "Pháp lệnh", "02/2020/UBTVQH14"},
		{"12", "Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021", "12/2021/QĐ-TTg"},
		{"BỘ LUẬT HÀNG HẢI", "ngày 24/3/2021", ""},
	}
	for _, tc := range tests {
		got, ok := legalNumber(tc.number, tc.summary)
		if (tc.want == "" && ok) || (tc.want != "" && got != tc.want) {
			t.Errorf("%q %q: %q %v", tc.number, tc.summary, got, ok)
		}
	}
}

func TestSteps(t *testing.T) {
	tests := []struct {
		in       string
		want     []string
		numbered bool
	}{
		{"Bước 1: Nộp. Bước 2: Nhận.", []string{"Nộp.", "Nhận."}, true},
		{"Bước 1. Nộp hồ sơ; Bước 2. Xét duyệt theo Bước 1 nêu trên. Bước 3: Trả.", []string{"Nộp hồ sơ;", "Xét duyệt theo Bước 1 nêu trên.", "Trả."}, true},
		{"Chuẩn bị.\nBước 1: Nộp.\nBước 2: Nhận.", []string{"Chuẩn bị.", "Nộp.", "Nhận."}, true},
		{"1. Nộp đơn.\n2. Xem xét.\n3. Trả kết quả.", []string{"Nộp đơn.", "Xem xét.", "Trả kết quả."}, true},
		{"Gửi hồ sơ và nhận kết quả.", []string{"Gửi hồ sơ và nhận kết quả."}, false},
	}
	for _, tc := range tests {
		got, numbered := steps(tc.in)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
		}
		if !reflect.DeepEqual(texts, tc.want) || numbered != tc.numbered {
			t.Errorf("%q: %q %v", tc.in, texts, numbered)
		}
	}
}

func TestSmallParsers(t *testing.T) {
	if got := splitList("Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX), Hợp tác xã"); len(got) != 3 || got[1] != "Tổ chức (không bao gồm doanh nghiệp, HTX)" {
		t.Errorf("splitList %q", got)
	}
	if o, c, ok := counts("Bản chính: 3\nBản sao: 1"); !ok || o != 3 || c != 1 {
		t.Errorf("counts %d %d %v", o, c, ok)
	}
	if d, ok := date("24-03-2021"); !ok || d != "2021-03-24" {
		t.Errorf("date %q", d)
	}
	if _, ok := date("24/03/2021"); ok {
		t.Error("date with slashes accepted")
	}
	if n, ok := decision("3980 /QĐ-BQP"); !ok || n != "3980/QĐ-BQP" {
		t.Errorf("decision %q", n)
	}
	if n, ok := decision("Quyết định số 4777"); ok || n != "Quyết định số 4777" {
		t.Errorf("decision without symbol %q %v", n, ok)
	}
	if ls, unknown := levels("Cấp Bộ, Cấp Tỉnh, Cấp Xã, Cơ quan khác, Cấp Vùng"); len(ls) != 4 || len(unknown) != 1 {
		t.Errorf("levels %v %v", ls, unknown)
	}
	if text(" Không có thông tin ") != "" || conditions("Không.") != "" || conditions("Có giấy tờ") != "Có giấy tờ" {
		t.Error("empty markers")
	}
}
