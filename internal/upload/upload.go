package upload

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/job"
)

// Kind is what a file is for; it selects a Policy.
type Kind string

// The kinds.
const (
	Image    Kind = "image"    // photos and illustrations shown on pages
	Document Kind = "document" // attachments: PDF, Word, Excel
	Map      Kind = "map"      // planning maps: large PDF, TIFF, PNG, JPEG
)

// The content types the sniffer recognises.
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ZIP  = "application/zip"
	PNG  = "image/png"
	JPEG = "image/jpeg"
	TIFF = "image/tiff"
	WebP = "image/webp"
)

// Policy is what a kind accepts.
type Policy struct {
	MaxSize int64    // bytes
	Types   []string // allowed content types
	// MaxPixels bounds width × height of images that are decoded; 0 means
	// images of this kind are stored as they are, never decoded.
	MaxPixels int64
}

// DefaultPolicies are the kinds' limits. Maps are stored as they are:
// their metadata (georeferencing) is wanted and they are too large to
// re-encode; images are cleaned.
var DefaultPolicies = map[Kind]Policy{
	Image:    {MaxSize: 10 << 20, Types: []string{JPEG, PNG}, MaxPixels: 40_000_000},
	Document: {MaxSize: 50 << 20, Types: []string{PDF, DOCX, XLSX}},
	Map:      {MaxSize: 2 << 30, Types: []string{PDF, TIFF, PNG, JPEG}},
}

// ZipLimits bound what a ZIP container's directory may announce.
type ZipLimits struct {
	MaxEntries int
	MaxTotal   uint64  // total uncompressed bytes
	MaxRatio   float64 // uncompressed / compressed, per entry and overall
}

// DefaultZipLimits are generous for real office files (a 50 MB DOCX of
// images unpacks to about as much; XML compresses 10–20×).
var DefaultZipLimits = ZipLimits{MaxEntries: 10_000, MaxTotal: 1 << 30, MaxRatio: 100}

// File is a stored file.
type File struct {
	ID           int64
	Key          string // the blob store key, chosen by the server
	OwnerKind    string // e.g. "dossier"
	OwnerID      int64
	Kind         Kind
	ContentType  string // as sniffed
	Size         int64  // of the stored bytes
	SHA256       string // hex, of the stored bytes
	OriginalName string // cleaned; for Content-Disposition only
	CreatedAt    time.Time
}

// Store keeps the files table.
type Store interface {
	// CreateFile inserts f, setting ID. Conflict for a key in use.
	CreateFile(ctx context.Context, f *File) error
	// FindFileByID returns the file or NotFound.
	FindFileByID(ctx context.Context, id int64) (*File, error)
	// FindFilesByOwner returns the owner's files, oldest first.
	FindFilesByOwner(ctx context.Context, ownerKind string, ownerID int64) ([]*File, error)
	// DeleteFile removes the row; a missing row is not an error.
	DeleteFile(ctx context.Context, id int64) error
	// KnownKeys returns which of keys have a row.
	KnownKeys(ctx context.Context, keys []string) (map[string]bool, error)
	// OwnerKinds returns the distinct owner kinds with files.
	OwnerKinds(ctx context.Context) ([]string, error)
	// OwnerIDs returns up to limit distinct owner IDs of kind above after,
	// in order.
	OwnerIDs(ctx context.Context, kind string, after int64, limit int) ([]int64, error)
}

// Owners tells which owners of one kind still exist; the owning domain
// registers one per owner kind (Service.RegisterOwner).
type Owners interface {
	ExistingOwners(ctx context.Context, ids []int64) (map[int64]bool, error)
}

// OwnersFunc adapts a function to Owners.
type OwnersFunc func(ctx context.Context, ids []int64) (map[int64]bool, error)

// ExistingOwners implements Owners.
func (f OwnersFunc) ExistingOwners(ctx context.Context, ids []int64) (map[int64]bool, error) {
	return f(ctx, ids)
}

// DeleteOwnerFilesArgs is the job that deletes an owner's files.
type DeleteOwnerFilesArgs struct {
	OwnerKind string `json:"owner_kind"`
	OwnerID   int64  `json:"owner_id"`
}

// Kind implements job.Args.
func (DeleteOwnerFilesArgs) Kind() string { return "upload.delete_owner_files" }

var _ job.Args = DeleteOwnerFilesArgs{}
