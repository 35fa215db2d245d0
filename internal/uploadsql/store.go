package uploadsql

import (
	"context"
	"strings"

	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/upload"
)

// Store implements upload.Store. It is safe for concurrent use.
type Store struct {
	db *sqlstore.DB
}

var _ upload.Store = (*Store)(nil)

// New returns a Store on db.
func New(db *sqlstore.DB) *Store { return &Store{db: db} }

const fileCols = "id, key, owner_kind, owner_id, kind, content_type, size, sha256, original_name, created_at"

// CreateFile implements upload.Store.
func (s *Store) CreateFile(ctx context.Context, f *upload.File) error {
	const op = "uploadsql.CreateFile"
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO files (key, owner_kind, owner_id, kind, content_type, size, sha256, original_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			f.Key, f.OwnerKind, f.OwnerID, f.Kind, f.ContentType, f.Size, f.SHA256, f.OriginalName, f.CreatedAt.UTC()).Scan(&f.ID)
		return sqlstore.MapErr(op, err)
	})
}

type scanner interface{ Scan(...any) error }

func scanFile(r scanner) (*upload.File, error) {
	f := &upload.File{}
	err := r.Scan(&f.ID, &f.Key, &f.OwnerKind, &f.OwnerID, &f.Kind, &f.ContentType, &f.Size, &f.SHA256, &f.OriginalName, &f.CreatedAt)
	f.CreatedAt = f.CreatedAt.UTC()
	return f, err
}

// FindFileByID implements upload.Store.
func (s *Store) FindFileByID(ctx context.Context, id int64) (*upload.File, error) {
	f, err := scanFile(s.db.QueryRow(ctx, "SELECT "+fileCols+" FROM files WHERE id = ?", id))
	if err != nil {
		return nil, sqlstore.MapErr("uploadsql.FindFileByID", err)
	}
	return f, nil
}

// FindFilesByOwner implements upload.Store.
func (s *Store) FindFilesByOwner(ctx context.Context, ownerKind string, ownerID int64) ([]*upload.File, error) {
	const op = "uploadsql.FindFilesByOwner"
	rows, err := s.db.Query(ctx, "SELECT "+fileCols+" FROM files WHERE owner_kind = ? AND owner_id = ? ORDER BY id", ownerKind, ownerID)
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	var out []*upload.File
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		out = append(out, f)
	}
	return out, sqlstore.MapErr(op, rows.Err())
}

// DeleteFile implements upload.Store.
func (s *Store) DeleteFile(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM files WHERE id = ?", id)
		return sqlstore.MapErr("uploadsql.DeleteFile", err)
	})
}

// KnownKeys implements upload.Store.
func (s *Store) KnownKeys(ctx context.Context, keys []string) (map[string]bool, error) {
	const op = "uploadsql.KnownKeys"
	out := map[string]bool{}
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	q := "SELECT key FROM files WHERE key IN (?" + strings.Repeat(", ?", len(keys)-1) + ")"
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		out[k] = true
	}
	return out, sqlstore.MapErr(op, rows.Err())
}

// OwnerKinds implements upload.Store.
func (s *Store) OwnerKinds(ctx context.Context) ([]string, error) {
	const op = "uploadsql.OwnerKinds"
	rows, err := s.db.Query(ctx, "SELECT DISTINCT owner_kind FROM files ORDER BY owner_kind")
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		out = append(out, k)
	}
	return out, sqlstore.MapErr(op, rows.Err())
}

// OwnerIDs implements upload.Store.
func (s *Store) OwnerIDs(ctx context.Context, kind string, after int64, limit int) ([]int64, error) {
	const op = "uploadsql.OwnerIDs"
	rows, err := s.db.Query(ctx, "SELECT DISTINCT owner_id FROM files WHERE owner_kind = ? AND owner_id > ? ORDER BY owner_id LIMIT ?", kind, after, limit)
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		out = append(out, id)
	}
	return out, sqlstore.MapErr(op, rows.Err())
}
