package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// procUnits creates the city "01", a department under it and a ward.
func procUnits(t *testing.T, db *sqlstore.DB) (city, dept, ward *unit.Unit) {
	t.Helper()
	mk := func(code string, kind unit.Kind, name string, parent int64) *unit.Unit {
		u := &unit.Unit{Code: code, Kind: kind, NameVI: name, ParentID: parent, Active: true}
		if err := db.CreateUnit(context.Background(), u, &audit.Entry{ActorName: "test", Action: "unit.create"}); err != nil {
			t.Fatalf("create unit %s: %v", code, err)
		}
		return u
	}
	city = mk("01", unit.City, "Thành phố Hà Nội", 0)
	dept = mk("so-tu-phap", unit.Department, "Sở Tư pháp", city.ID)
	ward = mk("00070", unit.Ward, "Phường Hoàn Kiếm", city.ID)
	return city, dept, ward
}

// sample returns a full procedure owned by owner, as the service would
// hand it to the store.
func sample(code, name string, owner int64, levels ...procedure.Level) *procedure.Procedure {
	p := &procedure.Procedure{
		Code: code, Name: name, Levels: levels, Field: "Hộ tịch", Category: "TTHC được luật giao quy định chi tiết",
		ImplementingAgency: "Ủy ban nhân dân cấp xã", CompetentAgency: "Chủ tịch Ủy ban nhân dân cấp xã",
		Applicants: []string{"Công dân Việt Nam"},
		Steps:      []procedure.Step{{Title: "Nộp hồ sơ", Text: "Người yêu cầu nộp tờ khai."}, {Text: "Trả kết quả."}},
		Channels: []procedure.Channel{{
			Kind: procedure.InPerson, TimeLimit: procedure.TimeLimit{Value: 3, Unit: procedure.WorkingDays},
			TimeLimitText: "03 ngày làm việc", Fees: []procedure.Fee{{Kind: procedure.KindCharge, Amount: 8000, Description: "mỗi bản"}},
		}, {Kind: procedure.Online, TimeLimitText: "Không quy định"}},
		Documents: []procedure.Document{{Name: "Tờ khai", Originals: 1, Forms: []procedure.FileRef{{Name: "to-khai.docx"}}}},
		Result:    "Trích lục", LegalBasis: []procedure.LegalRef{{Number: "60/2014/QH13", Summary: "Luật Hộ tịch", Issuer: "Quốc hội", Date: "2014-11-20"}},
		AnnouncingDecision: "1234/QĐ-BTP", EffectiveFrom: "2025-07-01", OnlineLevel: procedure.OnlineFull, OwnerUnitID: owner,
	}
	p.Normalize()
	p.Status = procedure.Draft
	p.Revision = procedure.Revision{Change: procedure.ChangeCreate, Reason: "first", AuthorID: 7, AuthorName: "tester",
		At: time.Date(2025, 7, 1, 8, 0, 0, 123456789, time.UTC)}
	return p
}

func procEntry(action, code string) *audit.Entry {
	return &audit.Entry{ActorID: 7, ActorName: "tester", Action: action, ObjectKind: "procedure", ObjectID: code}
}

func mustCreateProc(t *testing.T, db *sqlstore.DB, p *procedure.Procedure) *procedure.Procedure {
	t.Helper()
	if err := db.CreateProcedure(context.Background(), p, procEntry("procedure.create", p.Code)); err != nil {
		t.Fatalf("create %s: %v", p.Code, err)
	}
	return p
}

func contentOf(t *testing.T, p *procedure.Procedure) string {
	t.Helper()
	b, err := p.ContentJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestProcedureCreateAndFind(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _ := procUnits(t, db)
	p := mustCreateProc(t, db, sample("1.001193", "Thủ tục đăng ký khai sinh", dept.ID, procedure.LevelCommune))
	if p.ID == 0 || p.Version != 1 || p.Latest != 1 || p.Revision.Version != 1 || p.Revision.Hash != p.ContentHash() {
		t.Fatalf("after create: %+v", p)
	}
	got, err := db.FindProcedureByCode(ctx, "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	if contentOf(t, got) != contentOf(t, p) {
		t.Errorf("content round trip:\n got %s\nwant %s", contentOf(t, got), contentOf(t, p))
	}
	wantRev := p.Revision
	wantRev.At = wantRev.At.Truncate(time.Microsecond)
	if got.ID != p.ID || got.Status != procedure.Draft || got.Version != 1 || got.Latest != 1 || got.PublishedVersion != 0 ||
		got.OwnerUnitCode != "so-tu-phap" || got.OwnerUnitPath != dept.Path || got.Created.IsZero() || !reflect.DeepEqual(got.Revision, wantRev) {
		t.Errorf("metadata: %+v\nrevision %+v\nwant     %+v", got, got.Revision, wantRev)
	}
	if _, err := db.FindProcedureByCode(ctx, "9.999999"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown code: %v", err)
	}
	dup := sample("1.001193", "Khác", dept.ID, procedure.LevelCommune)
	if err := db.CreateProcedure(ctx, dup, procEntry("procedure.create", dup.Code)); !errs.Is(err, errs.Conflict) || errs.FieldsOf(err)["code"] != "procedure.code_taken" {
		t.Errorf("duplicate code: %v", err)
	}
	orphan := sample("1.000894", "Kết hôn", 9999, procedure.LevelCommune)
	if err := db.CreateProcedure(ctx, orphan, procEntry("procedure.create", orphan.Code)); !errs.Is(err, errs.Invalid) {
		t.Errorf("unknown owner: %v", err)
	}
	if err := db.CreateProcedure(ctx, sample("1.000656", "Khai tử", dept.ID, procedure.LevelCommune), nil); err == nil {
		t.Error("a change without its audit entry was stored")
	}
	if _, err := db.FindProcedureByCode(ctx, "1.000656"); !errs.Is(err, errs.NotFound) {
		t.Errorf("the unaudited create was not rolled back: %v", err)
	}
}

func TestProcedureVersionsAppend(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, ward := procUnits(t, db)
	p := mustCreateProc(t, db, sample("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", dept.ID, procedure.LevelCommune))
	v1 := contentOf(t, p)

	edit := p.Clone()
	edit.Name, edit.OwnerUnitID = "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", ward.ID
	edit.Revision = procedure.Revision{Change: procedure.ChangeEdit, Reason: "tên đầy đủ", AuthorName: "tester"}
	if err := db.AddProcedureVersion(ctx, edit, procEntry("procedure.update", p.Code)); err != nil {
		t.Fatal(err)
	}
	if edit.Version != 2 || edit.Latest != 2 || edit.Revision.Version != 2 || edit.Revision.At.IsZero() {
		t.Errorf("after add: version %d latest %d revision %+v", edit.Version, edit.Latest, edit.Revision)
	}
	stale := p.Clone() // still says Latest 1
	stale.Name = "Lost update"
	if err := db.AddProcedureVersion(ctx, stale, procEntry("procedure.update", p.Code)); !errs.Is(err, errs.Conflict) {
		t.Errorf("stale add: %v", err)
	} else if key, _ := errs.KeyOf(err); key != "error.stale" {
		t.Errorf("stale add key %q", key)
	}
	missing := p.Clone()
	missing.ID = 999999
	if err := db.AddProcedureVersion(ctx, missing, procEntry("procedure.update", p.Code)); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown procedure: %v", err)
	}

	cur, _ := db.FindProcedureByCode(ctx, p.Code)
	old, err := db.FindProcedureVersion(ctx, p.Code, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Name != edit.Name || cur.OwnerUnitCode != "00070" || contentOf(t, old) != v1 || old.Latest != 2 || old.Version != 1 {
		t.Errorf("current %q owner %s; version 1 latest %d version %d", cur.Name, cur.OwnerUnitCode, old.Latest, old.Version)
	}
	revs, err := db.FindProcedureRevisions(ctx, p.Code)
	if err != nil || len(revs) != 2 || revs[0].Version != 1 || revs[1].Reason != "tên đầy đủ" || revs[1].Change != procedure.ChangeEdit {
		t.Errorf("revisions %v, %v", revs, err)
	}
	if _, err := db.FindProcedureVersion(ctx, p.Code, 3); !errs.Is(err, errs.NotFound) {
		t.Errorf("version 3: %v", err)
	}
	if _, err := db.FindProcedureRevisions(ctx, "9.999999"); !errs.Is(err, errs.NotFound) {
		t.Errorf("revisions of an unknown code: %v", err)
	}
}

// publish moves the newest version of p through approved to published.
func publish(t *testing.T, db *sqlstore.DB, p *procedure.Procedure) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2025, 7, 2, 9, 0, 0, 0, time.UTC)
	p.Status, p.Revision.ApprovedBy, p.Revision.ApprovedAt = procedure.Approved, "approver", now
	if err := db.SetProcedureStatus(ctx, p, procedure.Draft, procEntry("procedure.approve", p.Code)); err != nil {
		t.Fatalf("approve: %v", err)
	}
	p.Status, p.PublishedVersion, p.Revision.PublishedBy, p.Revision.PublishedAt = procedure.Published, p.Latest, "approver", now
	if err := db.SetProcedureStatus(ctx, p, procedure.Approved, procEntry("procedure.publish", p.Code)); err != nil {
		t.Fatalf("publish: %v", err)
	}
}

func TestProcedureStatusAndPublicView(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _ := procUnits(t, db)
	p := mustCreateProc(t, db, sample("2.000635", "Thủ tục cấp bản sao trích lục hộ tịch", dept.ID, procedure.LevelCommune))
	if ps, n, err := db.FindProcedures(ctx, procedure.Filter{}); err != nil || n != 0 || len(ps) != 0 {
		t.Fatalf("public list before publishing: %d %v", n, err)
	}
	publish(t, db, p)
	again := p.Clone()
	again.Status = procedure.Published
	if err := db.SetProcedureStatus(ctx, again, procedure.Approved, procEntry("procedure.publish", p.Code)); !errs.Is(err, errs.Conflict) {
		t.Errorf("second publish from approved: %v", err)
	}

	draft := p.Clone()
	draft.Name, draft.Status = "Cấp bản sao Trích lục hộ tịch (sửa)", procedure.Draft
	draft.Revision = procedure.Revision{Change: procedure.ChangeEdit, AuthorName: "editor"}
	if err := db.AddProcedureVersion(ctx, draft, procEntry("procedure.update", p.Code)); err != nil {
		t.Fatal(err)
	}
	pub, n, err := db.FindProcedures(ctx, procedure.Filter{})
	if err != nil || n != 1 || pub[0].Name != p.Name || pub[0].Version != 1 || pub[0].Latest != 2 || pub[0].Status != procedure.Published {
		t.Fatalf("public list: %d %+v %v", n, pub, err)
	}
	if pub[0].Revision.ApprovedBy != "approver" || pub[0].Revision.PublishedAt.IsZero() {
		t.Errorf("published revision %+v", pub[0].Revision)
	}
	priv, _, err := db.FindProcedures(ctx, procedure.Filter{Private: true})
	if err != nil || len(priv) != 1 || priv[0].Name != draft.Name || priv[0].Status != procedure.Draft || priv[0].PublishedVersion != 1 {
		t.Errorf("private list: %+v %v", priv, err)
	}
	q := "trich luc"
	if _, n, _ := db.FindProcedures(ctx, procedure.Filter{Query: &q}); n != 1 {
		t.Errorf("folded query found %d", n)
	}
	q = "(sua)"
	if _, n, _ := db.FindProcedures(ctx, procedure.Filter{Query: &q}); n != 0 {
		t.Errorf("the public view matched the draft's name: %d", n)
	}
	if entries, n, err := db.FindAudit(ctx, audit.Filter{ObjectID: &p.Code}); err != nil || n != 4 {
		t.Errorf("audit entries %d (%v): %v", n, entries, err)
	}
}

// catalogue creates six published procedures across levels, fields,
// online levels and two owners.
func catalogue(t *testing.T, db *sqlstore.DB, dept, ward *unit.Unit) {
	t.Helper()
	rows := []struct {
		code, name, field string
		owner             int64
		online            procedure.OnlineLevel
		levels            []procedure.Level
	}{
		{"1.001193", "Đăng ký khai sinh", "Hộ tịch", dept.ID, procedure.OnlineFull, []procedure.Level{procedure.LevelCommune}},
		{"1.000894", "Đăng ký kết hôn", "Hộ tịch", dept.ID, procedure.OnlineFull, []procedure.Level{procedure.LevelCommune}},
		{"2.000635", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", dept.ID, procedure.OnlinePartial, []procedure.Level{procedure.LevelProvince, procedure.LevelCommune}},
		{"2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", ward.ID, procedure.OnlinePartial, []procedure.Level{procedure.LevelCommune}},
		{"2.000884", "Chứng thực chữ ký", "Chứng thực", ward.ID, procedure.OnlineNone, []procedure.Level{procedure.LevelCommune}},
		{"2.000488", "Cấp Phiếu lý lịch tư pháp", "Lý lịch tư pháp", dept.ID, procedure.OnlineFull, []procedure.Level{procedure.LevelProvince}},
	}
	for _, r := range rows {
		p := sample(r.code, r.name, r.owner, r.levels...)
		p.Field, p.OnlineLevel = r.field, r.online
		mustCreateProc(t, db, p)
		publish(t, db, p)
	}
}

func TestFindProceduresFilters(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, ward := procUnits(t, db)
	catalogue(t, db, dept, ward)
	str := func(s string) *string { return &s }
	online := procedure.OnlinePartial
	abolished := procedure.Abolished
	tests := []struct {
		name string
		f    procedure.Filter
		want int
	}{
		{"all", procedure.Filter{}, 6},
		{"folded query", procedure.Filter{Query: str("chung thuc")}, 2},
		{"code query", procedure.Filter{Query: str("2.0008")}, 2},
		{"literal percent", procedure.Filter{Query: str("%")}, 0},
		{"any of levels", procedure.Filter{Levels: []procedure.Level{procedure.LevelProvince}}, 2},
		{"two levels", procedure.Filter{Levels: []procedure.Level{procedure.LevelProvince, procedure.LevelCommune}}, 6},
		{"field", procedure.Filter{Field: str("Hộ tịch")}, 3},
		{"agency", procedure.Filter{Agency: str("Ủy ban nhân dân cấp xã")}, 6},
		{"owner", procedure.Filter{OwnerUnitID: &ward.ID}, 2},
		{"online", procedure.Filter{OnlineLevel: &online}, 2},
		{"status abolished", procedure.Filter{Status: &abolished}, 0},
		{"scope ward", procedure.Filter{Private: true, Scope: &procedure.Scope{UnitIDs: []int64{ward.ID}}}, 2},
		{"scope subtree", procedure.Filter{Private: true, Scope: &procedure.Scope{Subtrees: []string{dept.Path}}}, 4},
		{"empty scope", procedure.Filter{Private: true, Scope: &procedure.Scope{}}, 0},
		{"combined", procedure.Filter{Field: str("Hộ tịch"), Levels: []procedure.Level{procedure.LevelProvince}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, n, err := db.FindProcedures(ctx, tc.f)
			if err != nil || n != tc.want || len(ps) != tc.want {
				t.Errorf("got %d (%d rows), %v; want %d", n, len(ps), err, tc.want)
			}
		})
	}
	page, n, err := db.FindProcedures(ctx, procedure.Filter{Offset: 2, Limit: 3})
	if err != nil || n != 6 || len(page) != 3 {
		t.Errorf("page: %d of %d, %v", len(page), n, err)
	}
}

func TestProcedureFacets(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, ward := procUnits(t, db)
	catalogue(t, db, dept, ward)
	field := "Hộ tịch"
	fc, err := db.ProcedureFacets(ctx, procedure.Filter{Field: &field, Levels: []procedure.Level{procedure.LevelProvince}})
	if err != nil {
		t.Fatal(err)
	}
	show := func(cs []procedure.FacetCount) string {
		s := ""
		for _, c := range cs {
			s += fmt.Sprintf("%s%s=%d ", c.Value, c.Label, c.Count)
		}
		return s
	}
	checks := []struct{ name, got, want string }{
		// Levels ignore the level filter: the three civil status procedures.
		{"levels", show(fc.Levels), "province=1 commune=3 "},
		// Fields ignore the field filter: every field at the province level.
		{"fields", show(fc.Fields), "Hộ tịch=1 Lý lịch tư pháp=1 "},
		{"agencies", show(fc.Agencies), "Ủy ban nhân dân cấp xã=1 "},
		{"online", show(fc.OnlineLevels), "partial=1 "},
		{"owners", show(fc.Owners), "so-tu-phapSở Tư pháp=1 "},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if fc.Total != 1 {
		t.Errorf("total %d", fc.Total)
	}
	all, err := db.ProcedureFacets(ctx, procedure.Filter{})
	if err != nil || all.Total != 6 || show(all.OnlineLevels) != "full=3 partial=2 none=1 " || show(all.Fields) != "Hộ tịch=3 Chứng thực=2 Lý lịch tư pháp=1 " {
		t.Errorf("unfiltered facets: %+v %v", all, err)
	}
}

func TestConcurrentProcedureEditsOneWins(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _ := procUnits(t, db)
	p := mustCreateProc(t, db, sample("1.000894", "Thủ tục đăng ký kết hôn", dept.ID, procedure.LevelCommune))
	const n = 6
	errc := make(chan error, n)
	for i := range n {
		go func() {
			edit := p.Clone() // every editor read version 1
			edit.Result = fmt.Sprintf("Kết quả %d", i)
			errc <- db.AddProcedureVersion(ctx, edit, procEntry("procedure.update", p.Code))
		}()
	}
	ok := 0
	for range n {
		switch err := <-errc; {
		case err == nil:
			ok++
		case !errs.Is(err, errs.Conflict):
			t.Errorf("unexpected error: %v", err)
		}
	}
	revs, _ := db.FindProcedureRevisions(ctx, p.Code)
	if ok != 1 || len(revs) != 2 {
		t.Errorf("%d edits of version 1 succeeded, %d versions stored; want 1 and 2", ok, len(revs))
	}
}
