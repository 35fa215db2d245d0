package unitimport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/unitimport"
)

// sharedData returns the directory of the shared public data sets, from
// CONG_SHARED_DATA or beside the checkout, skipping the test without it.
func sharedData(t *testing.T) string {
	dir := os.Getenv("CONG_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s (set CONG_SHARED_DATA)", dir)
	}
	return dir
}

// TestRealHanoi reads the real published file and official lists: Hanoi has
// 126 wards and communes, their codes and names match the official list up
// to tone-mark placement, and the demo seed agrees with the file.
func TestRealHanoi(t *testing.T) {
	dir := sharedData(t)
	files, _ := filepath.Glob(filepath.Join(dir, "vn-provinces-db-2026", "simplified_json_*.json"))
	if len(files) != 1 {
		t.Skipf("want one vn-provinces-db JSON file, found %v", files)
	}
	recs, err := unitimport.Load(files[0], "01")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[unit.Kind]int{}
	for _, r := range recs[1:] {
		kinds[r.Kind]++
	}
	if len(recs) != 127 || kinds[unit.Ward]+kinds[unit.Commune] != 126 {
		t.Fatalf("%d records, kinds %v; want the city and 126 units", len(recs), kinds)
	}
	for _, p := range unitimport.CheckOfficial(recs, filepath.Join(dir, "dvhcvn-20250701-merger")) {
		if !p.Minor() {
			t.Errorf("official list: %v", p)
		}
	}
	db := storetest.New(t)
	if _, err := seed.Units(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	rep, err := unitimport.Apply(context.Background(), db, recs, "importer")
	if err != nil || len(rep.Unchanged) != 127 {
		t.Errorf("import over the seed: created %v updated %v, %v", rep.Created, rep.Updated, err)
	}
}
