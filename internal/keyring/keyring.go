package keyring

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
)

// MinSecretLen is the shortest secret New accepts, in bytes.
const MinSecretLen = 32

// sealPrefix starts every sealed box, naming its format so a later one can
// be told apart.
const sealPrefix = "v1:"

// Keyring holds the secret key. It is safe for concurrent use.
type Keyring struct {
	secret []byte
}

// New returns a Keyring on secret. It returns Invalid when the secret is
// shorter than MinSecretLen bytes.
func New(secret []byte) (*Keyring, error) {
	if len(secret) < MinSecretLen {
		return nil, errs.E("keyring.New", errs.Invalid, errors.New("the secret key must have at least 32 bytes"))
	}
	return &Keyring{secret: append([]byte(nil), secret...)}, nil
}

// Key returns the 32-byte key of purpose.
func (k *Keyring) Key(purpose string) []byte {
	m := hmac.New(sha256.New, k.secret)
	m.Write([]byte("cong/keyring/v1/" + purpose))
	return m.Sum(nil)
}

// Hash returns the hex HMAC-SHA256 of parts under the key of purpose. Each
// part is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
func (k *Keyring) Hash(purpose string, parts ...string) string {
	m := hmac.New(sha256.New, k.Key(purpose))
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		m.Write(n[:])
		m.Write([]byte(p))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// EqualHash compares two hex hashes in constant time.
func EqualHash(a, b string) bool {
	return len(a) == len(b) && hmac.Equal([]byte(a), []byte(b))
}

// Seal encrypts plaintext with AES-256-GCM under the key of purpose,
// binding it to aad (which Open must be given again), and returns text fit
// for a TEXT column. An empty plaintext seals to "".
func (k *Keyring) Seal(purpose string, plaintext, aad []byte) (string, error) {
	if len(plaintext) == 0 {
		return "", nil
	}
	gcm, err := k.aead(purpose)
	if err != nil {
		return "", errs.E("keyring.Seal", errs.Internal, err)
	}
	nonce := make([]byte, gcm.NonceSize())
	rand.Read(nonce)
	out := gcm.Seal(nonce, nonce, plaintext, aad)
	return sealPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// IsSealed reports whether s has the form Seal gives (and so is not text
// stored in clear before a field was sealed).
func IsSealed(s string) bool { return strings.HasPrefix(s, sealPrefix) }

// Open decrypts what Seal returned for the same purpose and aad. "" opens
// to nil. It returns Internal when the box is damaged, was sealed for
// another purpose or aad, or under another secret key.
func (k *Keyring) Open(purpose, sealed string, aad []byte) ([]byte, error) {
	const op = "keyring.Open"
	if sealed == "" {
		return nil, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, sealPrefix))
	if err != nil || !strings.HasPrefix(sealed, sealPrefix) {
		return nil, errs.E(op, errs.Internal, errors.New("not a sealed box"))
	}
	gcm, err := k.aead(purpose)
	if err != nil {
		return nil, errs.E(op, errs.Internal, err)
	}
	if len(raw) < gcm.NonceSize() {
		return nil, errs.E(op, errs.Internal, errors.New("sealed box too short"))
	}
	out, err := gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], aad)
	if err != nil {
		return nil, errs.E(op, errs.Internal, errors.New("sealed box does not open: wrong key, purpose or data"))
	}
	return out, nil
}

func (k *Keyring) aead(purpose string) (cipher.AEAD, error) {
	block, err := aes.NewCipher(k.Key(purpose))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
