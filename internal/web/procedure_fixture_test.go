package web_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// admin is a portal administrator acting from the command line.
func admin() context.Context {
	return access.WithActor(context.Background(), &access.Actor{Name: "test", Grants: []access.Grant{{Role: access.PortalAdmin}}})
}

// seedProcedures announces three procedures, as published by decision:
// birth registration (partly online, owned by the Department of Justice),
// permanent residence (fully online, owned by the ward) and certification
// of copies (not online, half a working day). Their texts avoid the words the
// unit search tests count on ("tư pháp", "Hoàn Kiếm").
func seedProcedures(t testing.TB, db *sqlstore.DB, svc *procedure.Service) {
	t.Helper()
	ctx := context.Background()
	owner := func(code string) int64 {
		u, err := db.FindUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	for _, p := range []*procedure.Procedure{birthRegistration(owner("so-tu-phap")), residence(owner("00070")), certifiedCopy(owner("so-tu-phap"))} {
		if _, err := svc.Announce(admin(), p, procedure.Basis{Reason: "seed"}); err != nil {
			t.Fatalf("seed %s: %v", p.Code, err)
		}
	}
}

func birthRegistration(owner int64) *procedure.Procedure {
	return &procedure.Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Field: "Hộ tịch",
		Levels:             []procedure.Level{procedure.LevelProvince, procedure.LevelCommune},
		Category:           "TTHC được luật giao quy định chi tiết",
		ImplementingAgency: "Ủy ban nhân dân cấp xã", CompetentAgency: "Chủ tịch Ủy ban nhân dân cấp xã",
		Applicants: []string{"Cha, mẹ của trẻ", "Người đang nuôi dưỡng trẻ"},
		Steps: []procedure.Step{
			{Title: "Nộp hồ sơ", Text: "Người yêu cầu nộp tờ khai tại Bộ phận Một cửa.\nCó thể nộp trực tuyến."},
			{Title: "Trả kết quả", Text: "Nhận Giấy khai sinh tại nơi nộp hồ sơ."},
		},
		Channels: []procedure.Channel{
			{Kind: procedure.InPerson, TimeLimit: procedure.TimeLimit{Value: 3, Unit: procedure.WorkingDays}, TimeLimitText: "03 ngày làm việc kể từ ngày nhận đủ hồ sơ",
				Fees: []procedure.Fee{{Kind: procedure.KindCharge, Description: "đăng ký đúng hạn"}}},
			{Kind: procedure.Online, TimeLimit: procedure.TimeLimit{Value: 3, Unit: procedure.WorkingDays},
				Fees: []procedure.Fee{{Kind: procedure.KindCharge, Amount: 8000, Description: "đăng ký quá hạn"}}},
		},
		Documents: []procedure.Document{
			{Name: "Tờ khai đăng ký khai sinh", Originals: 1, Forms: []procedure.FileRef{{Name: "Mẫu tờ khai đăng ký khai sinh", URL: "https://forms.example/to-khai-khai-sinh.docx"}}},
			{Name: "Giấy chứng sinh", Originals: 1, Copies: 1, Note: "hoặc văn bản của người làm chứng"},
		},
		Result:      "Giấy khai sinh bản chính.",
		Conditions:  "Trẻ sinh ra trên lãnh thổ Việt Nam.",
		LegalBasis:  []procedure.LegalRef{{Number: "60/2014/QH13", Summary: "Luật Hộ tịch", Issuer: "Quốc hội", Date: "2014-11-20"}},
		Forms:       []procedure.FileRef{{Name: "Mẫu giấy cam đoan về việc sinh"}},
		SubmitWhere: "Bộ phận Một cửa của Ủy ban nhân dân cấp xã", CollectWhere: "Nơi nộp hồ sơ",
		AnnouncingDecision: "1872/QĐ-BTP", EffectiveFrom: "2025-07-01",
		OnlineLevel: procedure.OnlinePartial, OwnerUnitID: owner, Keywords: []string{"khai sinh", "giấy khai sinh"},
	}
}

func residence(owner int64) *procedure.Procedure {
	return &procedure.Procedure{
		Code: "1.004194", Name: "Thủ tục đăng ký thường trú", Field: "Đăng ký, quản lý cư trú",
		Levels: []procedure.Level{procedure.LevelCommune}, ImplementingAgency: "Công an cấp xã",
		Applicants: []string{"Công dân Việt Nam"}, Steps: []procedure.Step{{Text: "Nộp hồ sơ đăng ký thường trú."}},
		Channels: []procedure.Channel{{Kind: procedure.Online, TimeLimit: procedure.TimeLimit{Value: 7, Unit: procedure.WorkingDays},
			Fees: []procedure.Fee{{Kind: procedure.KindCharge, Amount: 20000}}}},
		Documents:   []procedure.Document{{Name: "Tờ khai thay đổi thông tin cư trú", Originals: 1}},
		Result:      "Thông tin thường trú được cập nhật vào Cơ sở dữ liệu về cư trú.",
		OnlineLevel: procedure.OnlineFull, OwnerUnitID: owner, AnnouncingDecision: "15/QĐ-BCA",
	}
}

func certifiedCopy(owner int64) *procedure.Procedure {
	return &procedure.Procedure{
		Code: "2.000815", Name: "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản", Field: "Chứng thực",
		Levels: []procedure.Level{procedure.LevelCommune}, ImplementingAgency: "Ủy ban nhân dân cấp xã",
		Channels: []procedure.Channel{{Kind: procedure.InPerson, TimeLimit: procedure.TimeLimit{Value: 0.5, Unit: procedure.WorkingDays},
			Fees: []procedure.Fee{{Kind: procedure.KindFee, Amount: 2000, Description: "mỗi trang"}}}},
		Documents:   []procedure.Document{{Name: "Bản chính giấy tờ cần chứng thực", Originals: 1}},
		Result:      "Bản sao được chứng thực.",
		OnlineLevel: procedure.OnlineNone, OwnerUnitID: owner, AnnouncingDecision: "20/QĐ-UBND",
	}
}
