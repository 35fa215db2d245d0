package sqlstore

import (
	"context"
	"time"
)

// Rate counters are fixed windows shared by every node: one row per key
// holding the start of its current window and the count in it. Callers
// name windows by their start (the current time truncated to the window
// length), so every node agrees on them.

// HitRate adds one to the counter key in the window starting at window and
// returns the new count. A counter still in an earlier window restarts at
// one; a counter already in a later window (another node's clock ran
// ahead) keeps its window and counts on. One upsert, atomic on both
// databases.
func (db *DB) HitRate(ctx context.Context, key string, window time.Time) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
			ON CONFLICT (key) DO UPDATE SET
				count = CASE WHEN rate_counters.window_start < excluded.window_start
					THEN 1 ELSE rate_counters.count + 1 END,
				window_start = CASE WHEN rate_counters.window_start < excluded.window_start
					THEN excluded.window_start ELSE rate_counters.window_start END
			RETURNING count`, key, window.UTC()).Scan(&n)
	})
	return n, accountErr("sqlstore.HitRate", err)
}

// RefundRate takes one back from the counter key if it is still in the
// window starting at window and above zero.
func (db *DB) RefundRate(ctx context.Context, key string, window time.Time) error {
	return db.execTx(ctx, "sqlstore.RefundRate",
		"UPDATE rate_counters SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0", key, window.UTC())
}

// DeleteRateCounters deletes the counters whose window started before
// before, and returns how many.
func (db *DB) DeleteRateCounters(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM rate_counters WHERE window_start < ?", before.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), accountErr("sqlstore.DeleteRateCounters", err)
}
