package sqlstore

import (
	"context"

	"github.com/cong-vn/cong/internal/audit"
)

// EndSession deletes the session under tokenHash and appends e in the same
// transaction, so that a logout is never missing from the audit log. When
// no session has tokenHash (it ended already, e.g. in a concurrent logout)
// nothing is deleted or appended, and it is no error. (It sits here rather
// than in sessions.go because it is the one session change that is audited.)
func (db *DB) EndSession(ctx context.Context, tokenHash string, e *audit.Entry) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	return accountErr("sqlstore.EndSession", err)
}
