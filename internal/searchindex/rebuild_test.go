package searchindex

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cong-vn/cong/internal/search"
)

func TestRebuildSwapsWithoutDowntime(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Upsert(ctx, doc("old", "Thủ tục cũ", ""))
	ix.SetApplied(ctx, 7)
	err = ix.Rebuild(ctx, func(ctx context.Context, fresh search.Index) error {
		// The live index still serves while the fresh one fills.
		if res := mustSearch(t, ix, search.Query{Text: "cũ"}); res.Total != 1 {
			t.Errorf("live index during rebuild: %v", ids(res))
		}
		if err := fresh.Upsert(ctx, doc("new", "Thủ tục mới", "")); err != nil {
			return err
		}
		return fresh.SetApplied(ctx, 9)
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, search.Query{}); len(res.Hits) != 1 || res.Hits[0].ID != "new" {
		t.Errorf("after rebuild: %v, want [new]", ids(res))
	}
	if seq, _ := ix.Applied(ctx); seq != 9 {
		t.Errorf("Applied after rebuild = %d, want 9", seq)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // CURRENT and one generation
		t.Errorf("directory holds %d entries after rebuild", len(entries))
	}
	ix.Close()
	ix2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if res := mustSearch(t, ix2, search.Query{}); len(res.Hits) != 1 || res.Hits[0].ID != "new" {
		t.Errorf("reopened after rebuild: %v, want [new]", ids(res))
	}
}

func TestFailedRebuildKeepsTheIndex(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Upsert(ctx, doc("old", "Thủ tục cũ", ""))
	boom := errors.New("database gone")
	err = ix.Rebuild(ctx, func(ctx context.Context, fresh search.Index) error {
		fresh.Upsert(ctx, doc("new", "Thủ tục mới", ""))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Rebuild = %v, want fill's error", err)
	}
	if res := mustSearch(t, ix, search.Query{}); len(res.Hits) != 1 || res.Hits[0].ID != "old" {
		t.Errorf("after a failed rebuild: %v, want [old]", ids(res))
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "g*")); len(m) != 1 {
		t.Errorf("generations left: %v", m)
	}
}
