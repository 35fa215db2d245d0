package procedure_test

import (
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

func valid() *procedure.Procedure {
	return &procedure.Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Levels: []procedure.Level{procedure.LevelCommune},
		Field: "Hộ tịch", ImplementingAgency: "Ủy ban nhân dân cấp xã", OnlineLevel: procedure.OnlineFull, OwnerUnitID: 1,
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, field, key string
		change           func(p *procedure.Procedure)
	}{
		{"valid", "", "", func(p *procedure.Procedure) {}},
		{"code shape", "code", "procedure.code_invalid", func(p *procedure.Procedure) { p.Code = "1001193" }},
		{"name required", "name", "field.required", func(p *procedure.Procedure) { p.Name = " " }},
		{"levels required", "levels", "procedure.levels_required", func(p *procedure.Procedure) { p.Levels = nil }},
		{"unknown level", "levels", "field.choose", func(p *procedure.Procedure) { p.Levels = []procedure.Level{"ward"} }},
		{"field required", "field", "field.required", func(p *procedure.Procedure) { p.Field = "" }},
		{"agency required", "implementing_agency", "field.required", func(p *procedure.Procedure) { p.ImplementingAgency = "" }},
		{"owner required", "owner_unit", "procedure.owner_required", func(p *procedure.Procedure) { p.OwnerUnitID = 0 }},
		{"online level", "online_level", "field.choose", func(p *procedure.Procedure) { p.OnlineLevel = "level4" }},
		{"date shape", "effective_from", "field.date", func(p *procedure.Procedure) { p.EffectiveFrom = "01/07/2025" }},
		{"dates order", "effective_to", "procedure.dates_order", func(p *procedure.Procedure) {
			p.EffectiveFrom, p.EffectiveTo = "2025-07-01", "2025-06-30"
		}},
		{"channel kind", "channels.0.kind", "field.choose", func(p *procedure.Procedure) {
			p.Channels = []procedure.Channel{{Kind: "fax"}}
		}},
		{"time unit", "channels.0.time_limit", "procedure.time_limit_invalid", func(p *procedure.Procedure) {
			p.Channels = []procedure.Channel{{Kind: procedure.Online, TimeLimit: procedure.TimeLimit{Value: 5, Unit: "weeks"}}}
		}},
		{"fee amount and text", "channels.0.fees.0", "procedure.fee_invalid", func(p *procedure.Procedure) {
			p.Channels = []procedure.Channel{{Kind: procedure.Online, Fees: []procedure.Fee{{Amount: 5, Text: "5 USD"}}}}
		}},
		{"negative fee", "channels.0.fees.0", "procedure.fee_invalid", func(p *procedure.Procedure) {
			p.Channels = []procedure.Channel{{Kind: procedure.Online, Fees: []procedure.Fee{{Amount: -1}}}}
		}},
		{"document name", "documents.0.name", "field.required", func(p *procedure.Procedure) {
			p.Documents = []procedure.Document{{Originals: 1}}
		}},
		{"document count", "documents.0.count", "procedure.count_invalid", func(p *procedure.Procedure) {
			p.Documents = []procedure.Document{{Name: "Tờ khai", Copies: -1}}
		}},
		{"legal ref empty", "legal_basis.0.number", "procedure.legal_ref_required", func(p *procedure.Procedure) {
			p.LegalBasis = []procedure.LegalRef{{Issuer: "Quốc hội"}}
		}},
		{"form url", "forms.0.url", "field.url", func(p *procedure.Procedure) {
			p.Forms = []procedure.FileRef{{Name: "Tờ khai", URL: "javascript:alert(1)"}}
		}},
		{"step text", "steps.0.text", "field.required", func(p *procedure.Procedure) {
			p.Steps = []procedure.Step{{Title: "Bước 1"}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.change(p)
			err := p.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid procedure: %v", err)
				}
				return
			}
			if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)[tc.field] != tc.key {
				t.Errorf("got %v; want %s=%s", err, tc.field, tc.key)
			}
		})
	}
}

func TestNormalizeAndHash(t *testing.T) {
	a := valid()
	a.Levels = []procedure.Level{procedure.LevelCommune, procedure.LevelProvince, procedure.LevelCommune}
	a.Applicants = []string{" Công dân Việt Nam ", ""}
	a.Name = "Thu\u0309 tu\u0323c đăng ký khai sinh " // decomposed marks
	a.OnlineLevel = ""
	b := valid()
	b.Levels = []procedure.Level{procedure.LevelProvince, procedure.LevelCommune}
	b.Applicants = []string{"Công dân Việt Nam"}
	b.OnlineLevel = procedure.OnlineNone
	if a.ContentHash() != b.ContentHash() {
		t.Error("equivalent records hash differently")
	}
	if a.Levels[0] != procedure.LevelCommune {
		t.Error("ContentHash changed its receiver")
	}
	a.Normalize()
	if len(a.Levels) != 2 || a.Levels[0] != procedure.LevelProvince || a.Name != "Thủ tục đăng ký khai sinh" || a.OnlineLevel != procedure.OnlineNone {
		t.Errorf("normalised %+v", a)
	}
	b.Result = "Giấy khai sinh"
	if a.ContentHash() == b.ContentHash() {
		t.Error("a change of content kept the hash")
	}
	c := b.Clone()
	c.Status, c.Version = procedure.Published, 9
	if c.ContentHash() != b.ContentHash() {
		t.Error("metadata changed the hash")
	}
}

func TestAllForms(t *testing.T) {
	p := valid()
	p.Forms = []procedure.FileRef{{Name: "Mẫu 1"}}
	p.Documents = []procedure.Document{{Name: "Tờ khai", Forms: []procedure.FileRef{{Name: "Mẫu 1"}, {Name: "Mẫu 2"}}}}
	got := p.AllForms()
	if len(got) != 2 || got[0].Name != "Mẫu 1" || got[1].Name != "Mẫu 2" {
		t.Errorf("AllForms %+v", got)
	}
}

func TestTimeLimitFor(t *testing.T) {
	p := valid()
	p.Channels = []procedure.Channel{
		{Kind: procedure.Online, TimeLimitText: "Không quy định"},
		{Kind: procedure.Online, TimeLimit: procedure.TimeLimit{Value: 2, Unit: procedure.WorkingDays}},
	}
	if tl, ok := p.TimeLimitFor(procedure.Online); !ok || tl.Value != 2 {
		t.Errorf("online: %+v %v", tl, ok)
	}
	if _, ok := p.TimeLimitFor(procedure.Post); ok {
		t.Error("a limit for a channel the procedure does not have")
	}
}
