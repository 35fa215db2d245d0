package keyring

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
)

var secret = []byte("0123456789abcdef0123456789abcdef")

func TestNewRefusesShortSecret(t *testing.T) {
	if _, err := New([]byte("short")); !errs.Is(err, errs.Invalid) {
		t.Fatalf("short secret: %v", err)
	}
}

func TestHashIsKeyedAndSeparated(t *testing.T) {
	k, _ := New(secret)
	other, _ := New(bytes.Repeat([]byte("x"), 32))
	h := k.Hash("lookup", "ab", "c")
	if len(h) != 64 || h != k.Hash("lookup", "ab", "c") {
		t.Fatalf("hash not stable: %s", h)
	}
	for name, h2 := range map[string]string{
		"other parts split": k.Hash("lookup", "a", "bc"),
		"other purpose":     k.Hash("other", "ab", "c"),
		"other secret":      other.Hash("lookup", "ab", "c"),
	} {
		if h2 == h || EqualHash(h, h2) {
			t.Errorf("%s gives the same hash", name)
		}
	}
}

func TestSealOpen(t *testing.T) {
	k, _ := New(secret)
	box, err := k.Seal("contact", []byte("0912345678"), []byte("aad"))
	if err != nil || !strings.HasPrefix(box, "v1:") || strings.Contains(box, "0912") {
		t.Fatalf("seal: %q %v", box, err)
	}
	if got, err := k.Open("contact", box, []byte("aad")); err != nil || string(got) != "0912345678" {
		t.Fatalf("open: %q %v", got, err)
	}
	if !IsSealed(box) || IsSealed("JBSWY3DPEHPK3PXP") || IsSealed("Hồ sơ H26-0001") {
		t.Error("IsSealed does not tell a box from text in clear")
	}
	box2, _ := k.Seal("contact", []byte("0912345678"), []byte("aad"))
	if box2 == box {
		t.Error("two seals of the same text are equal: the nonce is not random")
	}
	for name, try := range map[string]func() error{
		"wrong aad":     func() error { _, err := k.Open("contact", box, []byte("x")); return err },
		"wrong purpose": func() error { _, err := k.Open("secret", box, []byte("aad")); return err },
		"damaged":       func() error { _, err := k.Open("contact", box[:len(box)-2]+"AA", []byte("aad")); return err },
		"not a box":     func() error { _, err := k.Open("contact", "hello", nil); return err },
	} {
		if err := try(); !errs.Is(err, errs.Internal) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if s, _ := k.Seal("x", nil, nil); s != "" {
		t.Error("empty plaintext sealed to non-empty")
	}
	if b, err := k.Open("x", "", nil); b != nil || err != nil {
		t.Error("empty box did not open to nil")
	}
}
