package searchindex

import (
	"context"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/search"
)

// An index written before the analyzer version was recorded (or by an
// older version) asks for a rebuild after it is reopened; a new or rebuilt
// one does not.
func TestNeedsRebuildAfterAnAnalyzerChange(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ix.NeedsRebuild() {
		t.Error("a new index needs a rebuild")
	}
	if err := ix.Upsert(context.Background(), doc("hoa", "Hòa giải", "Tổ hoà giải.")); err != nil {
		t.Fatal(err)
	}
	// Store the state as an earlier version wrote it: no "analyzer".
	b, err := ix.bi.GetInternal(keyState)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(b), `"analyzer":2,`, "", 1)
	if old == string(b) {
		t.Fatalf("state %s has no analyzer version", b)
	}
	if err := ix.bi.SetInternal(keyState, []byte(old)); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.NeedsRebuild() {
		t.Fatal("an index of an older analyzer does not ask for a rebuild")
	}
	err = ix.Rebuild(context.Background(), func(ctx context.Context, fresh search.Index) error {
		return fresh.Upsert(ctx, doc("hoa", "Hòa giải", "Tổ hoà giải."))
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.NeedsRebuild() {
		t.Error("the rebuilt index still asks for a rebuild")
	}
	if res := mustSearch(t, ix, search.Query{Text: "hoà giải"}); res.Total != 1 {
		t.Errorf("rebuilt index: %d hits", res.Total)
	}
}
