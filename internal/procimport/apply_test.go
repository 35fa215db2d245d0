package procimport_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procimport"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
)

// system is the command line's actor: a portal admin without a user ID.
func system() context.Context {
	return access.WithActor(context.Background(), &access.Actor{Name: "import", Grants: []access.Grant{{Role: access.PortalAdmin}}})
}

// setup returns a database holding the city and its Department of Justice,
// and a service on it.
func setup(t testing.TB) (*sqlstore.DB, *procedure.Service) {
	t.Helper()
	db := storetest.New(t)
	city := &unit.Unit{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội", Active: true}
	for _, u := range []*unit.Unit{city, {Code: "so-tu-phap", Kind: unit.Department, NameVI: "Sở Tư pháp", Active: true}} {
		if u != city {
			u.ParentID = city.ID
		}
		if err := db.CreateUnit(context.Background(), u, &audit.Entry{ActorName: "test", Action: "unit.create"}); err != nil {
			t.Fatal(err)
		}
	}
	return db, procedure.NewService(db, db)
}

func TestApplyIsIdempotentAndVersions(t *testing.T) {
	ctx := system()
	db, svc := setup(t)
	rep, err := procimport.Apply(ctx, svc, db, readFixture(t, "small.jsonl"), procimport.Options{})
	if err != nil || len(rep.Created) != 3 || len(rep.Failed) != 0 {
		t.Fatalf("first run: %+v, %v", rep, err)
	}
	if rep.Owners["so-tu-phap"] != 1 || rep.Owners["01"] != 2 {
		t.Errorf("owners %v", rep.Owners)
	}
	owners := 0
	for _, p := range rep.Problems {
		if p.Field == "owner" {
			owners++
		}
	}
	if owners != 2 || rep.ProblemsByField()["channels.fees"] == 0 {
		t.Errorf("problems by field %v", rep.ProblemsByField())
	}

	again, err := procimport.Apply(ctx, svc, db, readFixture(t, "small.jsonl"), procimport.Options{})
	if err != nil || len(again.Unchanged) != 3 || len(again.Created)+len(again.Updated) != 0 {
		t.Fatalf("second run: %+v, %v", again, err)
	}

	changed, err := procimport.Apply(ctx, svc, db, readFixture(t, "changed.jsonl"), procimport.Options{})
	if err != nil || strings.Join(changed.Updated, ",") != "1.900001" || len(changed.Unchanged) != 2 {
		t.Fatalf("changed run: %+v, %v", changed, err)
	}
	p, err := svc.FindProcedureByCode(context.Background(), "1.900001")
	if err != nil || p.Version != 2 || p.Channels[0].TimeLimit.Value != 2 || p.Revision.Decision != "1234/QĐ-BTP" {
		t.Errorf("after the change the public sees %+v, %v", p, err)
	}
	if revs, _ := svc.Versions(ctx, "1.900001"); len(revs) != 2 || revs[0].Change != procedure.ChangeAnnounce {
		t.Errorf("history %+v", revs)
	}
}

func TestApplyOwnerOverride(t *testing.T) {
	ctx := system()
	db, svc := setup(t)
	rep, err := procimport.Apply(ctx, svc, db, readFixture(t, "small.jsonl"), procimport.Options{Owner: "so-tu-phap"})
	if err != nil || rep.Owners["so-tu-phap"] != 3 {
		t.Fatalf("override: %+v, %v", rep, err)
	}
	for _, p := range rep.Problems {
		if p.Field == "owner" {
			t.Errorf("owner problem with an explicit owner: %v", p)
		}
	}
	if _, err := procimport.Apply(ctx, svc, db, nil, procimport.Options{Owner: "khong-co"}); err == nil {
		t.Error("an unknown owner unit was accepted")
	}
}

func TestApplyNeedsAnApprover(t *testing.T) {
	db, svc := setup(t)
	rep, err := procimport.Apply(context.Background(), svc, db, readFixture(t, "small.jsonl"), procimport.Options{})
	if err != nil || len(rep.Failed) != 3 || len(rep.Created) != 0 {
		t.Errorf("anonymous import: %+v, %v", rep, err)
	}
}
