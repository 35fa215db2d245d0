package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// The subscriptions with double opt-in (migration 0010).

const subscriptionColumns = `id, dossier_id, channel, address_sealed, address_hash, address_masked, lang, created_at,
	confirmed_at, confirm_hash, confirm_expires_at, confirm_attempts`

func scanSubscription(s scanner) (*dossier.Subscription, error) {
	var sub dossier.Subscription
	err := s.Scan(&sub.ID, &sub.DossierID, &sub.Channel, &sub.AddressSealed, &sub.AddressHash, &sub.AddressMasked, &sub.Lang,
		dossierTime{&sub.Created}, dossierTime{&sub.ConfirmedAt}, &sub.ConfirmHash, dossierTime{&sub.ConfirmExpires}, &sub.ConfirmAttempts)
	return &sub, err
}

// RequestSubscription stores the pending subscription s and runs then in
// the same transaction (see dossier.PublicStore). A pending row of the
// same address is updated in place, keeping its ID; pending rows whose
// secret expired do not count towards max.
func (db *DB) RequestSubscription(ctx context.Context, s *dossier.Subscription, max int, then func(tx job.Tx) error) error {
	const op = "sqlstore.RequestSubscription"
	err := db.InTx(ctx, func(tx *Tx) error {
		pending, err := checkSubscriptions(ctx, tx, s, max)
		if err != nil {
			return err
		}
		if pending != 0 {
			s.ID = pending
			_, err = tx.Exec(ctx, `UPDATE dossier_subscriptions SET channel = ?, address_sealed = ?, address_masked = ?, lang = ?,
				created_at = ?, confirmed_at = NULL, confirm_hash = ?, confirm_expires_at = ?, confirm_attempts = 0 WHERE id = ?`,
				string(s.Channel), s.AddressSealed, s.AddressMasked, s.Lang, stamp(s.Created), s.ConfirmHash, stamp(s.ConfirmExpires), s.ID)
		} else {
			err = tx.QueryRow(ctx, `INSERT INTO dossier_subscriptions (dossier_id, channel, address_sealed, address_hash, address_masked,
				lang, created_at, confirm_hash, confirm_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				s.DossierID, string(s.Channel), s.AddressSealed, s.AddressHash, s.AddressMasked, s.Lang, stamp(s.Created),
				s.ConfirmHash, stamp(s.ConfirmExpires)).Scan(&s.ID)
		}
		if err != nil {
			return err
		}
		return then(tx)
	})
	err = dossierErr(op, err)
	if key, _ := errs.KeyOf(err); errs.Is(err, errs.Conflict) && key != "lookup.already_subscribed" {
		// A concurrent request for the same address took the row.
		return errs.E(op, errs.Conflict, "lookup.already_subscribed", err)
	}
	return err
}

// checkSubscriptions reads the dossier's subscriptions in tx and returns
// the ID of the pending one with s's address (0 when none), Conflict
// "lookup.already_subscribed" when that address is confirmed, or Invalid
// "lookup.subscriptions_full" when max others are live.
func checkSubscriptions(ctx context.Context, tx *Tx, s *dossier.Subscription, max int) (int64, error) {
	const op = "sqlstore.checkSubscriptions"
	rows, err := tx.Query(ctx, "SELECT "+subscriptionColumns+" FROM dossier_subscriptions WHERE dossier_id = ?", s.DossierID)
	if err != nil {
		return 0, err
	}
	var pending int64
	live, dup := 0, false
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		switch {
		case sub.AddressHash == s.AddressHash && sub.Confirmed():
			dup = true
		case sub.AddressHash == s.AddressHash:
			pending = sub.ID
		case sub.Confirmed() || sub.ConfirmExpires.After(s.Created):
			live++
		}
	}
	if err := closeRows(rows); err != nil {
		return 0, err
	}
	switch {
	case dup:
		return 0, errs.E(op, errs.Conflict, "lookup.already_subscribed")
	case live >= max:
		return 0, errs.E(op, errs.Invalid, "lookup.subscriptions_full")
	}
	return pending, nil
}

// FindSubscription returns subscription id, or NotFound.
func (db *DB) FindSubscription(ctx context.Context, id int64) (*dossier.Subscription, error) {
	const op = "sqlstore.FindSubscription"
	sub, err := scanSubscription(db.QueryRow(ctx, "SELECT "+subscriptionColumns+" FROM dossier_subscriptions WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "dossier.subscription_not_found")
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	return sub, nil
}

// FindDossierSubscriptions returns a dossier's subscriptions, oldest
// first.
func (db *DB) FindDossierSubscriptions(ctx context.Context, dossierID int64) ([]*dossier.Subscription, error) {
	const op = "sqlstore.FindDossierSubscriptions"
	list, err := querySubscriptions(ctx, db, "SELECT "+subscriptionColumns+" FROM dossier_subscriptions WHERE dossier_id = ? ORDER BY id", dossierID)
	return list, MapErr(op, err)
}

// FindConfirmedSubscriptions returns the confirmed subscriptions of the
// dossiers, read in tx (a *Tx; nil reads outside a transaction).
func (db *DB) FindConfirmedSubscriptions(ctx context.Context, tx job.Tx, dossierIDs []int64) ([]*dossier.Subscription, error) {
	const op = "sqlstore.FindConfirmedSubscriptions"
	var q queryer = db
	if tx != nil {
		t, ok := tx.(*Tx)
		if !ok {
			return nil, errs.E(op, errs.Internal, errors.New("not a sqlstore transaction"))
		}
		q = t
	}
	var out []*dossier.Subscription
	for start := 0; start < len(dossierIDs); start += dossierChunk {
		chunk := idArgs(dossierIDs[start:min(start+dossierChunk, len(dossierIDs))])
		list, err := querySubscriptions(ctx, q, "SELECT "+subscriptionColumns+` FROM dossier_subscriptions
			WHERE confirmed_at IS NOT NULL AND dossier_id IN (`+marks(len(chunk))+`) ORDER BY id`, chunk...)
		if err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, list...)
	}
	return out, nil
}

func querySubscriptions(ctx context.Context, q queryer, query string, args ...any) ([]*dossier.Subscription, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []*dossier.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, sub)
	}
	return out, closeRows(rows)
}

// ConfirmSubscription marks subscription id confirmed at at, unless it is
// confirmed already; NotFound when it is gone.
func (db *DB) ConfirmSubscription(ctx context.Context, id int64, at time.Time) error {
	const op = "sqlstore.ConfirmSubscription"
	return db.execOne(ctx, op, "dossier.subscription_not_found",
		"UPDATE dossier_subscriptions SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?", stamp(at), id)
}

// AddConfirmAttempts counts one more wrong code for each subscription.
func (db *DB) AddConfirmAttempts(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE dossier_subscriptions SET confirm_attempts = confirm_attempts + 1 WHERE id IN ("+
			marks(len(ids))+")", idArgs(ids)...)
		return err
	})
	return dossierErr("sqlstore.AddConfirmAttempts", err)
}

// DeleteSubscription deletes subscription id, or returns NotFound.
func (db *DB) DeleteSubscription(ctx context.Context, id int64) error {
	return db.execOne(ctx, "sqlstore.DeleteSubscription", "dossier.subscription_not_found",
		"DELETE FROM dossier_subscriptions WHERE id = ?", id)
}

// execOne runs a statement meant to change one row in a write
// transaction, and returns NotFound notFoundKey when it changed none.
func (db *DB) execOne(ctx context.Context, op, notFoundKey, q string, args ...any) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err == nil && n == 0 {
			err = errs.E(op, errs.NotFound, notFoundKey)
		}
		return err
	})
	return dossierErr(op, err)
}

func idArgs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
