package upload

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// Options configure a Service. The zero value uses the defaults.
type Options struct {
	Policies    map[Kind]Policy // nil is DefaultPolicies
	Zip         ZipLimits       // zero is DefaultZipLimits
	TempDir     string          // for spooled uploads; "" is os.TempDir()
	OrphanGrace time.Duration   // how old an unreferenced object must be to be swept (default 24 h)
	Logger      *slog.Logger    // nil discards
}

// Service stores and serves files. It is safe for concurrent use.
type Service struct {
	store Store
	blobs blob.Store
	jobs  job.Enqueuer
	o     Options
	log   *slog.Logger
	now   func() time.Time

	mu     sync.Mutex
	owners map[string]Owners
}

// NewService returns a Service keeping rows in store and bytes in blobs.
func NewService(store Store, blobs blob.Store, jobs job.Enqueuer, o Options) *Service {
	if o.Policies == nil {
		o.Policies = DefaultPolicies
	}
	if o.Zip == (ZipLimits{}) {
		o.Zip = DefaultZipLimits
	}
	if o.OrphanGrace <= 0 {
		o.OrphanGrace = 24 * time.Hour
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, blobs: blobs, jobs: jobs, o: o, log: o.Logger, owners: map[string]Owners{},
		// Microseconds: what PostgreSQL keeps, so records read back compare equal.
		now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// Input is one upload.
type Input struct {
	Kind      Kind
	OwnerKind string
	OwnerID   int64
	Name      string    // the client's file name; kept cleaned, never used as a path
	Body      io.Reader // read once, never past the kind's limit + 1 byte
}

// Upload checks and stores in.Body and records it in its own short
// transaction (a long upload must not hold the caller's: on SQLite that
// would stall every writer). It returns Invalid with a key saying why a
// file is refused (upload.kind_unknown, upload.owner_required,
// upload.empty, upload.type_not_allowed, upload.image_too_large,
// upload.image_invalid, upload.archive_rejected), TooLarge
// (upload.too_large) past the kind's size, and Unavailable or Internal
// when storage fails.
func (s *Service) Upload(ctx context.Context, in Input) (*File, error) {
	const op = "upload.Upload"
	pol, err := s.policy(in)
	if err != nil {
		return nil, errs.E(op, err)
	}
	limited := &limitReader{r: in.Body, limit: pol.MaxSize}
	br := bufio.NewReaderSize(limited, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, errs.E(op, readErr(err, pol))
	}
	if len(head) == 0 {
		return nil, errs.E(op, errs.Invalid, "upload.empty")
	}
	f := &File{Key: newKey(in.Kind), ContentType: Sniff(head)}
	if err := s.save(ctx, f, br, pol); err != nil {
		return nil, errs.E(op, err)
	}
	f.Kind, f.OwnerKind, f.OwnerID = in.Kind, in.OwnerKind, in.OwnerID
	f.OriginalName, f.CreatedAt = SanitizeName(in.Name), s.now()
	if err := s.store.CreateFile(ctx, f); err != nil {
		s.blobs.Delete(context.WithoutCancel(ctx), f.Key)
		return nil, errs.E(op, err)
	}
	return f, nil
}

func (s *Service) policy(in Input) (Policy, error) {
	pol, ok := s.o.Policies[in.Kind]
	if !ok {
		return pol, errs.E("upload.policy", errs.Invalid, "upload.kind_unknown")
	}
	if in.OwnerKind == "" || in.OwnerID <= 0 {
		return pol, errs.E("upload.policy", errs.Invalid, "upload.owner_required")
	}
	return pol, nil
}

// readErr turns the limit reader's error into TooLarge.
func readErr(err error, pol Policy) error {
	if errors.Is(err, errTooLarge) {
		return errs.E("upload.read", errs.TooLarge, "upload.too_large", errs.MsgArgs{pol.MaxSize >> 20}, err) // in MB
	}
	return errs.E(errs.Unavailable, err)
}

func newKey(k Kind) string {
	b := make([]byte, 16)
	rand.Read(b)
	h := hex.EncodeToString(b)
	return string(k) + "/" + h[:2] + "/" + h
}

// save sends the body to the blob store, through a temporary file when
// the file needs a look at the whole, and fills f's size, hash and type.
func (s *Service) save(ctx context.Context, f *File, r io.Reader, pol Policy) error {
	switch {
	case f.ContentType == ZIP && (allowed(pol, DOCX) || allowed(pol, XLSX)):
		return s.spooled(ctx, f, r, pol)
	case isImage(f.ContentType) && pol.MaxPixels > 0 && allowed(pol, f.ContentType):
		return s.spooled(ctx, f, r, pol)
	case !allowed(pol, f.ContentType):
		return errs.E("upload.save", errs.Invalid, "upload.type_not_allowed", errs.MsgArgs{f.ContentType})
	}
	return s.put(ctx, f, r, pol)
}

func allowed(pol Policy, ctype string) bool { return slices.Contains(pol.Types, ctype) }

func isImage(ctype string) bool {
	return ctype == JPEG || ctype == PNG || ctype == WebP || ctype == TIFF
}

// put streams r to the blob store through the hashing reader.
func (s *Service) put(ctx context.Context, f *File, r io.Reader, pol Policy) error {
	hr := newHashReader(r)
	if err := s.blobs.Put(ctx, f.Key, hr, blob.Meta{ContentType: f.ContentType}); err != nil {
		if errors.Is(err, errTooLarge) {
			return readErr(err, pol)
		}
		return err
	}
	f.Size, f.SHA256 = hr.n, hr.Sum()
	return nil
}

// spooled copies r to a temporary file, checks (and for images cleans)
// it, then stores the result.
func (s *Service) spooled(ctx context.Context, f *File, r io.Reader, pol Policy) error {
	tmp, err := s.tempFile()
	if err != nil {
		return err
	}
	defer remove(tmp)
	size, err := io.Copy(tmp, blob.ReaderWithContext(ctx, r))
	if err != nil {
		return readErr(err, pol)
	}
	final, err := s.inspect(f, tmp, size, pol)
	if err != nil {
		return err
	}
	if final != tmp {
		defer remove(final)
	}
	if _, err := final.Seek(0, io.SeekStart); err != nil {
		return errs.E(errs.Internal, err)
	}
	return s.put(ctx, f, final, pol)
}

func (s *Service) tempFile() (*os.File, error) {
	f, err := os.CreateTemp(s.o.TempDir, "cong-upload-*")
	if err != nil {
		return nil, errs.E(errs.Internal, err)
	}
	return f, nil
}

func remove(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// inspect checks a spooled file; it returns the file to store, which for
// an image is a cleaned copy.
func (s *Service) inspect(f *File, tmp *os.File, size int64, pol Policy) (*os.File, error) {
	if f.ContentType == ZIP {
		return tmp, s.inspectZip(f, tmp, size, pol)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return nil, errs.E(errs.Internal, err)
	}
	if err := checkPixels(tmp, pol.MaxPixels); err != nil {
		return nil, errs.E("upload.inspect", errs.Invalid, "upload.image_too_large", err)
	}
	if f.ContentType != JPEG && f.ContentType != PNG {
		return nil, errs.E("upload.inspect", errs.Invalid, "upload.type_not_allowed", errs.MsgArgs{f.ContentType})
	}
	return s.clean(f, tmp)
}

func (s *Service) inspectZip(f *File, tmp *os.File, size int64, pol Policy) error {
	ctype, zr, err := ZipType(tmp, size)
	if err != nil {
		return errs.E("upload.inspectZip", errs.Invalid, "upload.archive_rejected", err)
	}
	if f.ContentType = ctype; !allowed(pol, ctype) {
		return errs.E("upload.inspectZip", errs.Invalid, "upload.type_not_allowed", errs.MsgArgs{ctype})
	}
	if err := checkZip(zr, size, s.o.Zip); err != nil {
		return errs.E("upload.inspectZip", errs.Invalid, "upload.archive_rejected", err)
	}
	return nil
}

// clean re-encodes an image into a new temporary file.
func (s *Service) clean(f *File, src *os.File) (*os.File, error) {
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return nil, errs.E(errs.Internal, err)
	}
	out, err := s.tempFile()
	if err != nil {
		return nil, err
	}
	if err := reencode(out, src, f.ContentType); err != nil {
		remove(out)
		return nil, errs.E("upload.clean", errs.Invalid, "upload.image_invalid", err)
	}
	return out, nil
}
