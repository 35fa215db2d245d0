package account

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
)

// The password policy: length only, no composition rules (NIST SP 800-63B).
const (
	MinPasswordLen = 12  // runes
	MaxPasswordLen = 256 // runes; argon2 would take more, but nobody types it
)

//go:embed common-passwords.txt
var commonPasswordsText string

// commonPasswords is the embedded list, lower-cased, loaded on first use.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 2048)
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = struct{}{}
		}
	}
	return m
})

// IsCommonPassword reports whether password, ignoring case, is in the
// embedded list of common passwords.
func IsCommonPassword(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(password)]
	return ok
}

// CheckPassword applies the policy to a new password for username and
// returns nil or an Invalid error on field "password" with one of the keys
// password.too_short, password.too_long, password.is_username,
// password.common.
func CheckPassword(password, username string) error {
	var f errs.FieldErrors
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		f.Add("password", "field.invalid_text")
	case n < MinPasswordLen:
		f.Add("password", "password.too_short")
	case n > MaxPasswordLen:
		f.Add("password", "password.too_long")
	case username != "" && strings.EqualFold(strings.TrimSpace(password), username):
		f.Add("password", "password.is_username")
	case IsCommonPassword(password):
		f.Add("password", "password.common")
	}
	return f.Err("account.CheckPassword")
}
