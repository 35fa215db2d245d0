package upload

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/errs"
)

// FindFileByID returns a file's record, or NotFound. The caller decides
// whether the actor may read it (from its owner).
func (s *Service) FindFileByID(ctx context.Context, id int64) (*File, error) {
	return s.store.FindFileByID(ctx, id)
}

// FindFilesByOwner returns an owner's files, oldest first.
func (s *Service) FindFilesByOwner(ctx context.Context, ownerKind string, ownerID int64) ([]*File, error) {
	return s.store.FindFilesByOwner(ctx, ownerKind, ownerID)
}

// ServeFile writes f to w as a download: its sniffed Content-Type,
// X-Content-Type-Options: nosniff, a CSP that sandboxes it should a
// browser render it anyway, Content-Disposition: attachment with the
// original name, and an ETag from its SHA-256, so If-None-Match gives 304
// and Range requests work. A Cache-Control set by the caller is kept;
// the default is "private, no-cache". It returns an error (NotFound when
// the object is missing) only when nothing has been written yet; the
// caller renders it.
func (s *Service) ServeFile(w http.ResponseWriter, r *http.Request, f *File) error {
	body, err := s.blobs.Open(r.Context(), f.Key)
	if err != nil {
		return errs.E("upload.ServeFile", err)
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", ContentDisposition(f.OriginalName))
	h.Set("ETag", `"`+f.SHA256+`"`)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "private, no-cache")
	}
	if rs, ok := body.(io.ReadSeeker); ok {
		http.ServeContent(w, r, "", f.CreatedAt, rs)
		return nil
	}
	if match := r.Header.Get("If-None-Match"); match == `"`+f.SHA256+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	if r.Method != http.MethodHead {
		io.Copy(w, body)
	}
	return nil
}
