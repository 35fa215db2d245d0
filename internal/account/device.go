package account

import (
	"crypto/rand"
	"encoding/base64"
	"strings"

	"github.com/cong-vn/cong/internal/keyring"
)

// devicePurpose is the key purpose of device tokens.
const devicePurpose = "account.device"

// issueDevice returns a device token for username: a random identifier
// and its keyed hash bound to the username, "<id>.<mac>". It proves that
// the browser holding it logged in as username once; it opens no session.
// Without keys it returns "".
func (s *Service) issueDevice(username string) string {
	if s.cfg.Keys == nil {
		return ""
	}
	b := make([]byte, 16)
	rand.Read(b)
	id := base64.RawURLEncoding.EncodeToString(b)
	return id + "." + s.cfg.Keys.Hash(devicePurpose, username, id)
}

// deviceOf returns the identifier of token when it is a device token of
// username, and "" otherwise (none, forged, another user's, or no keys).
func (s *Service) deviceOf(username, token string) string {
	id, mac, ok := strings.Cut(token, ".")
	if !ok || s.cfg.Keys == nil || id == "" || len(token) > 128 {
		return ""
	}
	if !keyring.EqualHash(mac, s.cfg.Keys.Hash(devicePurpose, username, id)) {
		return ""
	}
	return id
}
