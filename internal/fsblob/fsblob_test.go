package fsblob_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/blobtest"
	"github.com/cong-vn/cong/internal/fsblob"
)

// TestConformance runs the suite, and checks after each subtest that no
// temporary file was left behind (failed Puts included).
func TestConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		dir := filepath.Join(t.TempDir(), "files")
		s, err := fsblob.New(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { noTempFiles(t, dir) })
		return s
	})
}

func noTempFiles(t *testing.T, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("left %s", p)
		}
		return nil
	})
}
