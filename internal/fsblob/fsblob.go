package fsblob

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/errs"
)

const tmpPrefix = ".tmp-"

// Store is a directory of objects. It is safe for concurrent use.
type Store struct {
	root string
}

var _ blob.Store = (*Store)(nil)

// New returns a Store rooted at dir, creating it. Internal when it cannot.
func New(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, errs.E("fsblob.New", err)
	}
	return &Store{root: dir}, nil
}

func (s *Store) path(key string) (string, error) {
	if err := blob.ValidKey(key); err != nil {
		return "", err
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Put implements blob.Store.
func (s *Store) Put(ctx context.Context, key string, r io.Reader, _ blob.Meta) error {
	const op = "fsblob.Put"
	p, err := s.path(key)
	if err != nil {
		return errs.E(op, err)
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return errs.E(op, err)
	}
	tmp, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return errs.E(op, err)
	}
	if err := write(ctx, tmp, r, p); err != nil {
		os.Remove(tmp.Name())
		return errs.E(op, err)
	}
	return syncDir(dir)
}

// write copies r into tmp, syncs it and renames it to target.
func write(ctx context.Context, tmp *os.File, r io.Reader, target string) error {
	_, err := io.Copy(tmp, blob.ReaderWithContext(ctx, r))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o640)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return errs.E("fsblob.syncDir", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return errs.E("fsblob.syncDir", err)
	}
	return nil
}

// Open implements blob.Store. The reader is an *os.File.
func (s *Store) Open(_ context.Context, key string) (io.ReadCloser, error) {
	const op = "fsblob.Open"
	p, err := s.path(key)
	if err != nil {
		return nil, errs.E(op, err)
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errs.E(op, errs.NotFound, "blob.not_found", err)
	}
	if err != nil {
		return nil, errs.E(op, err)
	}
	return f, nil
}

// Delete implements blob.Store. Directories emptied by the deletion stay.
func (s *Store) Delete(_ context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return errs.E("fsblob.Delete", err)
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errs.E("fsblob.Delete", err)
	}
	return nil
}

// Exists implements blob.Store.
func (s *Store) Exists(_ context.Context, key string) (bool, error) {
	p, err := s.path(key)
	if err != nil {
		return false, errs.E("fsblob.Exists", err)
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, errs.E("fsblob.Exists", err)
	}
	return fi.Mode().IsRegular(), nil
}

// List implements blob.Store. It walks only the directory the prefix
// names (the part before its last slash).
func (s *Store) List(ctx context.Context, prefix string) iter.Seq2[blob.Info, error] {
	return func(yield func(blob.Info, error) bool) {
		start := filepath.Join(s.root, filepath.FromSlash(path.Dir("/"+prefix+"x")))
		err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == start {
					return filepath.SkipAll
				}
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			return s.visit(p, d, prefix, yield)
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(blob.Info{}, errs.E("fsblob.List", err))
		}
	}
}

var errStop = errors.New("stop")

// visit yields one regular file under prefix; errStop ends the walk when
// the consumer stops.
func (s *Store) visit(p string, d fs.DirEntry, prefix string, yield func(blob.Info, error) bool) error {
	if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
		return nil
	}
	rel, err := filepath.Rel(s.root, p)
	if err != nil {
		return err
	}
	key := filepath.ToSlash(rel)
	if !strings.HasPrefix(key, prefix) {
		return nil
	}
	fi, err := d.Info()
	if errors.Is(err, fs.ErrNotExist) {
		return nil // deleted during the walk
	}
	if err != nil {
		return err
	}
	if !yield(blob.Info{Key: key, Size: fi.Size(), ModTime: fi.ModTime().UTC()}, nil) {
		return errStop
	}
	return nil
}
