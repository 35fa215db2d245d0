package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

const clientColumns = `cc.id, cc.key_id, cc.unit_id, u.code, cc.name, cc.secret_sealed, cc.previous_secret_sealed,
	cc.previous_until, cc.disabled, cc.created_at, cc.rotated_at, cc.last_success_at, cc.last_failure_at`

const clientFrom = ` FROM centre_clients cc JOIN units u ON u.id = cc.unit_id`

// CreateClient inserts c with the audit entry e and sets c.ID. A key id
// in use is Conflict; Internal when the database fails.
func (db *DB) CreateClient(ctx context.Context, c *centreapi.Client, e *audit.Entry) error {
	const op = "sqlstore.CreateClient"
	err := db.InTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO centre_clients (key_id, unit_id, name, secret_sealed, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, c.KeyID, c.UnitID, c.Name, c.SecretSealed, stamp(c.Created)).Scan(&c.ID)
		if err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	return dossierErr(op, err)
}

// FindClientByKeyID returns the client with keyID, or NotFound
// ("centre.client_not_found").
func (db *DB) FindClientByKeyID(ctx context.Context, keyID string) (*centreapi.Client, error) {
	const op = "sqlstore.FindClientByKeyID"
	c, err := scanClient(db.QueryRow(ctx, "SELECT "+clientColumns+clientFrom+" WHERE cc.key_id = ?", keyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "centre.client_not_found", err)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	return c, nil
}

// FindClients returns the clients of unitID (all for 0) by unit and id.
func (db *DB) FindClients(ctx context.Context, unitID int64) ([]*centreapi.Client, error) {
	const op = "sqlstore.FindClients"
	w := &where{}
	if unitID != 0 {
		w.add("cc.unit_id = ?", unitID)
	}
	rows, err := db.Query(ctx, "SELECT "+clientColumns+clientFrom+w.sql()+" ORDER BY u.code, cc.id", w.args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []*centreapi.Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, c)
	}
	return out, MapErr(op, rows.Err())
}

func scanClient(s scanner) (*centreapi.Client, error) {
	var c centreapi.Client
	err := s.Scan(&c.ID, &c.KeyID, &c.UnitID, &c.UnitCode, &c.Name, &c.SecretSealed, &c.PreviousSealed,
		dossierTime{&c.PreviousUntil}, &c.Disabled, dossierTime{&c.Created}, dossierTime{&c.Rotated},
		dossierTime{&c.LastSuccess}, dossierTime{&c.LastFailure})
	return &c, err
}

// UpdateClientKeys stores c's secrets, rotation time and Disabled with e.
// It returns NotFound for an unknown client.
func (db *DB) UpdateClientKeys(ctx context.Context, c *centreapi.Client, e *audit.Entry) error {
	const op = "sqlstore.UpdateClientKeys"
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE centre_clients SET secret_sealed = ?, previous_secret_sealed = ?,
			previous_until = ?, rotated_at = ?, disabled = ? WHERE id = ?`,
			c.SecretSealed, c.PreviousSealed, nullStamp(c.PreviousUntil), nullStamp(c.Rotated), c.Disabled, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E("sqlstore.UpdateClientKeys", errs.NotFound, "centre.client_not_found")
		}
		return appendAudit(ctx, tx, e)
	})
	return dossierErr(op, err)
}

// UseNonce records a nonce of keyID, deleting those seen before
// sweepBefore (when not zero) in the same transaction. It returns
// Conflict ("centre.auth_replay") when the nonce was recorded before.
func (db *DB) UseNonce(ctx context.Context, keyID, nonce string, at, sweepBefore time.Time) error {
	const op = "sqlstore.UseNonce"
	err := db.InTx(ctx, func(tx *Tx) error {
		if !sweepBefore.IsZero() {
			if _, err := tx.Exec(ctx, "DELETE FROM centre_nonces WHERE seen_at < ?", stamp(sweepBefore)); err != nil {
				return err
			}
		}
		res, err := tx.Exec(ctx, `INSERT INTO centre_nonces (key_id, nonce, seen_at) VALUES (?, ?, ?)
			ON CONFLICT (key_id, nonce) DO NOTHING`, keyID, nonce, stamp(at))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E("sqlstore.UseNonce", errs.Conflict, "centre.auth_replay")
		}
		return nil
	})
	return dossierErr(op, err)
}

// RecordFailure counts a failed request of c on day and sets its last
// failure time.
func (db *DB) RecordFailure(ctx context.Context, c *centreapi.Client, day string, at time.Time) error {
	const op = "sqlstore.RecordFailure"
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := addTraffic(ctx, tx, centreapi.Traffic{UnitID: c.UnitID, Day: day, FailedRequests: 1}); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE centre_clients SET last_failure_at = ? WHERE id = ?", stamp(at), c.ID)
		return err
	})
	return dossierErr(op, err)
}

// addTraffic adds t's counts to its unit and day.
func addTraffic(ctx context.Context, tx *Tx, t centreapi.Traffic) error {
	_, err := tx.Exec(ctx, `INSERT INTO centre_traffic (unit_id, day, requests, failed_requests, items, duplicates, item_errors)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (unit_id, day) DO UPDATE SET
			requests = centre_traffic.requests + excluded.requests,
			failed_requests = centre_traffic.failed_requests + excluded.failed_requests,
			items = centre_traffic.items + excluded.items,
			duplicates = centre_traffic.duplicates + excluded.duplicates,
			item_errors = centre_traffic.item_errors + excluded.item_errors`,
		t.UnitID, t.Day, t.Requests, t.FailedRequests, t.Items, t.Duplicates, t.ItemErrors)
	return err
}

// FindTraffic returns every centre's traffic from sinceDay on, by unit
// and day.
func (db *DB) FindTraffic(ctx context.Context, sinceDay string) ([]centreapi.Traffic, error) {
	const op = "sqlstore.FindTraffic"
	rows, err := db.Query(ctx, `SELECT unit_id, day, requests, failed_requests, items, duplicates, item_errors
		FROM centre_traffic WHERE day >= ? ORDER BY unit_id, day`, sinceDay)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []centreapi.Traffic
	for rows.Next() {
		var t centreapi.Traffic
		if err := rows.Scan(&t.UnitID, &t.Day, &t.Requests, &t.FailedRequests, &t.Items, &t.Duplicates, &t.ItemErrors); err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, t)
	}
	return out, MapErr(op, rows.Err())
}

// StatusMappings returns the mappings of unitID by code.
func (db *DB) StatusMappings(ctx context.Context, unitID int64) ([]centreapi.Mapping, error) {
	const op = "sqlstore.StatusMappings"
	rows, err := db.Query(ctx, "SELECT code, status, updated_at FROM centre_status_map WHERE unit_id = ? ORDER BY code", unitID)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []centreapi.Mapping
	for rows.Next() {
		m := centreapi.Mapping{UnitID: unitID}
		var status string
		if err := rows.Scan(&m.Code, &status, dossierTime{&m.Updated}); err != nil {
			return nil, MapErr(op, err)
		}
		m.Status = dossier.Status(status)
		out = append(out, m)
	}
	return out, MapErr(op, rows.Err())
}

// SetStatusMapping inserts or replaces m, with e.
func (db *DB) SetStatusMapping(ctx context.Context, m *centreapi.Mapping, e *audit.Entry) error {
	const op = "sqlstore.SetStatusMapping"
	err := db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO centre_status_map (unit_id, code, status, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (unit_id, code) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
			m.UnitID, m.Code, string(m.Status), stamp(m.Updated))
		if err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	return dossierErr(op, err)
}

// DeleteStatusMapping deletes the mapping of code, with e; NotFound
// ("centre.mapping_not_found") when there is none.
func (db *DB) DeleteStatusMapping(ctx context.Context, unitID int64, code string, e *audit.Entry) error {
	const op = "sqlstore.DeleteStatusMapping"
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM centre_status_map WHERE unit_id = ? AND code = ?", unitID, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E("sqlstore.DeleteStatusMapping", errs.NotFound, "centre.mapping_not_found")
		}
		return appendAudit(ctx, tx, e)
	})
	return dossierErr(op, err)
}
