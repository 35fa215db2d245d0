package account_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/account"
)

func TestTOTPSecretAndURL(t *testing.T) {
	enr, err := account.NewTOTPSecret("an.nguyen")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(enr.URL)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("URL %q", enr.URL)
	}
	q := u.Query()
	if q.Get("secret") != enr.Secret || q.Get("issuer") != "Cổng" || !strings.HasSuffix(u.Path, ":an.nguyen") {
		t.Errorf("URL %q: secret, issuer or account wrong", enr.URL)
	}
	if len(enr.Secret) != 32 { // 160 bits in base32
		t.Errorf("secret %q is not 160 bits", enr.Secret)
	}
}

func TestMatchTOTPSkew(t *testing.T) {
	enr, _ := account.NewTOTPSecret("an")
	now := time.Date(2025, 7, 1, 8, 0, 10, 0, time.UTC)
	step := account.TOTPStep(now)
	tests := []struct {
		name   string
		offset time.Duration
		ok     bool
	}{
		{"now", 0, true},
		{"one step behind", -30 * time.Second, true},
		{"one step ahead", 30 * time.Second, true},
		{"two steps behind", -60 * time.Second, false},
		{"two steps ahead", 60 * time.Second, false},
	}
	for _, tt := range tests {
		code, _ := account.TOTPCode(enr.Secret, now.Add(tt.offset))
		got, ok := account.MatchTOTP(enr.Secret, code, now)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v", tt.name, ok)
		}
		if ok && got != step+int64(tt.offset/(30*time.Second)) {
			t.Errorf("%s: step %d, want %d", tt.name, got, step+int64(tt.offset/(30*time.Second)))
		}
	}
	code, _ := account.TOTPCode(enr.Secret, now)
	if _, ok := account.MatchTOTP(enr.Secret, code[:3]+" "+code[3:], now); !ok {
		t.Error("a code typed with a space is refused")
	}
	if _, ok := account.MatchTOTP(enr.Secret, "12345", now); ok {
		t.Error("a five-digit code matched")
	}
}
