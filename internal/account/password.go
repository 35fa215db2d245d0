package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"

	"github.com/cong-vn/cong/internal/errs"
)

// Argon2Params are the cost parameters of argon2id.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen int
	KeyLen  uint32
}

// CurrentParams are the parameters new hashes use: OWASP's minimum for
// argon2id. A stored hash with other parameters is replaced at the next
// successful login (NeedsRehash).
var CurrentParams = Argon2Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// hashSlots caps concurrent hashing. Each hash holds Memory KiB (19 MiB);
// more hashes than CPUs only add memory, not throughput.
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

var b64 = base64.RawStdEncoding

// acquire takes a hashing slot, waiting until one is free or ctx ends
// (Unavailable).
func acquire(ctx context.Context) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, errs.E("account.hash", errs.Unavailable, err)
	}
	select {
	case hashSlots <- struct{}{}:
		return func() { <-hashSlots }, nil
	case <-ctx.Done():
		return nil, errs.E("account.hash", errs.Unavailable, ctx.Err())
	}
}

// HashPassword returns the argon2id hash of password as a PHC string,
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, with a fresh random salt.
// It waits for a hashing slot and fails with Unavailable if ctx ends first.
func HashPassword(ctx context.Context, password string) (string, error) {
	release, err := acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	p := CurrentParams
	salt := make([]byte, p.SaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC string hash,
// comparing in constant time. It waits for a hashing slot (Unavailable if
// ctx ends first); a malformed hash is Internal.
func VerifyPassword(ctx context.Context, hash, password string) (bool, error) {
	p, salt, want, err := parsePHC(hash)
	if err != nil {
		return false, errs.E("account.VerifyPassword", errs.Internal, err)
	}
	release, err := acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NeedsRehash reports whether hash was made with parameters other than
// CurrentParams (or cannot be read), so it should be replaced.
func NeedsRehash(hash string) bool {
	p, salt, key, err := parsePHC(hash)
	if err != nil {
		return true
	}
	c := CurrentParams
	return p.Memory != c.Memory || p.Time != c.Time || p.Threads != c.Threads ||
		len(salt) != c.SaltLen || uint32(len(key)) != c.KeyLen
}

var errPHC = errors.New("not an argon2id PHC string")

// parsePHC reads $argon2id$v=19$m=..,t=..,p=..$salt$key.
func parsePHC(s string) (p Argon2Params, salt, key []byte, err error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errPHC
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errPHC
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errPHC
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, errPHC
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) == 0 {
		return p, nil, nil, errPHC
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 {
		return p, nil, nil, errPHC
	}
	p.SaltLen, p.KeyLen = len(salt), uint32(len(key))
	return p, salt, key, nil
}

// dummyHash is verified against when the username is unknown, so that the
// answer takes as long as for a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword(context.Background(), "dummy password for timing")
	return h
})

// passwordAlphabet has no characters that are easy to confuse (0/o, 1/l).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// GeneratePassword returns a random password of four groups of five
// characters (about 100 bits), e.g. "k3m9p-x7q2r-ab4cd-efg5h", easy to read
// out to a colleague and accepted by the policy.
func GeneratePassword() string {
	var b strings.Builder
	for i := range 20 {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(passwordAlphabet[randIndex(len(passwordAlphabet))])
	}
	return b.String()
}

// randIndex returns a uniform random number in [0, n) for n ≤ 256.
func randIndex(n int) int {
	limit := 256 - 256%n // reject the biased tail
	var one [1]byte
	for {
		rand.Read(one[:])
		if int(one[0]) < limit {
			return int(one[0]) % n
		}
	}
}
