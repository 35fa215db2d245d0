package unit_test

import (
	"testing"

	"github.com/cong-vn/cong/internal/unit"
)

func TestPlaceNameAndRootID(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Thành phố Hà Nội", "Hà Nội"},
		{"Ủy ban nhân dân thành phố Hòa An", "Hòa An"},
		{"UBND TP Hòa An", "Hòa An"},
		{"Tỉnh Quảng Ninh", "Quảng Ninh"},
		{"Phường Hoàn Kiếm", "Hoàn Kiếm"},
		{"Đặc khu Phú Quốc", "Phú Quốc"},
		{"Huế", "Huế"},
		{"Thành phố", "Thành phố"}, // nothing after the kind: kept whole
	} {
		if got := (&unit.Unit{NameVI: tc.name}).PlaceName(); got != tc.want {
			t.Errorf("PlaceName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := (&unit.Unit{ID: 23, Path: "/1/5/23/"}).RootID(); got != 1 {
		t.Errorf("RootID = %d, want 1", got)
	}
	if got := (&unit.Unit{ID: 7}).RootID(); got != 7 {
		t.Errorf("RootID without a path = %d, want 7", got)
	}
}
