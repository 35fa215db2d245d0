package unitimport_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/unitimport"
)

const fixture = "testdata/provinces.json"

func TestLoadProvince(t *testing.T) {
	recs, err := unitimport.Load(fixture, "01")
	if err != nil {
		t.Fatal(err)
	}
	want := []unitimport.Record{
		{Code: "01", Kind: unit.City, NameVI: "Thành phố Hà Nội", NameEN: "Hanoi City", ShortName: "Hà Nội"},
		{Code: "00004", Parent: "01", Kind: unit.Ward, NameVI: "Phường Ba Đình", NameEN: "Ba Dinh Ward", ShortName: "Ba Đình"},
		// Decomposed text and stray spaces in the file come out in NFC, trimmed.
		{Code: "00070", Parent: "01", Kind: unit.Ward, NameVI: "Phường Hoàn Kiếm", NameEN: "Hoan Kiem Ward", ShortName: "Hoàn Kiếm"},
		{Code: "00082", Parent: "01", Kind: unit.Ward, NameVI: "Phường Cửa Nam", NameEN: "Cua Nam Ward", ShortName: "Cửa Nam"},
		{Code: "00175", Parent: "01", Kind: unit.Ward, NameVI: "Phường Yên Hoà", NameEN: "Yen Hoa Ward", ShortName: "Yên Hoà"},
		{Code: "09700", Parent: "01", Kind: unit.Commune, NameVI: "Xã Ba Vì", NameEN: "Ba Vi Commune", ShortName: "Ba Vì"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", recs, want)
	}
}

func TestLoadSpecialZoneIsCommune(t *testing.T) {
	recs, err := unitimport.Load(fixture, "22")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Kind != unit.Commune || recs[1].NameVI != "Đặc khu Cô Tô" {
		t.Errorf("got %+v", recs)
	}
}

func TestLoadErrors(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.json")
	os.WriteFile(broken, []byte(`[{"Code": "01",`), 0o600)
	tests := []struct {
		name, path, province string
		want                 errs.Code
	}{
		{"unknown province", fixture, "99", errs.NotFound},
		{"unknown level", fixture, "77", errs.Invalid},
		{"repeated code", fixture, "78", errs.Invalid},
		{"missing file", "testdata/none.json", "01", errs.Invalid},
		{"broken JSON", broken, "01", errs.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := unitimport.Load(tt.path, tt.province); errs.CodeOf(err) != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}
