package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// newUnit returns an active unit ready to create under parent.
func newUnit(code string, kind unit.Kind, name string, parent *unit.Unit) *unit.Unit {
	u := &unit.Unit{Code: code, Kind: kind, NameVI: name, Active: true}
	if parent != nil {
		u.ParentID = parent.ID
	}
	return u
}

func entry(action, code string) *audit.Entry {
	return &audit.Entry{ActorID: 7, ActorName: "tester", Action: action, ObjectKind: "unit", ObjectID: code}
}

func mustCreate(t *testing.T, db *sqlstore.DB, u *unit.Unit) *unit.Unit {
	t.Helper()
	if err := db.CreateUnit(context.Background(), u, entry("unit.create", u.Code)); err != nil {
		t.Fatalf("create %s: %v", u.Code, err)
	}
	return u
}

func mustFind(t *testing.T, db *sqlstore.DB, code string) *unit.Unit {
	t.Helper()
	u, err := db.FindUnitByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("find %s: %v", code, err)
	}
	return u
}

// tree creates the city "01", a department, the ward "00070" and a
// centre under the ward.
func tree(t *testing.T, db *sqlstore.DB) (city, dept, ward, centre *unit.Unit) {
	city = newUnit("01", unit.City, "Thành phố Hà Nội", nil)
	city.GSOCode = "01"
	mustCreate(t, db, city)
	dept = newUnit("so-tu-phap", unit.Department, "Sở Tư pháp", city)
	dept.SortOrder = 1
	mustCreate(t, db, dept)
	ward = newUnit("00070", unit.Ward, "Phường Hoàn Kiếm", city)
	ward.GSOCode, ward.NameEN, ward.SortOrder = "00070", "Hoan Kiem Ward", 1000
	mustCreate(t, db, ward)
	centre = mustCreate(t, db, newUnit("hcc-hoan-kiem", unit.Centre, "Trung tâm phục vụ hành chính công phường Hoàn Kiếm", ward))
	return city, dept, ward, centre
}

func TestCreateUnitBuildsTree(t *testing.T) {
	db := storetest.New(t)
	city, dept, ward, centre := tree(t, db)
	tests := []struct {
		u     *unit.Unit
		path  string
		depth int
	}{
		{city, fmt.Sprintf("/%d/", city.ID), 0},
		{dept, fmt.Sprintf("/%d/%d/", city.ID, dept.ID), 1},
		{ward, fmt.Sprintf("/%d/%d/", city.ID, ward.ID), 1},
		{centre, fmt.Sprintf("/%d/%d/%d/", city.ID, ward.ID, centre.ID), 2},
	}
	for _, tt := range tests {
		got := mustFind(t, db, tt.u.Code)
		if got.Path != tt.path || got.Depth != tt.depth || tt.u.Path != tt.path {
			t.Errorf("%s: path %q depth %d (returned %q), want %q %d", tt.u.Code, got.Path, got.Depth, tt.u.Path, tt.path, tt.depth)
		}
		if got.Version != 1 || !got.Created.Equal(tt.u.Created) || got.Created.Location().String() != "UTC" {
			t.Errorf("%s: version %d created %v, want 1 and %v", tt.u.Code, got.Version, got.Created, tt.u.Created)
		}
	}
	if err := db.CreateUnit(context.Background(), newUnit("x", unit.Agency, "X", &unit.Unit{ID: 9999}), entry("unit.create", "x")); !errs.Is(err, errs.NotFound) {
		t.Errorf("create under a missing parent: %v, want not_found", err)
	}
}

func TestFindUnitByIDAndCode(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, _, _, _ := tree(t, db)
	want := newUnit("so-tai-chinh", unit.Department, "Sở Tài chính", city)
	want.NameEN, want.ShortName, want.AgencyID = "Department of Finance", "STC", "000.00.03.H26"
	want.Address, want.Phone, want.Email = "38B Hàm Long, phường Cửa Nam", "024 3825 3800", "sotaichinh@hanoi.gov.vn"
	want.Website, want.DescriptionVI, want.DescriptionEN = "https://sotaichinh.hanoi.gov.vn", "Mô tả", "About"
	want.SortOrder = 3
	mustCreate(t, db, want)
	want.ParentCode = "01" // filled by the store on read
	byID, err := db.FindUnitByID(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	byCode := mustFind(t, db, "so-tai-chinh")
	if !reflect.DeepEqual(byID, byCode) {
		t.Errorf("by id and by code differ:\n%+v\n%+v", byID, byCode)
	}
	if !reflect.DeepEqual(byID, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", byID, want)
	}
	if _, err := db.FindUnitByCode(ctx, "nope"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown code: %v", err)
	}
	if _, err := db.FindUnitByID(ctx, 424242); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestLeadersRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, _, _, _ := tree(t, db)
	u := newUnit("so-y-te", unit.Department, "Sở Y tế", city)
	u.Leaders = []unit.Leader{
		{Name: "Nguyễn Văn An", PositionVI: "Giám đốc", PositionEN: "Director", BioVI: "Sinh năm 1970.", BioEN: "Born 1970.", Phone: "024 3998 5765", Email: "an@hanoi.gov.vn"},
		{Name: "Trần Thị Bình", PositionVI: "Phó Giám đốc"},
		{Name: "Lê Văn Cường", PositionVI: "Phó Giám đốc"},
	}
	mustCreate(t, db, u)
	got := mustFind(t, db, "so-y-te")
	for i := range u.Leaders {
		u.Leaders[i].Order = i
	}
	if !reflect.DeepEqual(got.Leaders, u.Leaders) {
		t.Fatalf("leaders:\n got %+v\nwant %+v", got.Leaders, u.Leaders)
	}
	got.Leaders = []unit.Leader{{Name: "Lê Văn Cường", PositionVI: "Giám đốc"}, {Name: "Phạm Minh Đức", PositionVI: "Phó Giám đốc", Order: 1}}
	if err := db.UpdateUnit(ctx, got, entry("unit.update", got.Code)); err != nil {
		t.Fatal(err)
	}
	again := mustFind(t, db, "so-y-te")
	if !reflect.DeepEqual(again.Leaders, got.Leaders) {
		t.Errorf("replaced leaders:\n got %+v\nwant %+v", again.Leaders, got.Leaders)
	}
	units, _, _ := db.FindUnits(ctx, unit.Filter{})
	for _, x := range units {
		if x.Leaders != nil {
			t.Errorf("FindUnits loaded leaders of %s", x.Code)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func codes(us []*unit.Unit) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.Code)
	}
	return out
}

func TestFindUnitsFilters(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, _, ward, _ := tree(t, db)
	pct := newUnit("tt-100", unit.Centre, "Điểm 100% trực tuyến", city)
	pct.SortOrder = 2000
	mustCreate(t, db, pct)
	plain := newUnit("tt-1000", unit.Centre, "Điểm 1000 hồ sơ", city)
	plain.SortOrder, plain.Active, plain.InactiveSince = 2001, false, "2025-07-01"
	mustCreate(t, db, plain)
	tests := []struct {
		name string
		f    unit.Filter
		want []string
		all  int
	}{
		{"all, by depth then sort order", unit.Filter{}, []string{"01", "so-tu-phap", "00070", "tt-100", "tt-1000", "hcc-hoan-kiem"}, 6},
		{"folded query", unit.Filter{Query: ptr("hoan kiem")}, []string{"00070", "hcc-hoan-kiem"}, 2},
		{"query with diacritics and case", unit.Filter{Query: ptr("  HOÀN   Kiếm ")}, []string{"00070", "hcc-hoan-kiem"}, 2},
		{"query in English name", unit.Filter{Query: ptr("kiem ward")}, []string{"00070"}, 1},
		{"query by GSO code", unit.Filter{Query: ptr("00070")}, []string{"00070"}, 1},
		{"percent is literal", unit.Filter{Query: ptr("100%")}, []string{"tt-100"}, 1},
		{"lone percent is literal", unit.Filter{Query: ptr("%")}, []string{"tt-100"}, 1},
		{"underscore is literal", unit.Filter{Query: ptr("_")}, []string{}, 0},
		{"backslash is literal", unit.Filter{Query: ptr(`\`)}, []string{}, 0},
		{"empty query selects all", unit.Filter{Query: ptr(" ")}, nil, 6},
		{"kind", unit.Filter{Kind: ptr(unit.Centre)}, []string{"tt-100", "tt-1000", "hcc-hoan-kiem"}, 3},
		{"parent", unit.Filter{ParentID: &ward.ID}, []string{"hcc-hoan-kiem"}, 1},
		{"roots", unit.Filter{ParentID: ptr(int64(0))}, []string{"01"}, 1},
		{"inactive", unit.Filter{Active: ptr(false)}, []string{"tt-1000"}, 1},
		{"active centres", unit.Filter{Kind: ptr(unit.Centre), Active: ptr(true)}, []string{"tt-100", "hcc-hoan-kiem"}, 2},
		{"page", unit.Filter{Offset: 1, Limit: 2}, []string{"so-tu-phap", "00070"}, 6},
		{"offset without limit", unit.Filter{Offset: 4}, []string{"tt-1000", "hcc-hoan-kiem"}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := db.FindUnits(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.all || (tt.want != nil && !reflect.DeepEqual(codes(got), tt.want)) {
				t.Errorf("got %v (total %d), want %v (total %d)", codes(got), total, tt.want, tt.all)
			}
		})
	}
}

func TestUpdateUnitStaleVersion(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _, _ := tree(t, db)
	first, second := mustFind(t, db, dept.Code), mustFind(t, db, dept.Code)
	first.NameEN = "Department of Justice"
	if err := db.UpdateUnit(ctx, first, entry("unit.update", dept.Code)); err != nil {
		t.Fatal(err)
	}
	if first.Version != 2 {
		t.Errorf("version after update = %d, want 2", first.Version)
	}
	second.NameEN = "Justice"
	err := db.UpdateUnit(ctx, second, entry("unit.update", dept.Code))
	if k, _ := errs.KeyOf(err); !errs.Is(err, errs.Conflict) || k != "error.stale" {
		t.Fatalf("stale update: %v, want conflict error.stale", err)
	}
	if got := mustFind(t, db, dept.Code); got.NameEN != "Department of Justice" || got.Version != 2 {
		t.Errorf("stale update changed the unit: %q v%d", got.NameEN, got.Version)
	}
	if second.Version != 1 {
		t.Errorf("failed update changed the caller's version to %d", second.Version)
	}
	if n := auditCount(t, db, "unit.update", dept.Code); n != 1 {
		t.Errorf("%d update entries, want 1 (the failed update writes none)", n)
	}
	gone := &unit.Unit{ID: 999999, Code: "x", Kind: unit.Agency, NameVI: "X", Version: 1}
	if err := db.UpdateUnit(ctx, gone, entry("unit.update", "x")); !errs.Is(err, errs.NotFound) {
		t.Errorf("update of a missing unit: %v", err)
	}
}

func TestMoveSubtreeRewritesPaths(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, dept, ward, centre := tree(t, db)
	section := mustCreate(t, db, newUnit("quay-1", unit.Centre, "Quầy 1", centre))
	// Move the ward (with its centre and the centre's desk) under the department.
	w := mustFind(t, db, ward.Code)
	w.ParentID = dept.ID
	if err := db.UpdateUnit(ctx, w, entry("unit.move", w.Code)); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/%d/%d/%d/", city.ID, dept.ID, ward.ID)
	want := map[string]struct {
		path  string
		depth int
	}{
		ward.Code:    {base, 2},
		centre.Code:  {base + fmt.Sprintf("%d/", centre.ID), 3},
		section.Code: {base + fmt.Sprintf("%d/%d/", centre.ID, section.ID), 4},
		dept.Code:    {fmt.Sprintf("/%d/%d/", city.ID, dept.ID), 1},
	}
	for code, p := range want {
		if got := mustFind(t, db, code); got.Path != p.path || got.Depth != p.depth {
			t.Errorf("%s: %q depth %d, want %q %d", code, got.Path, got.Depth, p.path, p.depth)
		}
	}
	if w.Path != base || w.Depth != 2 || w.Version != 2 {
		t.Errorf("returned unit: %q %d v%d", w.Path, w.Depth, w.Version)
	}
	// Moving the department under the centre, now below it, would cut the tree.
	d := mustFind(t, db, dept.Code)
	d.ParentID = centre.ID
	if err := db.UpdateUnit(ctx, d, entry("unit.move", d.Code)); !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)["parent"] != "unit.parent_cycle" {
		t.Errorf("move under own descendant: %v", err)
	}
	// Moving the ward to the top makes its subtree a tree of its own.
	w.ParentID = 0
	if err := db.UpdateUnit(ctx, w, entry("unit.move", w.Code)); err != nil {
		t.Fatal(err)
	}
	if got := mustFind(t, db, section.Code); got.Path != fmt.Sprintf("/%d/%d/%d/", ward.ID, centre.ID, section.ID) || got.Depth != 2 {
		t.Errorf("after move to the top: %q %d", got.Path, got.Depth)
	}
}

func TestDuplicateCodeIsConflict(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, _, _, _ := tree(t, db)
	dup := newUnit("so-tu-phap", unit.Department, "Sở Tư pháp (bản sao)", city)
	err := db.CreateUnit(ctx, dup, entry("unit.create", "so-tu-phap"))
	if !errs.Is(err, errs.Conflict) || errs.FieldsOf(err)["code"] != "unit.code_taken" {
		t.Errorf("duplicate code: %v", err)
	}
	if dup.ID != 0 {
		t.Errorf("failed create left ID %d", dup.ID)
	}
	gso := newUnit("phuong-hk", unit.Ward, "Phường Hoàn Kiếm (bản sao)", city)
	gso.GSOCode = "00070"
	if err := db.CreateUnit(ctx, gso, entry("unit.create", "phuong-hk")); !errs.Is(err, errs.Conflict) || errs.FieldsOf(err)["gso_code"] != "unit.gso_taken" {
		t.Errorf("duplicate GSO code: %v", err)
	}
	if n := auditCount(t, db, "unit.create", "so-tu-phap"); n != 1 {
		t.Errorf("%d create entries for so-tu-phap, want 1", n)
	}
	if n := auditCount(t, db, "unit.create", "phuong-hk"); n != 0 {
		t.Errorf("failed create was audited")
	}
	// Two units without a GSO code are not duplicates of each other.
	mustCreate(t, db, newUnit("a", unit.Agency, "A", city))
	mustCreate(t, db, newUnit("b", unit.Agency, "B", city))
}

func auditCount(t *testing.T, db *sqlstore.DB, action, code string) int {
	t.Helper()
	_, n, err := db.FindAudit(context.Background(), audit.Filter{Action: &action, ObjectID: &code})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAuditIsPartOfTheChange(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	city, dept, _, _ := tree(t, db)
	es, total, err := db.FindAudit(ctx, audit.Filter{ObjectID: ptr("so-tu-phap")})
	if err != nil || total != 1 {
		t.Fatalf("entries for the created unit: %d, %v", total, err)
	}
	if e := es[0]; e.Action != "unit.create" || e.ActorID != 7 || e.ActorName != "tester" || e.At.IsZero() || e.Outcome != "ok" {
		t.Errorf("entry: %+v", e)
	}
	// The entry is written last in the transaction: when it cannot be
	// written, the unit written before it is rolled back with it.
	if err := db.CreateUnit(ctx, newUnit("orphan", unit.Agency, "Không ghi nhật ký", city), nil); err == nil {
		t.Fatal("create without an audit entry succeeded")
	}
	if _, err := db.FindUnitByCode(ctx, "orphan"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unit of a failed audit entry exists: %v", err)
	}
	d := mustFind(t, db, dept.Code)
	d.NameVI = "Đổi tên không ghi nhật ký"
	if err := db.UpdateUnit(ctx, d, nil); err == nil {
		t.Fatal("update without an audit entry succeeded")
	}
	if got := mustFind(t, db, dept.Code); got.NameVI != "Sở Tư pháp" || got.Version != 1 || len(got.Leaders) != 0 {
		t.Errorf("update of a failed audit entry was kept: %q v%d", got.NameVI, got.Version)
	}
}

func TestFindAuditFilters(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	base := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
	entries := []*audit.Entry{
		{At: base, ActorID: 1, ActorName: "admin", Action: "auth.login", Outcome: "ok", IP: "10.0.0.1"},
		{At: base.Add(time.Minute), ActorName: "", Action: "auth.login", Outcome: "failed", Detail: "bad password"},
		{At: base.Add(2 * time.Minute), ActorID: 1, ActorName: "admin", Action: "unit.create", ObjectKind: "unit", ObjectID: "00070", UnitID: 3},
		{At: base.Add(3 * time.Minute), ActorID: 2, ActorName: "editor", Action: "unit.update", ObjectKind: "unit", ObjectID: "00070", UnitID: 3},
		{At: base.Add(4 * time.Minute), ActorID: 2, ActorName: "editor", Action: "unit_x.update", ObjectKind: "unit", ObjectID: "so-y-te", UnitID: 5},
	}
	for _, e := range entries {
		if err := db.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 {
			t.Fatal("AppendAudit did not set the ID")
		}
	}
	ids := func(es []*audit.Entry) []int64 {
		out := []int64{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	id := func(i ...int) []int64 {
		out := []int64{}
		for _, x := range i {
			out = append(out, entries[x].ID)
		}
		return out
	}
	tests := []struct {
		name  string
		f     audit.Filter
		want  []int64
		total int
	}{
		{"all, newest first", audit.Filter{}, id(4, 3, 2, 1, 0), 5},
		{"actor", audit.Filter{ActorID: ptr(int64(2))}, id(4, 3), 2},
		{"action prefix", audit.Filter{Action: ptr("auth.")}, id(1, 0), 2},
		{"underscore in action is literal", audit.Filter{Action: ptr("unit_")}, id(4), 1},
		{"object", audit.Filter{ObjectKind: ptr("unit"), ObjectID: ptr("00070")}, id(3, 2), 2},
		{"units", audit.Filter{UnitIDs: []int64{5, 3}}, id(4, 3, 2), 3},
		{"since and until", audit.Filter{Since: ptr(base.Add(time.Minute)), Until: ptr(base.Add(3 * time.Minute))}, id(2, 1), 2},
		{"page", audit.Filter{Offset: 1, Limit: 2}, id(3, 2), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := db.FindAudit(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.total || !reflect.DeepEqual(ids(got), tt.want) {
				t.Errorf("got %v (total %d), want %v (total %d)", ids(got), total, tt.want, tt.total)
			}
		})
	}
	got, _, _ := db.FindAudit(ctx, audit.Filter{ActorID: ptr(int64(1)), Limit: 1})
	if !reflect.DeepEqual(got[0], entries[2]) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got[0], entries[2])
	}
}

func TestConcurrentUpdatesOneWins(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, _, _ := tree(t, db)
	const writers = 4
	copies := make([]*unit.Unit, writers) // all read at version 1
	for i := range copies {
		copies[i] = mustFind(t, db, dept.Code)
		copies[i].NameEN = fmt.Sprintf("Writer %d", i)
	}
	errc := make(chan error, writers)
	for _, u := range copies {
		go func() { errc <- db.UpdateUnit(ctx, u, entry("unit.update", u.Code)) }()
	}
	won := 0
	for range writers {
		switch err := <-errc; {
		case err == nil:
			won++
		case !errs.Is(err, errs.Conflict):
			t.Errorf("loser: %v, want conflict", err)
		}
	}
	if got := mustFind(t, db, dept.Code); won != 1 || got.Version != 2 {
		t.Errorf("%d writers won, version %d; want 1 and 2", won, got.Version)
	}
}

func TestCreateDuringMoveKeepsPaths(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, dept, ward, _ := tree(t, db)
	const children = 8
	errc := make(chan error, children+1)
	w := mustFind(t, db, ward.Code)
	w.ParentID = dept.ID
	go func() { errc <- db.UpdateUnit(ctx, w, entry("unit.move", w.Code)) }()
	for i := range children {
		go func() {
			c := newUnit(fmt.Sprintf("quay-%d", i), unit.Centre, "Quầy", ward)
			errc <- db.CreateUnit(ctx, c, entry("unit.create", c.Code))
		}()
	}
	for range children + 1 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	w = mustFind(t, db, ward.Code)
	kids, _, _ := db.FindUnits(ctx, unit.Filter{ParentID: &w.ID})
	for _, k := range kids {
		if k.Path != fmt.Sprintf("%s%d/", w.Path, k.ID) || k.Depth != w.Depth+1 {
			t.Errorf("%s: path %q depth %d under %q", k.Code, k.Path, k.Depth, w.Path)
		}
	}
}
