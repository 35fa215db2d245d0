package dossier

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

// tokenPurpose names the key of lookup tokens.
const tokenPurpose = "dossier-lookup-token"

// A lookup token is "<receipt code, base64url>.<expiry, Unix seconds>.<mac>"
// where mac is the keyed hash (keyring purpose tokenPurpose) of the code,
// the expiry and the dossier's stored lookup hash. Binding the stored hash
// means only someone who gave the right factor got one, and it needs no
// session or server-side state; it stops working at its expiry, or when
// the centre changes the dossier's factor.

// issueToken returns a token for the dossier with code and stored lookup
// hash, valid until exp.
func (s *LookupService) issueToken(code, hash string, exp time.Time) string {
	e := strconv.FormatInt(exp.Unix(), 10)
	return base64.RawURLEncoding.EncodeToString([]byte(code)) + "." + e + "." + s.keys.Hash(tokenPurpose, code, e, hash)
}

// verifyToken returns the dossier id and lookup hash a valid token names.
// It returns Unauthorized "lookup.token_invalid" for a malformed, forged
// or expired token, or one whose dossier is gone, and the store's errors.
func (s *LookupService) verifyToken(ctx context.Context, token string) (id int64, hash string, err error) {
	const op = "dossier.verifyToken"
	bad := errs.E(op, errs.Unauthorized, "lookup.token_invalid")
	parts := strings.Split(token, ".")
	if len(parts) != 3 || len(token) > 512 {
		return 0, "", bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	exp, perr := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || perr != nil || s.now().Unix() > exp {
		return 0, "", bad
	}
	code := string(raw)
	id, hash, err = s.store.FindLookupHash(ctx, code)
	if errs.Is(err, errs.NotFound) {
		return 0, "", bad
	}
	if err != nil {
		return 0, "", errs.E(op, err)
	}
	if !keyring.EqualHash(parts[2], s.keys.Hash(tokenPurpose, code, parts[1], hash)) {
		return 0, "", bad
	}
	return id, hash, nil
}

// View returns the public view of the dossier a lookup token names, with a
// fresh token. Errors are those of verifyToken.
func (s *LookupService) View(ctx context.Context, token string) (*PublicDossier, error) {
	id, hash, err := s.verifyToken(ctx, token)
	if err != nil {
		return nil, errs.E("dossier.View", err)
	}
	return s.view(ctx, id, hash)
}
