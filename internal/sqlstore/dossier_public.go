package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

var _ dossier.PublicStore = (*DB)(nil)

// FindLookupHash returns the id and lookup hash of the dossier with the
// receipt code, or NotFound: one read of the unique index.
func (db *DB) FindLookupHash(ctx context.Context, code string) (int64, string, error) {
	var id int64
	var hash string
	err := db.QueryRow(ctx, "SELECT id, lookup_hash FROM dossiers WHERE receipt_code = ?", code).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", errs.E("sqlstore.FindLookupHash", errs.NotFound, "dossier.not_found")
	}
	return id, hash, MapErr("sqlstore.FindLookupHash", err)
}

// PeekRate returns the count of the rate counter key in the window
// starting at window, or 0 when the counter is in an earlier window or
// missing. It reads and never writes (see HitRate).
func (db *DB) PeekRate(ctx context.Context, key string, window time.Time) (int, error) {
	var n int
	err := db.QueryRow(ctx, "SELECT count FROM rate_counters WHERE key = ? AND window_start >= ?", key, window.UTC()).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, MapErr("sqlstore.PeekRate", err)
}

// CreateRating stores r and adds delta to the statistics in one
// transaction; Conflict "lookup.already_rated" when the dossier is rated.
func (db *DB) CreateRating(ctx context.Context, r *dossier.Rating, delta dossier.StatsRow) error {
	const op = "sqlstore.CreateRating"
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO dossier_ratings (dossier_id, score, comment, created_at) VALUES (?, ?, ?, ?)",
			r.DossierID, r.Score, r.Comment, stamp(r.Created)); err != nil {
			return err
		}
		return applyStats(ctx, tx, []dossier.StatsRow{delta})
	})
	if err = dossierErr(op, err); errs.Is(err, errs.Conflict) {
		return errs.E(op, errs.Conflict, "lookup.already_rated", err)
	}
	return err
}

// FindRating returns the rating of a dossier, or NotFound.
func (db *DB) FindRating(ctx context.Context, dossierID int64) (*dossier.Rating, error) {
	r := dossier.Rating{DossierID: dossierID}
	err := db.QueryRow(ctx, "SELECT score, comment, created_at FROM dossier_ratings WHERE dossier_id = ?", dossierID).
		Scan(&r.Score, &r.Comment, dossierTime{&r.Created})
	if err != nil {
		return nil, MapErr("sqlstore.FindRating", err)
	}
	return &r, nil
}

// ImportDossiers inserts, in one transaction, the dossiers of items whose
// receipt code is not taken, with their history, handling units, rating
// and statistics contributions, and returns how many it inserted; items
// whose code exists are skipped whole, which makes an import idempotent.
// Sequences raises the receipt sequences to at least the values given, so
// codes the portal issues later do not collide.
func (db *DB) ImportDossiers(ctx context.Context, items []dossier.Imported, sequences map[string]int64) (int, error) {
	const op = "sqlstore.ImportDossiers"
	var n int
	err := db.InTx(ctx, func(tx *Tx) error {
		inserted, err := importHeaders(ctx, tx, items)
		if err != nil {
			return err
		}
		n = len(inserted)
		if err := importDetails(ctx, tx, inserted); err != nil {
			return err
		}
		return raiseSequences(ctx, tx, sequences)
	})
	return n, dossierErr(op, err)
}

// importHeaders inserts the dossier rows and returns the items inserted,
// with their ids set.
func importHeaders(ctx context.Context, tx *Tx, items []dossier.Imported) ([]dossier.Imported, error) {
	byCode := make(map[string]dossier.Imported, len(items))
	rows := make([][]any, 0, len(items))
	for _, it := range items {
		d := it.Dossier
		byCode[d.ReceiptCode] = it
		r := append([]any{d.ReceiptCode, d.CentreUnitID}, dossierRow(d)...)
		rows = append(rows, append(r, stamp(d.ReceivedAt), stamp(d.StatusAt)))
		d.Version, d.Created, d.Updated = 1, stamp(d.ReceivedAt), stamp(d.StatusAt)
	}
	cols := append(append([]string{"receipt_code", "centre_unit_id"}, dossierWriteColumns...), "created_at", "updated_at")
	var out []dossier.Imported
	err := bulkInsert(ctx, tx, "dossiers", cols, rows, " ON CONFLICT (receipt_code) DO NOTHING RETURNING id, receipt_code", func(s scanner) error {
		var id int64
		var code string
		if err := s.Scan(&id, &code); err != nil {
			return err
		}
		it := byCode[code]
		it.Dossier.ID = id
		out = append(out, it)
		return nil
	})
	return out, err
}

// importDetails inserts the events, handling units and ratings of the
// inserted items and adds their statistics.
func importDetails(ctx context.Context, tx *Tx, items []dossier.Imported) error {
	var events, units, ratings [][]any
	var stats []dossier.StatsRow
	for _, it := range items {
		d := it.Dossier
		for _, e := range d.History {
			events = append(events, []any{d.ID, d.CentreUnitID, nullText(e.EventID), string(e.Kind), stamp(e.At), nullID(e.UnitID),
				string(e.Status), e.CentreStatus, e.CentreStatusText, e.PublicNote, e.InternalNote,
				nullStamp(e.AppointmentAt), e.ReceivedVia, e.PayloadHash, stamp(e.Created)})
		}
		for _, u := range d.HandlingUnitIDs {
			units = append(units, []any{d.ID, u})
		}
		if r := it.Rating; r != nil {
			r.DossierID = d.ID
			ratings = append(ratings, []any{d.ID, r.Score, r.Comment, stamp(r.Created)})
		}
		stats = append(stats, it.Stats...)
	}
	if err := bulkInsert(ctx, tx, "dossier_events", eventWriteColumns, events, "", nil); err != nil {
		return err
	}
	if err := bulkInsert(ctx, tx, "dossier_units", []string{"dossier_id", "unit_id"}, units, "", nil); err != nil {
		return err
	}
	if err := bulkInsert(ctx, tx, "dossier_ratings", []string{"dossier_id", "score", "comment", "created_at"}, ratings, "", nil); err != nil {
		return err
	}
	return applyStats(ctx, tx, mergeStats(stats))
}

// raiseSequences sets each receipt sequence to at least its value.
func raiseSequences(ctx context.Context, tx *Tx, seqs map[string]int64) error {
	for key, v := range seqs {
		if _, err := tx.Exec(ctx, `INSERT INTO dossier_sequences (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = CASE WHEN dossier_sequences.value < excluded.value
				THEN excluded.value ELSE dossier_sequences.value END`, key, v); err != nil {
			return err
		}
	}
	return nil
}

// CountImported returns how many dossiers have an event received via via
// (e.g. "seed"), to tell whether an import ran.
func (db *DB) CountImported(ctx context.Context, via string) (int, error) {
	var n int
	err := db.QueryRow(ctx, "SELECT COUNT(DISTINCT dossier_id) FROM dossier_events WHERE received_via = ?", via).Scan(&n)
	return n, MapErr("sqlstore.CountImported", err)
}

// bulkInsert inserts rows into table with multi-row INSERTs sized to stay
// under both databases' parameter limits, each followed by suffix (an ON
// CONFLICT or RETURNING clause). With scan set, each returned row is
// passed to it.
func bulkInsert(ctx context.Context, tx *Tx, table string, cols []string, rows [][]any, suffix string, scan func(scanner) error) error {
	per := max(1, min(1000, 30000/len(cols)))
	one := "(" + marks(len(cols)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := head + strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ") + suffix
		if err := runInsert(ctx, tx, q, args, scan); err != nil {
			return err
		}
	}
	return nil
}

func runInsert(ctx context.Context, tx *Tx, q string, args []any, scan func(scanner) error) error {
	if scan == nil {
		_, err := tx.Exec(ctx, q, args...)
		return err
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := scan(rows); err != nil {
			rows.Close()
			return err
		}
	}
	return closeRows(rows)
}
