package cloudblob

import (
	"context"
	"errors"
	"io"
	"iter"

	gblob "gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:// buckets
	_ "gocloud.dev/blob/memblob"  // mem:// buckets
	_ "gocloud.dev/blob/s3blob"   // s3:// buckets
	"gocloud.dev/gcerrors"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/errs"
)

// Store is a gocloud.dev bucket. It is safe for concurrent use.
type Store struct {
	b *gblob.Bucket
}

var _ blob.Store = (*Store)(nil)

// Open opens the bucket named by rawURL. Invalid for a URL no driver
// accepts, Unavailable when the bucket cannot be reached.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	b, err := gblob.OpenBucket(ctx, rawURL)
	if err != nil {
		return nil, errs.E("cloudblob.Open", errs.Invalid, err)
	}
	if ok, err := b.IsAccessible(ctx); err != nil || !ok {
		b.Close()
		return nil, errs.E("cloudblob.Open", errs.Unavailable, err)
	}
	return &Store{b: b}, nil
}

// Close releases the bucket.
func (s *Store) Close() error { return s.b.Close() }

// code classifies a gocloud error.
func code(err error) errs.Code {
	switch gcerrors.Code(err) {
	case gcerrors.NotFound:
		return errs.NotFound
	case gcerrors.InvalidArgument:
		return errs.Invalid
	}
	return errs.Unavailable
}

// Put implements blob.Store. Cancelling the writer's context before Close
// aborts the upload, so a failed copy never becomes an object.
func (s *Store) Put(ctx context.Context, key string, r io.Reader, m blob.Meta) error {
	const op = "cloudblob.Put"
	if err := blob.ValidKey(key); err != nil {
		return errs.E(op, err)
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.b.NewWriter(wctx, key, &gblob.WriterOptions{ContentType: m.ContentType})
	if err != nil {
		return errs.E(op, code(err), err)
	}
	if _, err := io.Copy(w, blob.ReaderWithContext(ctx, r)); err != nil {
		cancel()
		w.Close()
		return errs.E(op, errs.Unavailable, err)
	}
	if err := w.Close(); err != nil {
		return errs.E(op, code(err), err)
	}
	return nil
}

// Open implements blob.Store. The reader is a *gblob.Reader, which seeks.
func (s *Store) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	const op = "cloudblob.Open"
	if err := blob.ValidKey(key); err != nil {
		return nil, errs.E(op, err)
	}
	r, err := s.b.NewReader(ctx, key, nil)
	if err != nil {
		return nil, errs.E(op, code(err), "blob.not_found", err)
	}
	return r, nil
}

// Delete implements blob.Store.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := blob.ValidKey(key); err != nil {
		return errs.E("cloudblob.Delete", err)
	}
	if err := s.b.Delete(ctx, key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return errs.E("cloudblob.Delete", code(err), err)
	}
	return nil
}

// Exists implements blob.Store.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	if err := blob.ValidKey(key); err != nil {
		return false, errs.E("cloudblob.Exists", err)
	}
	ok, err := s.b.Exists(ctx, key)
	if err != nil {
		return false, errs.E("cloudblob.Exists", code(err), err)
	}
	return ok, nil
}

// List implements blob.Store.
func (s *Store) List(ctx context.Context, prefix string) iter.Seq2[blob.Info, error] {
	return func(yield func(blob.Info, error) bool) {
		it := s.b.List(&gblob.ListOptions{Prefix: prefix})
		for {
			obj, err := it.Next(ctx)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(blob.Info{}, errs.E("cloudblob.List", code(err), err))
				return
			}
			if obj.IsDir {
				continue
			}
			if !yield(blob.Info{Key: obj.Key, Size: obj.Size, ModTime: obj.ModTime.UTC()}, nil) {
				return
			}
		}
	}
}
