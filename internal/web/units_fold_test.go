package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/unit"
)

// A unit with more units below it than a page should hold: the tree and
// its page show the first ones and link to the paginated list of all.
func TestDirectoryFoldsLargeBranches(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	city, err := f.db.FindUnitByCode(ctx, "01")
	if err != nil {
		t.Fatal(err)
	}
	const extra = 205 // with the two active seeded units: 207 below the city
	for i := range extra {
		u := &unit.Unit{Code: fmt.Sprintf("x-%03d", i), Kind: unit.Commune, ParentID: city.ID, Active: true,
			NameVI: fmt.Sprintf("Xã Thử %03d", i)}
		if err := f.db.CreateUnit(ctx, u, &audit.Entry{At: time.Now().UTC(), Action: "unit.create", ActorName: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	all := "/don-vi?parent=01"
	_, tree := f.run(t, scenario{path: "/don-vi", status: 200,
		want: []string{`href="` + all + `"`, "Xem tất cả 207 đơn vị trực thuộc"}})
	if n := strings.Count(tree, `href="/don-vi/x-`); n > 200 {
		t.Errorf("the tree lists %d of the units below the city, want at most 200", n)
	}
	_, page := f.run(t, scenario{path: "/don-vi/01", status: 200, want: []string{`href="` + all + `"`, "Xem tất cả 207"}})
	if n := strings.Count(page, `href="/don-vi/x-`); n > 200 {
		t.Errorf("the city's page lists %d units below it, want at most 200", n)
	}
	f.run(t, scenario{path: all, status: 200,
		want:    []string{"Các đơn vị trực thuộc Ủy ban nhân dân thành phố Hà Nội", "207 đơn vị", "parent=01", "Sở Tư pháp"},
		notWant: []string{"Xem tất cả"}})
	f.run(t, scenario{path: all + "&page=5", status: 200, want: []string{"Xã Thử 204"}})
	f.run(t, scenario{path: "/en/units?parent=01", status: 200, want: []string{"Units below Hanoi People&#39;s Committee"}})
	f.run(t, scenario{path: "/don-vi?parent=khong-co", status: 404})
	// A small branch is shown whole, with no link.
	f.run(t, scenario{path: "/don-vi/so-tu-phap", status: 200, notWant: []string{"Xem tất cả"}})
}
