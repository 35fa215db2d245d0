package procedure_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

// wantErr fails unless err has code and, when key is set, that key.
func wantErr(t *testing.T, what string, err error, code errs.Code, key string) {
	t.Helper()
	if !errs.Is(err, code) {
		t.Errorf("%s: got %v, want %s", what, err, code)
		return
	}
	if got, _ := errs.KeyOf(err); key != "" && got != key {
		t.Errorf("%s: key %q, want %q", what, got, key)
	}
}

func TestLifecycle(t *testing.T) {
	f := newFixture(t)
	p := f.create("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân")
	if p.Status != procedure.Draft || p.Version != 1 || p.Revision.AuthorName != "editor" {
		t.Fatalf("created %+v", p)
	}
	_, err := f.svc.FindProcedureByCode(f.anon, p.Code)
	wantErr(t, "the public reads a draft", err, errs.NotFound, "procedure.not_found")
	_, err = f.svc.Approve(f.editor, p.Code, 1)
	wantErr(t, "an editor approves", err, errs.Forbidden, "")
	_, err = f.svc.Publish(f.approver, p.Code, 1)
	wantErr(t, "publish a draft", err, errs.Conflict, "procedure.bad_transition")
	_, err = f.svc.Approve(f.approver, p.Code, 2)
	wantErr(t, "approve an unknown version", err, errs.Conflict, "error.stale")

	f.publish(p.Code, 1)
	pub, err := f.svc.FindProcedureByCode(f.anon, p.Code)
	if err != nil || pub.Status != procedure.Published || pub.Revision.PublishedBy != "approver" {
		t.Fatalf("public read after publishing: %+v, %v", pub, err)
	}

	edit, _ := f.svc.FindProcedureByCode(f.editor, p.Code)
	edit.Name = "Cấp Giấy xác nhận tình trạng hôn nhân"
	if err := f.svc.UpdateProcedure(f.editor, edit, procedure.Basis{Reason: "rút gọn tên"}); err != nil {
		t.Fatal(err)
	}
	if edit.Version != 2 || edit.Status != procedure.Draft || edit.PublishedVersion != 1 {
		t.Errorf("after edit: v%d %s published v%d", edit.Version, edit.Status, edit.PublishedVersion)
	}
	pub, _ = f.svc.FindProcedureByCode(f.anon, p.Code)
	if pub.Name != p.Name || pub.Version != 1 || pub.Latest != 1 {
		t.Errorf("the public sees %q v%d (latest %d) while v2 is a draft", pub.Name, pub.Version, pub.Latest)
	}
	checkHistory(t, f, p.Code, 1, 2)
	_, err = f.svc.Version(f.anon, p.Code, 2)
	wantErr(t, "the public reads the draft version", err, errs.NotFound, "")

	f.publish(p.Code, 2)
	pub, _ = f.svc.FindProcedureByCode(f.anon, p.Code)
	if pub.Name != edit.Name || pub.Version != 2 {
		t.Errorf("after publishing v2 the public sees %q v%d", pub.Name, pub.Version)
	}
	testAbolish(t, f, p.Code)
}

// checkHistory checks that the public sees publicN versions and the
// department's staff allN.
func checkHistory(t *testing.T, f *fixture, code string, publicN, allN int) {
	t.Helper()
	pubRevs, err := f.svc.Versions(f.anon, code)
	if err != nil || len(pubRevs) != publicN {
		t.Errorf("public history: %d versions, %v; want %d", len(pubRevs), err, publicN)
	}
	all, err := f.svc.Versions(f.editor, code)
	if err != nil || len(all) != allN {
		t.Errorf("staff history: %d versions, %v; want %d", len(all), err, allN)
	}
}

func testAbolish(t *testing.T, f *fixture, code string) {
	t.Helper()
	_, err := f.svc.Abolish(f.approver, code, 2, procedure.Basis{Reason: "thiếu quyết định"})
	wantErr(t, "abolish without a decision", err, errs.Invalid, "")
	_, err = f.svc.Abolish(f.editor, code, 2, procedure.Basis{Decision: "99/QĐ-UBND"})
	wantErr(t, "an editor abolishes", err, errs.Forbidden, "")
	ab, err := f.svc.Abolish(f.approver, code, 2, procedure.Basis{Decision: "Quyết định số 99/QĐ-UBND", Date: "2025-12-31", Reason: "bãi bỏ"})
	if err != nil || ab.Version != 3 || ab.Status != procedure.Abolished || ab.EffectiveTo != "2025-12-31" {
		t.Fatalf("abolish: %+v, %v", ab, err)
	}
	pub, err := f.svc.FindProcedureByCode(f.anon, code)
	if err != nil || pub.Status != procedure.Abolished || pub.Revision.Decision != "Quyết định số 99/QĐ-UBND" {
		t.Errorf("the public reads the abolished procedure: %+v, %v", pub, err)
	}
	if _, n, _ := f.svc.FindProcedures(f.anon, procedure.Filter{}); n != 0 {
		t.Errorf("the public catalogue lists %d abolished procedures", n)
	}
	st := procedure.Abolished
	if _, n, _ := f.svc.FindProcedures(f.anon, procedure.Filter{Status: &st}); n != 1 {
		t.Errorf("the list of abolished procedures has %d", n)
	}
	ab.Name = "Sửa sau khi bãi bỏ"
	wantErr(t, "edit an abolished procedure", f.svc.UpdateProcedure(f.editor, ab, procedure.Basis{}), errs.Conflict, "procedure.abolished")
	checkHistory(t, f, code, 3, 3)
}

func TestStaleEditIsConflict(t *testing.T) {
	f := newFixture(t)
	f.create("1.001193", "Thủ tục đăng ký khai sinh")
	a, _ := f.svc.FindProcedureByCode(f.editor, "1.001193")
	b, _ := f.svc.FindProcedureByCode(f.approver, "1.001193")
	a.Result = "Giấy khai sinh"
	if err := f.svc.UpdateProcedure(f.editor, a, procedure.Basis{}); err != nil {
		t.Fatal(err)
	}
	b.Result = "Giấy khai sinh (bản chính)"
	wantErr(t, "the second of two edits of v1", f.svc.UpdateProcedure(f.approver, b, procedure.Basis{}), errs.Conflict, "error.stale")
	cur, _ := f.svc.FindProcedureByCode(f.editor, "1.001193")
	if cur.Result != "Giấy khai sinh" || cur.Version != 2 {
		t.Errorf("current %q v%d", cur.Result, cur.Version)
	}
	_, err := f.svc.Approve(f.approver, "1.001193", 1)
	wantErr(t, "approve the version read before an edit", err, errs.Conflict, "error.stale")
}

func TestUnchangedUpdateStoresNothing(t *testing.T) {
	f := newFixture(t)
	f.create("1.000656", "Thủ tục đăng ký khai tử")
	cur, _ := f.svc.FindProcedureByCode(f.editor, "1.000656")
	cur.Name = "  Thủ tục đăng ký khai tử " // normalises to the same content
	if err := f.svc.UpdateProcedure(f.editor, cur, procedure.Basis{}); err != nil || cur.Version != 1 {
		t.Fatalf("unchanged update: v%d, %v", cur.Version, err)
	}
	revs, _ := f.svc.Versions(f.editor, "1.000656")
	if len(revs) != 1 {
		t.Errorf("%d versions after an unchanged save", len(revs))
	}
}

func TestAuthorisation(t *testing.T) {
	f := newFixture(t)
	f.create("1.000894", "Thủ tục đăng ký kết hôn")
	ctx := context.Background()
	wantErr(t, "anonymous create", f.svc.CreateProcedure(f.anon, draft("1.000001", "X", f.dept), procedure.Basis{}), errs.Unauthorized, "")
	wantErr(t, "create for another unit", f.svc.CreateProcedure(f.wardEditor, draft("1.000002", "X", f.dept), procedure.Basis{}), errs.Forbidden, "")
	orphan := draft("1.000003", "X", f.dept)
	orphan.OwnerUnitID = 9999
	err := f.svc.CreateProcedure(f.admin, orphan, procedure.Basis{})
	if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)["owner_unit"] != "procedure.owner_missing" {
		t.Errorf("unknown owner: %v", err)
	}
	dup := draft("1.000894", "Trùng mã", f.dept)
	wantErr(t, "duplicate code", f.svc.CreateProcedure(f.editor, dup, procedure.Basis{}), errs.Conflict, "procedure.code_taken")

	p := draft("1.000894", "Sửa", f.dept)
	p.Version = 1
	wantErr(t, "another unit's editor edits a draft", f.svc.UpdateProcedure(f.wardEditor, p, procedure.Basis{}), errs.NotFound, "")
	f.publish("1.000894", 1)
	wantErr(t, "another unit's editor edits a published one", f.svc.UpdateProcedure(f.wardEditor, p, procedure.Basis{}), errs.Forbidden, "")
	moved := draft("1.000894", "Chuyển", f.ward)
	moved.Version = 1
	wantErr(t, "move to a unit the editor has no role on", f.svc.UpdateProcedure(f.editor, moved, procedure.Basis{}), errs.Forbidden, "")
	_, err = f.svc.Approve(ctx, "1.000894", 1)
	wantErr(t, "anonymous approve", err, errs.Unauthorized, "")

	entries, _, err := f.db.FindAudit(ctx, audit.Filter{ObjectKind: ptr("procedure")})
	if err != nil || len(entries) != 3 {
		t.Errorf("audit entries %d, %v; want create, approve, publish", len(entries), err)
	}
	for _, e := range entries {
		if e.UnitID != f.dept.ID || e.ActorName == "" || e.ObjectID != "1.000894" {
			t.Errorf("audit entry %+v", e)
		}
	}
}

func TestFindProceduresScope(t *testing.T) {
	f := newFixture(t)
	f.create("1.001193", "Thủ tục đăng ký khai sinh")
	f.publish("1.001193", 1)
	f.create("1.000894", "Thủ tục đăng ký kết hôn")
	w := draft("2.000815", "Chứng thực bản sao từ bản chính", f.ward)
	if err := f.svc.CreateProcedure(f.wardEditor, w, procedure.Basis{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ctx  context.Context
		f    procedure.Filter
		want int
	}{
		{"public", f.anon, procedure.Filter{}, 1},
		{"public asks private", f.anon, procedure.Filter{Private: true}, 1},
		{"department editor", f.editor, procedure.Filter{Private: true}, 2},
		{"ward editor", f.wardEditor, procedure.Filter{Private: true}, 1},
		{"scope cannot be forged", f.wardEditor, procedure.Filter{Private: true, Scope: &procedure.Scope{UnitIDs: []int64{f.dept.ID}}}, 1},
		{"portal admin", f.admin, procedure.Filter{Private: true}, 3},
	}
	for _, tc := range tests {
		_, n, err := f.svc.FindProcedures(tc.ctx, tc.f)
		if err != nil || n != tc.want {
			t.Errorf("%s: %d, %v; want %d", tc.name, n, err, tc.want)
		}
		fc, err := f.svc.Facets(tc.ctx, tc.f)
		if err != nil || fc.Total != tc.want {
			t.Errorf("%s facets: total %v, %v; want %d", tc.name, fc, err, tc.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestAbolishedDraftStaysPrivate(t *testing.T) {
	f := newFixture(t)
	f.create("1.004884", "Thủ tục đăng ký lại khai sinh")
	ab, err := f.svc.Abolish(f.approver, "1.004884", 1, procedure.Basis{Decision: "7/QĐ-UBND"})
	if err != nil || ab.Status != procedure.Abolished || ab.PublishedVersion != 0 {
		t.Fatalf("abolish a draft: %+v, %v", ab, err)
	}
	_, err = f.svc.FindProcedureByCode(f.anon, "1.004884")
	wantErr(t, "the public reads an abolished draft", err, errs.NotFound, "")
	_, err = f.svc.Versions(f.anon, "1.004884")
	wantErr(t, "the public reads its history", err, errs.NotFound, "")
	_, err = f.svc.Version(f.anon, "1.004884", 2)
	wantErr(t, "the public reads its abolishing version", err, errs.NotFound, "")
	if revs, err := f.svc.Versions(f.editor, "1.004884"); err != nil || len(revs) != 2 {
		t.Errorf("staff history %d, %v", len(revs), err)
	}
}
