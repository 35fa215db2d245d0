package account_test

import (
	"context"
	"crypto/rand"
	"testing"

	"golang.org/x/crypto/argon2"

	"github.com/cong-vn/cong/internal/account"
)

// BenchmarkPasswordHashing measures a login's password check with the
// portal's argon2id parameters, one at a time and with 16 goroutines
// asking at once (the cap on concurrent hashes queues them), against a
// bare argon2.IDKey call with the same parameters (the baseline): the
// difference is the portal's own cost (PHC parsing, the slot, the
// constant-time compare).
func BenchmarkPasswordHashing(b *testing.B) {
	ctx := context.Background()
	const pw = "một mật khẩu đủ dài"
	hash, err := account.HashPassword(ctx, pw)
	if err != nil {
		b.Fatal(err)
	}
	p := account.CurrentParams
	salt := make([]byte, p.SaltLen)
	rand.Read(salt)
	b.Run("baseline-argon2", func(b *testing.B) {
		for b.Loop() {
			argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
		}
	})
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if ok, err := account.VerifyPassword(ctx, hash, pw); !ok || err != nil {
				b.Fatal(ok, err)
			}
		}
	})
	b.Run("verify-parallel-16", func(b *testing.B) {
		b.SetParallelism(8) // 16 goroutines on 2 CPUs
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ok, err := account.VerifyPassword(ctx, hash, pw); !ok || err != nil {
					b.Error(ok, err)
					return
				}
			}
		})
	})
}
