package blobtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/errs"
)

// Run runs the suite; open returns a new, empty store for each subtest.
func Run(t *testing.T, open func(t *testing.T) blob.Store) {
	tests := map[string]func(*testing.T, blob.Store){
		"PutOpenRoundTrip":       testRoundTrip,
		"PutReplaces":            testReplace,
		"OpenMissingIsNotFound":  testMissing,
		"DeleteIsIdempotent":     testDelete,
		"ListByPrefix":           testList,
		"FailedPutLeavesNothing": testFailedPut,
		"InvalidKeys":            testInvalidKeys,
		"LargeObjectStreams":     testLarge,
		"OpenSeeks":              testSeek,
	}
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Run(n, func(t *testing.T) { tests[n](t, open(t)) })
	}
}

func put(t *testing.T, s blob.Store, key, content string) {
	t.Helper()
	if err := s.Put(context.Background(), key, bytes.NewReader([]byte(content)), blob.Meta{ContentType: "text/plain"}); err != nil {
		t.Fatalf("Put(%q): %v", key, err)
	}
}

func read(t *testing.T, s blob.Store, key string) string {
	t.Helper()
	r, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("Open(%q): %v", key, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testRoundTrip(t *testing.T, s blob.Store) {
	put(t, s, "document/ab/abc123", "Nội dung tệp")
	if got := read(t, s, "document/ab/abc123"); got != "Nội dung tệp" {
		t.Errorf("read %q", got)
	}
	if ok, err := s.Exists(context.Background(), "document/ab/abc123"); !ok || err != nil {
		t.Errorf("Exists = %v, %v", ok, err)
	}
}

func testReplace(t *testing.T, s blob.Store) {
	put(t, s, "k", "one")
	put(t, s, "k", "two")
	if got := read(t, s, "k"); got != "two" {
		t.Errorf("read %q", got)
	}
}

func testMissing(t *testing.T, s blob.Store) {
	if _, err := s.Open(context.Background(), "no/such"); !errs.Is(err, errs.NotFound) {
		t.Errorf("Open: %v", err)
	}
	if ok, err := s.Exists(context.Background(), "no/such"); ok || err != nil {
		t.Errorf("Exists = %v, %v", ok, err)
	}
}

func testDelete(t *testing.T, s blob.Store) {
	put(t, s, "a/b", "x")
	for range 2 {
		if err := s.Delete(context.Background(), "a/b"); err != nil {
			t.Fatalf("Delete: %v", err)
		}
	}
	if ok, _ := s.Exists(context.Background(), "a/b"); ok {
		t.Error("still exists")
	}
}

func list(t *testing.T, s blob.Store, prefix string) []string {
	t.Helper()
	var keys []string
	for info, err := range s.List(context.Background(), prefix) {
		if err != nil {
			t.Fatalf("List(%q): %v", prefix, err)
		}
		keys = append(keys, info.Key)
		if info.ModTime.IsZero() || info.Size != 3 {
			t.Errorf("info %+v", info)
		}
	}
	sort.Strings(keys)
	return keys
}

func testList(t *testing.T, s blob.Store) {
	for _, k := range []string{"image/aa/1", "image/ab/2", "image/ab/3", "imagery/x", "map/aa/4"} {
		put(t, s, k, "xyz")
	}
	cases := map[string][]string{
		"":          {"image/aa/1", "image/ab/2", "image/ab/3", "imagery/x", "map/aa/4"},
		"image/":    {"image/aa/1", "image/ab/2", "image/ab/3"},
		"image/ab/": {"image/ab/2", "image/ab/3"},
		"image/a":   {"image/aa/1", "image/ab/2", "image/ab/3"},
		"image":     {"image/aa/1", "image/ab/2", "image/ab/3", "imagery/x"},
		"none/":     nil,
	}
	for prefix, want := range cases {
		if got := list(t, s, prefix); !equal(got, want) {
			t.Errorf("List(%q) = %v, want %v", prefix, got, want)
		}
	}
	n := 0
	for range s.List(context.Background(), "") {
		n++
		break
	}
	if n != 1 {
		t.Error("breaking out of List did not stop it")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// failing yields some bytes, then an error.
type failing struct{ n int }

func (f *failing) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("client went away")
	}
	k := min(len(p), f.n)
	f.n -= k
	return k, nil
}

func testFailedPut(t *testing.T, s blob.Store) {
	if err := s.Put(context.Background(), "half", &failing{n: 100_000}, blob.Meta{}); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	if ok, _ := s.Exists(context.Background(), "half"); ok {
		t.Error("a failed Put left an object")
	}
	put(t, s, "kept", "old")
	if err := s.Put(context.Background(), "kept", &failing{n: 10}, blob.Meta{}); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	if got := read(t, s, "kept"); got != "old" {
		t.Errorf("a failed Put changed the object to %q", got)
	}
	if keys := list(t, s, ""); !equal(keys, []string{"kept"}) {
		t.Errorf("List shows %v after failed Puts", keys)
	}
}

func testInvalidKeys(t *testing.T, s blob.Store) {
	for _, k := range []string{"", "../etc/passwd", "/abs", "a//b", ".hidden", "Upper"} {
		if err := s.Put(context.Background(), k, bytes.NewReader(nil), blob.Meta{}); !errs.Is(err, errs.Invalid) {
			t.Errorf("Put(%q): %v", k, err)
		}
		if _, err := s.Open(context.Background(), k); !errs.Is(err, errs.Invalid) {
			t.Errorf("Open(%q): %v", k, err)
		}
	}
}

func testLarge(t *testing.T, s blob.Store) {
	const size = 8 << 20
	h := sha256.New()
	src := io.TeeReader(io.LimitReader(rand.NewChaCha8([32]byte{1}), size), h)
	if err := s.Put(context.Background(), "big", src, blob.Meta{}); err != nil {
		t.Fatal(err)
	}
	want := h.Sum(nil)
	r, err := s.Open(context.Background(), "big")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h.Reset()
	n, err := io.Copy(h, r)
	if err != nil || n != size || !bytes.Equal(h.Sum(nil), want) {
		t.Errorf("read back %d bytes, err %v, hash match %v", n, err, bytes.Equal(h.Sum(nil), want))
	}
}

func testSeek(t *testing.T, s blob.Store) {
	put(t, s, "seek", "0123456789")
	r, err := s.Open(context.Background(), "seek")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sk, ok := r.(io.Seeker)
	if !ok {
		t.Fatal("reader does not seek")
	}
	if _, err := sk.Seek(6, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	if string(b) != "6789" {
		t.Errorf("after seek read %q", b)
	}
}
