package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

var _ dossier.SlipStore = (*DB)(nil)

// slipTx returns the transaction a hook was given.
func slipTx(op string, tx job.Tx) (*Tx, error) {
	t, ok := tx.(*Tx)
	if !ok || t == nil {
		return nil, errs.E(op, errs.Internal, errors.New("not a sqlstore transaction"))
	}
	return t, nil
}

// FindNewSlips returns the unsent slips of the dossiers recorded by the
// ingest running in tx, oldest first. The ingest writes a slip's
// created_at and its dossier's updated_at with the same time in the same
// transaction, and every later write of the dossier moves updated_at, so
// equality picks the slips of this write only.
func (db *DB) FindNewSlips(ctx context.Context, tx job.Tx, dossierIDs []int64) ([]*dossier.ApologySlip, error) {
	const op = "sqlstore.FindNewSlips"
	t, err := slipTx(op, tx)
	if err != nil {
		return nil, err
	}
	var out []*dossier.ApologySlip
	for start := 0; start < len(dossierIDs); start += dossierChunk {
		chunk := idArgs(dossierIDs[start:min(start+dossierChunk, len(dossierIDs))])
		rows, err := t.Query(ctx, `SELECT s.id, s.dossier_id, d.receipt_code, s.old_appointment, s.new_appointment, s.reason,
			s.event_at, s.created_at FROM apology_slips s JOIN dossiers d ON d.id = s.dossier_id
			WHERE s.sent_at IS NULL AND s.created_at = d.updated_at AND s.dossier_id IN (`+marks(len(chunk))+`)
			ORDER BY s.id`, chunk...)
		if err != nil {
			return nil, MapErr(op, err)
		}
		for rows.Next() {
			var s dossier.ApologySlip
			if err := rows.Scan(&s.ID, &s.DossierID, &s.ReceiptCode, dossierTime{&s.OldAppointment}, dossierTime{&s.NewAppointment},
				&s.Reason, dossierTime{&s.EventAt}, dossierTime{&s.CreatedAt}); err != nil {
				rows.Close()
				return nil, MapErr(op, err)
			}
			out = append(out, &s)
		}
		if err := closeRows(rows); err != nil {
			return nil, MapErr(op, err)
		}
	}
	return out, nil
}

// MarkSlipSent records in tx that slip id went out as notification
// notificationID at at, unless it was marked already; it reports whether
// it marked it.
func (db *DB) MarkSlipSent(ctx context.Context, tx job.Tx, id, notificationID int64, at time.Time) (bool, error) {
	const op = "sqlstore.MarkSlipSent"
	t, err := slipTx(op, tx)
	if err != nil {
		return false, err
	}
	res, err := t.Exec(ctx, "UPDATE apology_slips SET sent_at = ?, notification_id = ? WHERE id = ? AND sent_at IS NULL",
		stamp(at), nullID(notificationID), id)
	if err != nil {
		return false, MapErr(op, err)
	}
	n, err := res.RowsAffected()
	return n == 1, MapErr(op, err)
}
