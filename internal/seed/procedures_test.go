package seed_test

import (
	"context"
	"testing"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
)

func TestSeedProcedures(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	svc := procedure.NewService(db, db)
	created, err := seed.Procedures(ctx, svc, db)
	if err != nil {
		t.Fatalf("seed: %v (created %d)", err, created)
	}
	if created < 40 {
		t.Errorf("created %d procedures, want at least 40", created)
	}
	all, n, err := svc.FindProcedures(ctx, procedure.Filter{})
	if err != nil || n != created {
		t.Fatalf("the public catalogue lists %d of %d, %v", n, created, err)
	}
	fields := map[string]bool{}
	for _, p := range all {
		fields[p.Field] = true
		checkSeeded(t, p)
	}
	for _, f := range []string{"Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú", "Đất đai", "Hoạt động xây dựng",
		"Thành lập và hoạt động của hộ kinh doanh", "Bảo trợ xã hội"} {
		if !fields[f] {
			t.Errorf("no procedure of field %q", f)
		}
	}
	p, err := svc.FindProcedureByCode(ctx, "1.001193")
	if err != nil || p.Name != "Thủ tục đăng ký khai sinh" || p.OwnerUnitCode != "so-tu-phap" {
		t.Errorf("khai sinh: %+v, %v", p, err)
	}

	again, err := seed.Procedures(ctx, svc, db)
	if err != nil || again != 0 {
		t.Errorf("second run created %d, %v; want 0", again, err)
	}
	if _, n2, _ := svc.FindProcedures(ctx, procedure.Filter{}); n2 != n {
		t.Errorf("second run changed the count from %d to %d", n, n2)
	}
}

// checkSeeded checks what every seeded procedure must have.
func checkSeeded(t *testing.T, p *procedure.Procedure) {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Errorf("%s: %v", p.Code, err)
	}
	if p.Status != procedure.Published || p.Source != "seed" || p.OwnerUnitCode == "" {
		t.Errorf("%s: status %s source %q owner %q", p.Code, p.Status, p.Source, p.OwnerUnitCode)
	}
	if len(p.Steps) < 2 || len(p.Channels) == 0 || len(p.Documents) == 0 || len(p.LegalBasis) == 0 || p.Result == "" {
		t.Errorf("%s: incomplete: %d steps, %d channels, %d documents, %d legal refs", p.Code,
			len(p.Steps), len(p.Channels), len(p.Documents), len(p.LegalBasis))
	}
	for _, c := range p.Channels {
		if c.TimeLimitText == "" || len(c.Fees) == 0 && c.Kind == procedure.InPerson {
			t.Errorf("%s: channel %s has no time limit text or no fee", p.Code, c.Kind)
		}
	}
}
