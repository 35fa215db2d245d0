package dossier_test

import (
	"testing"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

func TestReceiptFormat(t *testing.T) {
	in := dossier.ReceiptInput{AgencyID: "000.00.00.H26", UnitCode: "hcc-hoan-kiem", ReceivedAt: at(2, 10, 23, 30)}
	f := dossier.MustParseReceiptFormat(dossier.DefaultReceiptFormat)
	if got := f.Format(in, 7); got != "000.00.00.H26-250210-0007" {
		t.Errorf("default: %s", got)
	}
	if got := f.Key(in); got != "000.00.00.H26-250210-#" {
		t.Errorf("key: %s", got)
	}
	f2 := dossier.MustParseReceiptFormat("{{HS}}/{unit}/{yyyy}{mm}{dd}/{seq}")
	if got := f2.Format(dossier.ReceiptInput{UnitCode: "u1", ReceivedAt: in.ReceivedAt}, 12345); got != "{HS}/u1/20250210/12345" {
		t.Errorf("custom: %s", got)
	}
	if got := f.Format(dossier.ReceiptInput{UnitCode: "hcc", ReceivedAt: in.ReceivedAt}, 1); got != "hcc-250210-0001" {
		t.Errorf("agency falls back to the unit code: %s", got)
	}
	for _, bad := range []string{"{agency}", "{seq}{seq}", "{seq:0}", "{seq:13}", "{nope}-{seq}", "{seq", "x}{seq}", "{yy:2}{seq}"} {
		if _, err := dossier.ParseReceiptFormat(bad); !errs.Is(err, errs.Invalid) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestValidReceiptCode(t *testing.T) {
	for code, ok := range map[string]bool{
		"000.00.00.H26-250210-0001": true, "HS/2025/1": true, "ab": false, "-abc": false, "a b c": false, "mã-1": false,
	} {
		if dossier.ValidReceiptCode(code) != ok {
			t.Errorf("%q: want %v", code, ok)
		}
	}
}
