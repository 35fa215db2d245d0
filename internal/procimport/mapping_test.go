package procimport_test

import (
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procimport"
)

func readFixture(t testing.TB, name string) []procimport.Item {
	t.Helper()
	recs, err := procimport.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return procimport.MapAll(recs)
}

func TestReadRejectsBadLines(t *testing.T) {
	_, err := procimport.Read(strings.NewReader("{\"thu_tuc_id\": \"1.000001\"}\n\nnot json\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("got %v, want an error on line 3", err)
	}
}

func TestMapFixture(t *testing.T) {
	items := readFixture(t, "small.jsonl")
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	p := items[0].Procedure
	want := &procedure.Procedure{Code: "1.900001", Levels: []procedure.Level{procedure.LevelProvince, procedure.LevelCommune},
		AnnouncingDecision: "1234/QĐ-BTP", OnlineLevel: procedure.OnlinePartial, Source: "dvcqg"}
	if p.Code != want.Code || len(p.Levels) != 2 || p.Levels[0] != want.Levels[0] || p.AnnouncingDecision != want.AnnouncingDecision ||
		p.OnlineLevel != want.OnlineLevel || p.Source != want.Source || p.CompetentAgency != "" || p.Conditions != "" {
		t.Errorf("header %+v", p)
	}
	if len(p.Steps) != 2 || p.Steps[1].Text != "Công chức kiểm tra, cấp bản sao trích lục trong ngày." {
		t.Errorf("steps (the second marker is in decomposed Unicode) %+v", p.Steps)
	}
	ch := p.Channels[0]
	if ch.TimeLimit != (procedure.TimeLimit{Value: 1, Unit: procedure.WorkingDays}) || ch.TimeLimitText != "01 Ngày làm việc" ||
		len(ch.Fees) != 1 || ch.Fees[0].Amount != 8000 || ch.Fees[0].Description != "Mỗi bản sao trích lục" {
		t.Errorf("channel %+v", ch)
	}
	if d := p.Documents[0]; d.Originals != 1 || d.Copies != 0 || len(d.Forms) != 1 || d.Forms[0].Name != "ToKhai.docx" {
		t.Errorf("document %+v", d)
	}
	if l := p.LegalBasis[0]; l.Number != "60/2014/QH13" || l.Date != "2014-11-20" || l.Issuer != "Quốc Hội" {
		t.Errorf("legal basis %+v", l)
	}
	if len(p.Applicants) != 2 || len(items[0].Problems) != 0 {
		t.Errorf("applicants %q, problems %v", p.Applicants, items[0].Problems)
	}
	p.OwnerUnitID = 1
	if err := p.Validate(); err != nil {
		t.Errorf("mapped procedure is invalid: %v", err)
	}
}

func TestMapReportsWhatItCannotMap(t *testing.T) {
	items := readFixture(t, "small.jsonl")
	want := map[string][]string{
		"1.900002": {
			"channels[0].time_limit: not a number of days or hours", "channels[0].fees: amount in USD",
			"channels[0].fees: amount is not a number of đồng", "channels[1].time_limit: a time limit of zero",
			"content.cách_thức_thực_hiện", "content.ghi_chú_mới: unknown field",
		},
		"1.900003": {
			"levels: unknown level; dropped [Cấp Vùng]", "announcing_decision: no full document number",
			"steps: no numbered steps", "channels[0].fees: no amount; the note is kept", "channels[1].kind: unknown channel",
			"documents[0].counts", "legal_basis[0].number: no document number", "legal_basis[0].date",
		},
	}
	for _, it := range items[1:] {
		var got []string
		for _, p := range it.Problems {
			got = append(got, p.String())
		}
		all := strings.Join(got, "\n")
		for _, w := range want[it.Procedure.Code] {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no problem %q in\n%s", it.Procedure.Code, w, all)
			}
		}
		if len(got) != len(want[it.Procedure.Code]) {
			t.Errorf("%s: %d problems, want %d:\n%s", it.Procedure.Code, len(got), len(want[it.Procedure.Code]), all)
		}
	}
	p := items[1].Procedure
	if len(p.Steps) != 3 || p.Channels[0].TimeLimitText != "Trong ngày" || p.Channels[0].Fees[0].Text != "1.5 USD" ||
		p.LegalBasis[0].Number != "12/2021/QĐ-TTg" || p.AnnouncingDecision != "3980/QĐ-BQP" || p.OnlineLevel != procedure.OnlineNone {
		t.Errorf("second record %+v", p)
	}
	q := items[2].Procedure
	if len(q.Levels) != 2 || len(q.Channels) != 1 || q.Channels[0].Fees[0].Description != "(tệp đính kèm: bieu-phi.pdf)" ||
		len(q.Documents[0].Forms) != 2 || q.Documents[0].Note != "Theo yêu cầu" || q.Conditions == "" {
		t.Errorf("third record %+v", q)
	}
}
