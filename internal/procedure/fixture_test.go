package procedure_test

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// fixture is a service on a fresh database with the city, a department
// and a ward, and actors holding roles on them.
type fixture struct {
	t                       *testing.T
	db                      *sqlstore.DB
	svc                     *procedure.Service
	city, dept, ward        *unit.Unit
	editor, approver        context.Context // on the department
	wardEditor, admin, anon context.Context
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, db: storetest.New(t)}
	f.svc = procedure.NewService(f.db, f.db)
	clock := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
	f.svc.SetClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
	f.city = f.unit("01", unit.City, "Thành phố Hà Nội", 0)
	f.dept = f.unit("so-tu-phap", unit.Department, "Sở Tư pháp", f.city.ID)
	f.ward = f.unit("00070", unit.Ward, "Phường Hoàn Kiếm", f.city.ID)
	f.editor = f.actor(1, "editor", access.Editor, f.dept)
	f.approver = f.actor(2, "approver", access.Approver, f.dept)
	f.wardEditor = f.actor(3, "ward-editor", access.Editor, f.ward)
	f.admin = access.WithActor(context.Background(), &access.Actor{Name: "cli", Grants: []access.Grant{{Role: access.PortalAdmin}}})
	f.anon = context.Background()
	return f
}

func (f *fixture) unit(code string, kind unit.Kind, name string, parent int64) *unit.Unit {
	f.t.Helper()
	u := &unit.Unit{Code: code, Kind: kind, NameVI: name, ParentID: parent, Active: true}
	if err := f.db.CreateUnit(context.Background(), u, &audit.Entry{ActorName: "test", Action: "unit.create"}); err != nil {
		f.t.Fatal(err)
	}
	return u
}

func (f *fixture) actor(id int64, name string, role access.Role, u *unit.Unit) context.Context {
	a := &access.Actor{UserID: id, Name: name, Grants: []access.Grant{{Role: role, UnitID: u.ID, UnitPath: u.Path}}}
	return access.WithActor(context.Background(), a)
}

// draft returns a valid procedure owned by owner.
func draft(code, name string, owner *unit.Unit) *procedure.Procedure {
	return &procedure.Procedure{
		Code: code, Name: name, Levels: []procedure.Level{procedure.LevelCommune}, Field: "Hộ tịch",
		ImplementingAgency: "Ủy ban nhân dân cấp xã",
		Steps:              []procedure.Step{{Text: "Nộp tờ khai và giấy tờ."}, {Text: "Nhận kết quả."}},
		Channels: []procedure.Channel{{Kind: procedure.InPerson, TimeLimit: procedure.TimeLimit{Value: 3, Unit: procedure.WorkingDays},
			TimeLimitText: "03 ngày làm việc"}},
		Documents:   []procedure.Document{{Name: "Tờ khai", Originals: 1}},
		OnlineLevel: procedure.OnlinePartial, OwnerUnitID: owner.ID,
	}
}

// create stores a draft through the service as the department's editor.
func (f *fixture) create(code, name string) *procedure.Procedure {
	f.t.Helper()
	p := draft(code, name, f.dept)
	if err := f.svc.CreateProcedure(f.editor, p, procedure.Basis{Reason: "mới"}); err != nil {
		f.t.Fatalf("create %s: %v", code, err)
	}
	return p
}

// publish approves and publishes the newest version of code.
func (f *fixture) publish(code string, version int) *procedure.Procedure {
	f.t.Helper()
	if _, err := f.svc.Approve(f.approver, code, version); err != nil {
		f.t.Fatalf("approve %s v%d: %v", code, version, err)
	}
	p, err := f.svc.Publish(f.approver, code, version)
	if err != nil {
		f.t.Fatalf("publish %s v%d: %v", code, version, err)
	}
	return p
}
