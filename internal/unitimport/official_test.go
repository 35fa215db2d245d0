package unitimport_test

import (
	"reflect"
	"testing"

	"github.com/cong-vn/cong/internal/unitimport"
)

const officialDir = "testdata/official"

func mustLoad(t *testing.T, province string) []unitimport.Record {
	t.Helper()
	recs, err := unitimport.Load(fixture, province)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCheckOfficialClean(t *testing.T) {
	got := unitimport.CheckOfficial(mustLoad(t, "01"), officialDir)
	want := []unitimport.Problem{{Kind: unitimport.ToneMarks, Code: "00175", Got: "Phường Yên Hoà", Want: "Phường Yên Hòa"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if !got[0].Minor() {
		t.Error("a tone-mark difference is not minor")
	}
}

func TestCheckOfficialProblems(t *testing.T) {
	got := unitimport.CheckOfficial(mustLoad(t, "04"), officialDir)
	want := []unitimport.Problem{
		{Kind: unitimport.NameDiffers, Code: "01290", Got: "xã Bảo Lâm", Want: "Xã Bảo Lâm"},
		{Kind: unitimport.UnknownCode, Code: "01999", Got: "Xã Không Có"},
		{Kind: unitimport.WrongProvince, Code: "00082", Got: "Phường Cửa Nam", Want: "Thành phố Hà Nội"},
		{Kind: unitimport.Missing, Code: "01297", Want: "Xã Nam Quang"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%v\nwant\n%v", got, want)
	}
	for _, p := range got {
		if p.Minor() || p.String() == "" {
			t.Errorf("%v: minor or without text", p)
		}
	}
}

func TestCheckOfficialUnknownProvince(t *testing.T) {
	got := unitimport.CheckOfficial(mustLoad(t, "22"), officialDir)
	if len(got) != 2 || got[0].Kind != unitimport.UnknownCode || got[0].Code != "22" || got[1].Kind != unitimport.UnknownCode {
		t.Errorf("got %v", got)
	}
}

func TestCheckOfficialUnreadable(t *testing.T) {
	got := unitimport.CheckOfficial(mustLoad(t, "01"), "testdata/nowhere")
	if len(got) != 1 || got[0].Kind != unitimport.Unreadable || got[0].Minor() {
		t.Errorf("got %v", got)
	}
}
