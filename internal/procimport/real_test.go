package procimport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procimport"
	"github.com/cong-vn/cong/internal/seed"
)

// realFile returns the 207-record national file, from CONG_SHARED_DATA or
// beside the checkout, skipping the test without it.
func realFile(t testing.TB) string {
	dir := os.Getenv("CONG_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	path := filepath.Join(dir, "tthc-dvcqg-207", "tthc_207.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("national procedure file not found at %s (set CONG_SHARED_DATA)", path)
	}
	return path
}

// TestRealNational imports the real file over the demo units: every
// record imports, a second run changes nothing, and the public catalogue
// lists them all.
func TestRealNational(t *testing.T) {
	path := realFile(t)
	recs, err := procimport.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	items := procimport.MapAll(recs)
	db, svc := setup(t)
	ctx := system()
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	rep, err := procimport.Apply(ctx, svc, db, items, procimport.Options{})
	if err != nil || len(rep.Created) != 207 || len(rep.Failed) != 0 {
		t.Fatalf("first run: created %d, failed %v, %v", len(rep.Created), rep.Failed, err)
	}
	t.Logf("problems by field: %v; owners %v", rep.ProblemsByField(), rep.Owners)
	again, err := procimport.Apply(ctx, svc, db, procimport.MapAll(recs), procimport.Options{})
	if err != nil || len(again.Unchanged) != 207 {
		t.Fatalf("second run: unchanged %d, created %d, updated %v, failed %v, %v",
			len(again.Unchanged), len(again.Created), again.Updated, again.Failed, err)
	}
	if _, n, err := svc.FindProcedures(context.Background(), procedure.Filter{}); err != nil || n != 207 {
		t.Errorf("public catalogue: %d, %v", n, err)
	}
}
