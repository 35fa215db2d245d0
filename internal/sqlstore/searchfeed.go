package sqlstore

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/search"
)

// feedLock is the advisory lock key that orders feed writers on PostgreSQL.
const feedLock = 7310002

// RecordChange writes a row to the search change feed in tx: the document
// kind/id must be re-read by every indexer. On PostgreSQL it first takes a
// transaction-scoped advisory lock, held until commit, so feed rows commit
// in the order of their sequence numbers and a tailer reading "seq > last"
// never misses a row that commits late. SQLite has one writer, which gives
// the same order.
func RecordChange(ctx context.Context, tx *Tx, kind, id string) error {
	if tx.Dialect() == Postgres {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(?)", feedLock); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, "INSERT INTO search_changes (kind, doc_id, at) VALUES (?, ?, ?)", kind, id, time.Now().UTC())
	if hook := tx.db.searchHook.Load(); hook != nil && err == nil {
		tx.AfterCommit(*hook)
	}
	return err
}

// Changes returns up to limit feed rows after seq, in order.
func (db *DB) Changes(ctx context.Context, after int64, limit int) ([]search.Change, error) {
	rows, err := db.Query(ctx, "SELECT seq, kind, doc_id FROM search_changes WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
	if err != nil {
		return nil, MapErr("sqlstore.Changes", err)
	}
	defer rows.Close()
	var out []search.Change
	for rows.Next() {
		var c search.Change
		if err := rows.Scan(&c.Seq, &c.Kind, &c.ID); err != nil {
			return nil, MapErr("sqlstore.Changes", err)
		}
		out = append(out, c)
	}
	return out, MapErr("sqlstore.Changes", rows.Err())
}

// LatestChange returns the highest feed sequence, 0 when the feed is empty.
func (db *DB) LatestChange(ctx context.Context) (int64, error) {
	var seq int64
	err := db.QueryRow(ctx, "SELECT COALESCE(MAX(seq), 0) FROM search_changes").Scan(&seq)
	return seq, MapErr("sqlstore.LatestChange", err)
}

// RequestRebuild asks every running process to rebuild its search index.
func (db *DB) RequestRebuild(ctx context.Context, by string) (int64, error) {
	var id int64
	err := db.InTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, "INSERT INTO search_rebuilds (requested_at, requested_by) VALUES (?, ?) RETURNING id",
			time.Now().UTC(), by).Scan(&id)
	})
	return id, MapErr("sqlstore.RequestRebuild", err)
}

// LatestRebuild returns the id of the newest rebuild request, 0 for none.
func (db *DB) LatestRebuild(ctx context.Context) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM search_rebuilds").Scan(&id)
	return id, MapErr("sqlstore.LatestRebuild", err)
}

// OnSearchChange sets fn to run after every commit that wrote to the
// change feed, so this process's indexer applies it at once.
func (db *DB) OnSearchChange(fn func()) { db.searchHook.Store(&fn) }

// KindVersion returns the latest feed sequence of kind: it changes whenever
// a document of that kind changes, on any node, so caches compare it.
func (db *DB) KindVersion(ctx context.Context, kind string) (int64, error) {
	var seq int64
	err := db.QueryRow(ctx, "SELECT COALESCE(MAX(seq), 0) FROM search_changes WHERE kind = ?", kind).Scan(&seq)
	return seq, MapErr("sqlstore.KindVersion", err)
}

// ContentVersion returns a number that grows whenever public content
// changes on any node: the search feed's latest sequence plus the
// calendar's generation. Page caches compare it to drop stale pages.
func (db *DB) ContentVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.QueryRow(ctx, `SELECT COALESCE((SELECT MAX(seq) FROM search_changes), 0)
		+ COALESCE((SELECT generation FROM calendar_state WHERE id = 1), 0)`).Scan(&v)
	return v, MapErr("sqlstore.ContentVersion", err)
}
