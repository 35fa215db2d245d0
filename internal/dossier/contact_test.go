package dossier_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

func TestContactNeverPrintsInClear(t *testing.T) {
	c := dossier.Contact{Email: "nguyenvana@gmail.com", Phone: "0912345678"}
	var logBuf bytes.Buffer
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("x", "contact", c)
	js, _ := json.Marshal(struct{ C dossier.Contact }{c})
	for name, out := range map[string]string{"String": c.String(), "Sprintf": fmt.Sprintf("%v %+v", c, c), "log": logBuf.String(), "json": string(js)} {
		if strings.Contains(out, "nguyenvana") || strings.Contains(out, "2345") {
			t.Errorf("%s shows the contact: %s", name, out)
		}
	}
	if m := c.Masked(); m.Email != "ng*******@g****.com" || m.Phone != "091****678" {
		t.Errorf("masked %+v", m)
	}
	if got := dossier.MaskName("Nguyễn Văn An"); got != "N. V. An" {
		t.Errorf("MaskName: %s", got)
	}
	var f errs.FieldErrors
	dossier.Contact{Email: "not an address", Phone: "12"}.Validate(&f, "email", "phone")
	if len(f) != 2 {
		t.Errorf("validation: %v", f)
	}
}

func TestLookupHash(t *testing.T) {
	k, _ := keyring.New([]byte("0123456789abcdef0123456789abcdef"))
	h := dossier.LookupHash(k, "HS-1", "56-78")
	if h == "" || h != dossier.LookupHash(k, "HS-1", "5678") || strings.Contains(h, "5678") {
		t.Errorf("hash %q not stable over formatting", h)
	}
	if h == dossier.LookupHash(k, "HS-2", "5678") {
		t.Error("the same factor hashes alike on two dossiers")
	}
	if dossier.LookupHash(k, "HS-1", "12") != "" {
		t.Error("a 2-character factor was accepted")
	}
	if dossier.PhoneFactor("+84 912 345 678") != "5678" || dossier.PhoneFactor("12") != "" {
		t.Error("PhoneFactor")
	}
}
