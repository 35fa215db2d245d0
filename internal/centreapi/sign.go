package centreapi

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// Scheme names the signature scheme in the Authorization header.
const Scheme = "Cong-HMAC-SHA256"

// The limits of the signature scheme.
const (
	MaxSkew  = 5 * time.Minute  // how far a timestamp may be from the server's clock
	NonceTTL = 10 * time.Minute // how long nonces are kept; more than twice MaxSkew
)

// Signature is a parsed Authorization header.
type Signature struct {
	KeyID     string
	Timestamp int64 // Unix seconds
	Nonce     string
	Signature string // lower-case hex
}

var (
	keyIDRE = regexp.MustCompile(`^ck_[a-z2-7]{20}$`)
	nonceRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	hexRE   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// StringToSign returns what the signature covers: the scheme, the method,
// the request URI (path and query, as sent), the timestamp, the nonce and
// the hex SHA-256 of the body, one per line.
func StringToSign(method, requestURI string, timestamp int64, nonce string, body []byte) string {
	sum := sha256.Sum256(body)
	return strings.Join([]string{Scheme, strings.ToUpper(method), requestURI,
		strconv.FormatInt(timestamp, 10), nonce, hex.EncodeToString(sum[:])}, "\n")
}

// Sign returns the hex HMAC-SHA256 of the string to sign, keyed with
// secret.
func Sign(secret, method, requestURI string, timestamp int64, nonce string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(StringToSign(method, requestURI, timestamp, nonce, body)))
	return hex.EncodeToString(m.Sum(nil))
}

// Authorization returns the Authorization header value for a request
// signed with cred at now, with a fresh random nonce.
func Authorization(cred Credentials, method, requestURI string, now time.Time, body []byte) string {
	ts := now.Unix()
	nonce := NewNonce()
	sig := Sign(cred.Secret, method, requestURI, ts, nonce, body)
	return fmt.Sprintf("%s KeyId=%s, Timestamp=%d, Nonce=%s, Signature=%s", Scheme, cred.KeyID, ts, nonce, sig)
}

// NewNonce returns 22 random URL-safe characters.
func NewNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseAuthorization parses an Authorization header of the scheme. It
// returns Unauthorized "centre.auth_missing" when the header is empty or
// of another scheme, and "centre.auth_malformed" when a part is missing,
// repeated or malformed.
func ParseAuthorization(h string) (Signature, error) {
	const op = "centreapi.ParseAuthorization"
	rest, ok := strings.CutPrefix(h, Scheme+" ")
	if !ok {
		return Signature{}, errs.E(op, errs.Unauthorized, "centre.auth_missing")
	}
	kv := map[string]string{}
	for _, p := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if _, dup := kv[k]; !ok || dup {
			return Signature{}, errs.E(op, errs.Unauthorized, "centre.auth_malformed")
		}
		kv[k] = v
	}
	ts, err := strconv.ParseInt(kv["Timestamp"], 10, 64)
	s := Signature{KeyID: kv["KeyId"], Timestamp: ts, Nonce: kv["Nonce"], Signature: kv["Signature"]}
	if err != nil || len(kv) != 4 || !keyIDRE.MatchString(s.KeyID) || !nonceRE.MatchString(s.Nonce) || !hexRE.MatchString(s.Signature) {
		return Signature{}, errs.E(op, errs.Unauthorized, "centre.auth_malformed")
	}
	return s, nil
}

// verify reports whether sig signs the request with secret, in constant
// time.
func (sig Signature) verify(secret, method, requestURI string, body []byte) bool {
	want := Sign(secret, method, requestURI, sig.Timestamp, sig.Nonce, body)
	return hmac.Equal([]byte(want), []byte(sig.Signature))
}

// newKeyID returns "ck_" and 20 random base32 characters.
func newKeyID() string {
	b := make([]byte, 13)
	rand.Read(b)
	return "ck_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:20]
}

// newSecret returns 43 random URL-safe characters (256 bits).
func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
