package procedure_test

import (
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

func TestAnnounce(t *testing.T) {
	f := newFixture(t)
	p := draft("1.013133", "Thủ tục đăng ký nghĩa vụ quân sự lần đầu", f.dept)
	p.AnnouncingDecision = "6375/QĐ-BQP"
	_, err := f.svc.Announce(f.editor, p.Clone(), procedure.Basis{})
	wantErr(t, "an editor announces", err, errs.Forbidden, "")

	out, err := f.svc.Announce(f.admin, p.Clone(), procedure.Basis{Reason: "import"})
	if err != nil || out != procedure.Created {
		t.Fatalf("first announce: %s, %v", out, err)
	}
	pub, err := f.svc.FindProcedureByCode(f.anon, p.Code)
	if err != nil || pub.Status != procedure.Published || pub.Revision.Change != procedure.ChangeAnnounce || pub.Revision.Decision != "6375/QĐ-BQP" {
		t.Fatalf("announced procedure: %+v, %v", pub, err)
	}
	if out, err := f.svc.Announce(f.admin, p.Clone(), procedure.Basis{}); err != nil || out != procedure.Unchanged {
		t.Errorf("same content: %s, %v", out, err)
	}

	// A staff draft is superseded by a new announcement, and kept.
	edit := pub.Clone()
	edit.Result = "Giấy chứng nhận đăng ký nghĩa vụ quân sự"
	if err := f.svc.UpdateProcedure(f.editor, edit, procedure.Basis{}); err != nil {
		t.Fatal(err)
	}
	changed := p.Clone()
	changed.Channels[0].TimeLimitText = "01 ngày làm việc"
	if out, err := f.svc.Announce(f.admin, changed, procedure.Basis{}); err != nil || out != procedure.Amended || changed.Version != 3 {
		t.Fatalf("changed content: %s v%d, %v", out, changed.Version, err)
	}
	pub, _ = f.svc.FindProcedureByCode(f.anon, p.Code)
	if pub.Version != 3 || pub.Channels[0].TimeLimitText != "01 ngày làm việc" {
		t.Errorf("after the amendment the public sees v%d %+v", pub.Version, pub.Channels)
	}
	if revs, _ := f.svc.Versions(f.admin, p.Code); len(revs) != 3 || revs[1].Status != procedure.Draft {
		t.Errorf("history %+v", revs)
	}

	if _, err := f.svc.Abolish(f.admin, p.Code, 3, procedure.Basis{Decision: "1/QĐ-BQP"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Announce(f.admin, p.Clone(), procedure.Basis{})
	wantErr(t, "announce an abolished procedure", err, errs.Conflict, "procedure.abolished")

	nodecision := draft("1.013134", "Không có quyết định", f.dept)
	_, err = f.svc.Announce(f.admin, nodecision, procedure.Basis{})
	wantErr(t, "announce without decision or reason", err, errs.Invalid, "")
}
