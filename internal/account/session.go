package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Session is a staff member's login on one browser, stored server-side so
// that every node sees it.
type Session struct {
	// Token is the secret the client holds (in a cookie). It is set only on
	// the Session returned by the call that created it, and never stored.
	Token string
	// TokenHash is the hex SHA-256 of Token: the session's key in the store.
	TokenHash string
	// Device is set only on the Session Login returns: a device token for
	// the browser to keep long-term and give to later logins (see Login).
	Device string
	UserID int64
	// MFAPassed is true once the login is complete: the second factor
	// passed, or the user needs none.
	MFAPassed bool
	// CSRFToken is the synchronizer token that forms of this session carry.
	CSRFToken string
	IP        string
	UserAgent string
	Created   time.Time
	LastSeen  time.Time // touched at most once a minute
	Expires   time.Time // the absolute end: Created plus the absolute lifetime

	// Pending is the step the session must complete before it may act;
	// computed by the Service, not stored.
	Pending Pending
	// User is the session's user, loaded by Authenticate; not stored.
	User *User
}

// Pending is a step a session must complete before its actor gets grants.
type Pending string

// The pending steps, in the order a login meets them.
const (
	PendingNone     Pending = ""
	PendingTOTP     Pending = "totp"            // enter a TOTP code (VerifyTOTP)
	PendingEnrol    Pending = "totp_enrol"      // a portal admin must enrol TOTP first
	PendingPassword Pending = "password_change" // the password was reset and must change
)

// HashToken returns the store key of a session token: hex SHA-256. A token
// has 256 random bits, so a fast hash is enough.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// randomToken returns 32 random bytes, base64url without padding.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// newSession returns a session for userID with a fresh token and CSRF token.
func newSession(userID int64, mfa bool, ip, ua string, now time.Time, lifetime time.Duration) *Session {
	token := randomToken()
	return &Session{
		Token: token, TokenHash: HashToken(token), UserID: userID, MFAPassed: mfa,
		CSRFToken: randomToken(), IP: ip, UserAgent: truncate(ua, 300),
		Created: now, LastSeen: now, Expires: now.Add(lifetime),
	}
}

// rotated returns a copy of s under a new token and CSRF token, keeping its
// creation and absolute expiry so rotation never extends a session.
func (s *Session) rotated(now time.Time) *Session {
	token := randomToken()
	n := *s
	n.Token, n.TokenHash, n.CSRFToken, n.LastSeen = token, HashToken(token), randomToken(), now
	n.User = nil
	return &n
}

// pendingStep decides what the session of u must do before acting.
func pendingStep(s *Session, u *User) Pending {
	switch {
	case !s.MFAPassed && u.TOTPEnabled:
		return PendingTOTP
	case !s.MFAPassed, u.IsPortalAdmin() && !u.TOTPEnabled:
		// The second case covers a user made portal admin mid-session.
		return PendingEnrol
	case u.MustChangePassword:
		return PendingPassword
	}
	return PendingNone
}

// needsSecondFactor reports whether a login of u must pass a TOTP step:
// users who enabled TOTP, and portal admins, who must.
func needsSecondFactor(u *User) bool {
	return u.TOTPEnabled || u.IsPortalAdmin()
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
