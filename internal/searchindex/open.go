package searchindex

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/cong-vn/cong/internal/errs"
)

// currentFile names, inside the index directory, the generation directory
// that holds the live Bleve index. Rebuild writes a new generation aside and
// then replaces this file atomically, so a crash leaves either the old or
// the new generation current, never a half-built one.
const currentFile = "CURRENT"

// Open opens the index in dir, creating the directory and an empty index
// when there is none. Generations left over by an interrupted Rebuild are
// removed. Errors are Internal (an unreadable or corrupt index).
func Open(dir string) (*Index, error) {
	const op = "searchindex.Open"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errs.E(op, err)
	}
	gen, err := readCurrent(dir)
	if err != nil {
		return nil, errs.E(op, err)
	}
	var bi bleve.Index
	if gen == "" {
		gen = nextGeneration("")
		os.RemoveAll(filepath.Join(dir, gen)) // left by a crash before CURRENT was written
		bi, err = createBleve(filepath.Join(dir, gen))
		if err == nil {
			err = writeCurrent(dir, gen)
		}
	} else {
		bi, err = bleve.Open(filepath.Join(dir, gen))
	}
	if err != nil {
		return nil, errs.E(op, err)
	}
	ix := &Index{dir: dir, w: defaultWeights, bi: bi, gen: gen}
	if err := ix.loadState(); err != nil {
		bi.Close()
		return nil, errs.E(op, err)
	}
	removeStaleGenerations(dir, gen)
	return ix, nil
}

// createBleve creates an empty Bleve index with the Vietnamese mapping.
func createBleve(path string) (bleve.Index, error) {
	m, err := buildMapping()
	if err != nil {
		return nil, err
	}
	return bleve.New(path, m)
}

func readCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	gen := strings.TrimSpace(string(b))
	if !validGeneration(gen) {
		return "", fmt.Errorf("bad %s file: %q", currentFile, gen)
	}
	return gen, nil
}

// writeCurrent makes gen the current generation: write aside, sync, rename.
func writeCurrent(dir, gen string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.WriteString(gen + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, currentFile))
}

// Generation directories are named "g" and a decimal number.
func nextGeneration(prev string) string {
	n, _ := strconv.Atoi(strings.TrimPrefix(prev, "g"))
	return "g" + strconv.Itoa(n+1)
}

func validGeneration(gen string) bool {
	n, err := strconv.Atoi(strings.TrimPrefix(gen, "g"))
	return strings.HasPrefix(gen, "g") && err == nil && n > 0
}

// removeStaleGenerations deletes generation directories other than keep;
// failures are harmless and ignored (the next Open tries again).
func removeStaleGenerations(dir, keep string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && validGeneration(e.Name()) && e.Name() != keep {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
