package account_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
)

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h, err := account.HashPassword(ctx, goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the required parameters", h)
	}
	parts := strings.Split(h, "$")
	if len(parts) != 6 || len(parts[4]) != 22 || len(parts[5]) != 43 { // 16 and 32 bytes, unpadded base64
		t.Errorf("salt or key of unexpected length in %q", h)
	}
	if ok, err := account.VerifyPassword(ctx, h, goodPassword); !ok || err != nil {
		t.Errorf("right password: %v, %v", ok, err)
	}
	if ok, err := account.VerifyPassword(ctx, h, goodPassword+"x"); ok || err != nil {
		t.Errorf("wrong password: %v, %v", ok, err)
	}
	if h2, _ := account.HashPassword(ctx, goodPassword); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if _, err := account.VerifyPassword(ctx, "$2a$10$bcrypt", "x"); !errs.Is(err, errs.Internal) {
		t.Errorf("foreign hash: %v", err)
	}
}

func TestNeedsRehash(t *testing.T) {
	h, _ := account.HashPassword(context.Background(), goodPassword)
	tests := []struct {
		hash string
		want bool
	}{
		{h, false},
		{strings.Replace(h, "m=19456", "m=65536", 1), true},
		{strings.Replace(h, "t=2", "t=1", 1), true},
		{"$2a$10$bcrypt", true},
	}
	for _, tt := range tests {
		if got := account.NeedsRehash(tt.hash); got != tt.want {
			t.Errorf("NeedsRehash(%q) = %v", tt.hash, got)
		}
	}
}

// Hashing waits for a slot with the caller's context: a cancelled request
// gives up instead of queuing.
func TestHashingHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := account.HashPassword(ctx, goodPassword); !errs.Is(err, errs.Unavailable) {
		t.Errorf("HashPassword with a cancelled context: %v", err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		name, password, username, want string
	}{
		{"good", goodPassword, "an", ""},
		{"short", "short pass", "an", "password.too_short"},
		{"eleven runes in more bytes", "hà nội đẹp!", "an", "password.too_short"},
		{"twelve runes", "hà nội đẹp!!", "an", ""},
		{"too long", strings.Repeat("a", 257), "an", "password.too_long"},
		{"max length", strings.Repeat("ab", 128), "an", ""},
		{"common", "password1234", "an", "password.common"},
		{"common any case", "QwertyUiop123", "an", "password.common"},
		{"vietnamese common", "anhyeuem123456", "an", "password.common"},
		{"username", "nguyen.van.an", "nguyen.van.an", "password.is_username"},
		{"username any case", "Nguyen.Van.An", "nguyen.van.an", "password.is_username"},
		{"no composition rules", "tôi thích phở bò", "an", ""},
	}
	for _, tt := range tests {
		err := account.CheckPassword(tt.password, tt.username)
		got := errs.FieldsOf(err)["password"]
		if got != tt.want || (tt.want == "") != (err == nil) {
			t.Errorf("%s: CheckPassword(%q) = %v, want %q", tt.name, tt.password, err, tt.want)
		}
	}
}

func TestCommonPasswordList(t *testing.T) {
	for _, p := range []string{"123456", "password", "iloveyou", "matkhau123456", "123456789012"} {
		if !account.IsCommonPassword(p) {
			t.Errorf("%q is not in the list", p)
		}
	}
	if account.IsCommonPassword(goodPassword) {
		t.Error("the test password is in the list")
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p := account.GeneratePassword()
		if err := account.CheckPassword(p, "someone"); err != nil {
			t.Fatalf("generated %q fails the policy: %v", p, err)
		}
		if seen[p] {
			t.Fatalf("generated %q twice", p)
		}
		seen[p] = true
	}
}
