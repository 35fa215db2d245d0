package account

import (
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings: RFC 6238 defaults, which every authenticator app reads.
const (
	TOTPIssuer = "Cổng"
	totpPeriod = 30 // seconds
	totpSkew   = 1  // steps accepted either side of now, for clock drift
)

var totpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPEnrolment is what a user needs to add the account to an
// authenticator app: the secret to type and the otpauth:// URL to show as a
// QR code.
type TOTPEnrolment struct {
	Secret string // base32
	URL    string // otpauth://totp/Cổng:username?secret=...&issuer=Cổng
}

// NewTOTPSecret generates a random 160-bit secret for username.
func NewTOTPSecret(username string) (*TOTPEnrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      TOTPIssuer,
		AccountName: username,
		Period:      totpPeriod,
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return nil, err
	}
	return &TOTPEnrolment{Secret: key.Secret(), URL: key.URL()}, nil
}

// TOTPStep returns the time step of t.
func TOTPStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// MatchTOTP returns the time step whose code equals code, looking at the
// step of now and totpSkew steps either side, and whether one matched.
// Codes are compared in constant time. Spaces in code are ignored. The
// caller rejects a step not after the last one the user used, so a code is
// accepted once.
func MatchTOTP(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.ReplaceAll(code, " ", "")
	cur := TOTPStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s < 0 {
			continue
		}
		if good, err := hotp.ValidateCustom(code, uint64(s), secret, totpOpts); err == nil && good {
			return s, true
		}
	}
	return 0, false
}

// TOTPCode returns the code of secret at t, for tests and tools.
func TOTPCode(secret string, t time.Time) (string, error) {
	return hotp.GenerateCodeCustom(secret, uint64(TOTPStep(t)), totpOpts)
}
