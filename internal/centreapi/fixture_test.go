package centreapi_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// fixture is a service on a fresh database (SQLite or PostgreSQL, per
// CONG_TEST_DATABASE) with two centres, a department, clients for both
// centres and a status mapping for the first.
type fixture struct {
	t      testing.TB
	db     *sqlstore.DB
	svc    *centreapi.Service
	keys   *keyring.Keyring
	admin  context.Context
	clock  time.Time
	a, b   *unit.Unit // centres
	dept   *unit.Unit
	ca, cb *centreapi.Client
	credA  centreapi.Credentials
	credB  centreapi.Credentials
}

// vn returns a time in Vietnam in 2025.
func vn(m time.Month, d, h, min int) time.Time {
	return time.Date(2025, m, d, h, min, 0, 0, calendar.Zone())
}

// procedures is a fake procedure lookup.
type procedures map[string]dossier.ProcedureInfo

func (p procedures) LookupProcedure(_ context.Context, code string, _ dossier.Channel) (dossier.ProcedureInfo, error) {
	info, ok := p[code]
	if !ok {
		return info, errs.E("test.LookupProcedure", errs.NotFound)
	}
	return info, nil
}

var testProcedures = procedures{
	"1.002425": {Code: "1.002425", Name: "Đăng ký kết hôn", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}},
	"1.000001": {Code: "1.000001", Name: "Chứng thực bản sao", TimeLimit: dossier.TimeLimit{Value: 4, Unit: dossier.Hours}},
}

// defaultMapping is the first centre's status codes.
var defaultMapping = map[string]dossier.Status{
	"TN": dossier.Received, "BS": dossier.SupplementRequested, "DXL": dossier.InProcessing,
	"CK": dossier.Transferred, "CKQ": dossier.ResultReady, "DTKQ": dossier.Returned, "TC": dossier.Refused,
	"RUT": dossier.Withdrawn,
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: storetest.New(t), clock: vn(5, 2, 10, 0)}
	f.admin = access.WithActor(context.Background(), &access.Actor{Name: "test", Grants: []access.Grant{{Role: access.PortalAdmin}}})
	city := f.unit(&unit.Unit{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội"})
	f.a = f.unit(&unit.Unit{Code: "hcc-a", Kind: unit.Centre, ParentID: city.ID, AgencyID: "000.00.00.H26", NameVI: "Trung tâm A"})
	f.b = f.unit(&unit.Unit{Code: "hcc-b", Kind: unit.Centre, ParentID: city.ID, NameVI: "Trung tâm B"})
	f.dept = f.unit(&unit.Unit{Code: "so-tu-phap", Kind: unit.Department, ParentID: city.ID, NameVI: "Sở Tư pháp"})
	f.keys, _ = keyring.New([]byte("0123456789abcdef0123456789abcdef"))
	f.svc = f.service(testProcedures)
	var err error
	if f.ca, f.credA, err = f.svc.CreateClient(f.admin, "hcc-a", "Phần mềm A"); err != nil {
		t.Fatal(err)
	}
	if f.cb, f.credB, err = f.svc.CreateClient(f.admin, "hcc-b", "Phần mềm B"); err != nil {
		t.Fatal(err)
	}
	for code, st := range defaultMapping {
		if err := f.svc.SetStatusMapping(f.admin, "hcc-a", code, st); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) service(procs dossier.ProcedureLookup) *centreapi.Service {
	cal, err := workcal.NewService(f.db, calendar.Options{})
	if err != nil {
		f.t.Fatal(err)
	}
	svc, err := centreapi.NewService(centreapi.Deps{Store: f.db, Units: unit.NewService(f.db), Calendars: cal, Keys: f.keys, Procedures: procs})
	if err != nil {
		f.t.Fatal(err)
	}
	svc.SetClock(func() time.Time { return f.clock })
	return svc
}

func (f *fixture) unit(u *unit.Unit) *unit.Unit {
	f.t.Helper()
	u.Active = true
	if err := f.db.CreateUnit(context.Background(), u, &audit.Entry{Action: "unit.create", ActorName: "test"}); err != nil {
		f.t.Fatal(err)
	}
	return u
}

// upsert returns a dossier item received at t under procedure 1.002425.
func upsert(eventID, code string, t time.Time) centreapi.Item {
	return centreapi.Item{Type: centreapi.DossierItem, EventID: eventID, ReceiptCode: code, ProcedureCode: "1.002425",
		Channel: "in_person", ApplicantName: "Nguyễn Văn An", Email: "an@example.vn", Phone: "0912345678",
		ReceivedAt: t.Format(time.RFC3339), Status: "TN", StatusText: "Tiếp nhận", HandlingUnits: []string{"so-tu-phap"}}
}

// status returns a status item.
func status(eventID, code, st string, t time.Time) centreapi.Item {
	return centreapi.Item{Type: centreapi.StatusItem, EventID: eventID, ReceiptCode: code, Status: st, At: t.Format(time.RFC3339)}
}

// ingest sends items as client c and fails the test on a batch error.
func (f *fixture) ingest(c *centreapi.Client, items ...centreapi.Item) *centreapi.Result {
	f.t.Helper()
	res, err := f.svc.Ingest(context.Background(), c, items)
	if err != nil {
		f.t.Fatalf("ingest: %v", err)
	}
	return res
}

// outcomes lists the outcome (or error code) of every item.
func outcomes(res *centreapi.Result) []string {
	out := make([]string, len(res.Items))
	for i, r := range res.Items {
		out[i] = string(r.Outcome)
		if r.ErrorCode != "" {
			out[i] += ":" + r.ErrorCode
		}
	}
	return out
}

func (f *fixture) dossier(code string) *dossier.Dossier {
	f.t.Helper()
	d, err := f.db.FindDossierByReceipt(context.Background(), code)
	if err != nil {
		f.t.Fatalf("find %s: %v", code, err)
	}
	return d
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func itoa(i int) string { return strconv.Itoa(i) }
