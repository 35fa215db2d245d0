package sqlstore

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"

	"github.com/cong-vn/cong/internal/errs"
)

// Backup writes a consistent copy of a live SQLite database to path with
// VACUUM INTO, which reads one snapshot while writers go on. The file is
// written beside path and renamed into place, so a crash never leaves a
// half-written backup under the final name. PostgreSQL databases are backed
// up with pg_dump (see docs/operations.md): Backup returns Invalid for them.
func (db *DB) Backup(ctx context.Context, path string) error {
	const op = "sqlstore.Backup"
	if db.dialect != SQLite {
		return errs.E(op, errs.Invalid, "backup.use_pg_dump")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return errs.E(op, errs.Invalid, err)
	}
	if _, err := os.Stat(abs); err == nil {
		return errs.E(op, errs.Conflict, "backup.exists")
	}
	tmp := abs + ".partial"
	os.Remove(tmp)
	// A connection of its own: the readers are query_only, and using the
	// writer would hold up every write for the length of the copy.
	src, err := sql.Open("sqlite", sqliteDSN(db.path, false))
	if err != nil {
		return errs.E(op, err)
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return errs.E(op, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return errs.E(op, err)
	}
	return nil
}
