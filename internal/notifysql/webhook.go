package notifysql

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/sqlstore"
)

const endpointCols = `id, name, url, secret, active, consecutive_failures, last_error,
	last_failure_at, last_success_at, disabled_at, created_at, updated_at`

// CreateWebhookEndpoint implements notify.Store.
func (s *Store) CreateWebhookEndpoint(ctx context.Context, e *notify.WebhookEndpoint) error {
	const op = "notifysql.CreateWebhookEndpoint"
	secret := e.Secret
	if s.keys != nil {
		var err error
		if secret, err = s.keys.Seal(secretPurpose, []byte(e.Secret), []byte(e.Name)); err != nil {
			return errs.E(op, err)
		}
	}
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO webhook_endpoints (name, url, secret, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, e.Name, e.URL, secret, e.Active, e.CreatedAt, e.UpdatedAt).Scan(&e.ID)
		return sqlstore.MapErr(op, err)
	})
}

// FindWebhookEndpointByName implements notify.Store.
func (s *Store) FindWebhookEndpointByName(ctx context.Context, name string) (*notify.WebhookEndpoint, error) {
	e, err := scanEndpoint(s.db.QueryRow(ctx, "SELECT "+endpointCols+" FROM webhook_endpoints WHERE name = ?", name))
	if err != nil {
		return nil, sqlstore.MapErr("notifysql.FindWebhookEndpointByName", err)
	}
	if err := s.openSecret(e); err != nil {
		return nil, errs.E("notifysql.FindWebhookEndpointByName", err)
	}
	return e, nil
}

// FindWebhookEndpoints implements notify.Store.
func (s *Store) FindWebhookEndpoints(ctx context.Context) ([]*notify.WebhookEndpoint, error) {
	const op = "notifysql.FindWebhookEndpoints"
	rows, err := s.db.Query(ctx, "SELECT "+endpointCols+" FROM webhook_endpoints ORDER BY name")
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	var out []*notify.WebhookEndpoint
	for rows.Next() {
		e, err := scanEndpoint(rows)
		if err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		if err := s.openSecret(e); err != nil {
			return nil, errs.E(op, err)
		}
		out = append(out, e)
	}
	return out, sqlstore.MapErr(op, rows.Err())
}

// RecordWebhookSuccess implements notify.Store.
func (s *Store) RecordWebhookSuccess(ctx context.Context, id int64, at time.Time) error {
	const op = "notifysql.RecordWebhookSuccess"
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE webhook_endpoints SET consecutive_failures = 0, last_success_at = ?, updated_at = ?
			WHERE id = ?`, at.UTC(), at.UTC(), id)
		if err != nil {
			return sqlstore.MapErr(op, err)
		}
		return mustAffect(op, res)
	})
}

// RecordWebhookFailure implements notify.Store. The count and the
// deactivation happen in one statement, so concurrent deliveries to one
// endpoint count every failure.
func (s *Store) RecordWebhookFailure(ctx context.Context, id int64, lastErr string, disableAt int, at time.Time) (*notify.WebhookEndpoint, error) {
	const op = "notifysql.RecordWebhookFailure"
	var e *notify.WebhookEndpoint
	err := s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		var err error
		e, err = scanEndpoint(tx.QueryRow(ctx, `UPDATE webhook_endpoints SET
			consecutive_failures = consecutive_failures + 1, last_error = ?, last_failure_at = ?, updated_at = ?,
			disabled_at = CASE WHEN active AND consecutive_failures + 1 >= ? THEN ? ELSE disabled_at END,
			active = CASE WHEN consecutive_failures + 1 >= ? THEN FALSE ELSE active END
			WHERE id = ? RETURNING `+endpointCols, lastErr, at.UTC(), at.UTC(), disableAt, at.UTC(), disableAt, id))
		return err
	})
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	if err := s.openSecret(e); err != nil {
		return nil, errs.E(op, err)
	}
	return e, nil
}

// SetWebhookActive implements notify.Store.
func (s *Store) SetWebhookActive(ctx context.Context, id int64, active bool, at time.Time) error {
	const op = "notifysql.SetWebhookActive"
	q := `UPDATE webhook_endpoints SET active = TRUE, consecutive_failures = 0, disabled_at = NULL, updated_at = ? WHERE id = ?`
	args := []any{at.UTC(), id}
	if !active {
		q = `UPDATE webhook_endpoints SET active = FALSE, disabled_at = ?, updated_at = ? WHERE id = ?`
		args = []any{at.UTC(), at.UTC(), id}
	}
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		res, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return sqlstore.MapErr(op, err)
		}
		return mustAffect(op, res)
	})
}

// secretPurpose is the key purpose of the endpoints' HMAC secrets, sealed
// at rest and bound to the endpoint's name. A secret stored in clear
// before sealing is read as it is.
const secretPurpose = "notify.webhook_secret"

func (s *Store) openSecret(e *notify.WebhookEndpoint) error {
	if !keyring.IsSealed(e.Secret) {
		return nil
	}
	if s.keys == nil {
		return errs.E("notifysql.openSecret", errs.Internal, errors.New("a sealed webhook secret and no keys to open it"))
	}
	b, err := s.keys.Open(secretPurpose, e.Secret, []byte(e.Name))
	if err != nil {
		return err
	}
	e.Secret = string(b)
	return nil
}

func scanEndpoint(r scanner) (*notify.WebhookEndpoint, error) {
	e := &notify.WebhookEndpoint{}
	var failed, succeeded, disabled sql.NullTime
	err := r.Scan(&e.ID, &e.Name, &e.URL, &e.Secret, &e.Active, &e.ConsecutiveFailures, &e.LastError,
		&failed, &succeeded, &disabled, &e.CreatedAt, &e.UpdatedAt)
	e.LastFailureAt, e.LastSuccessAt, e.DisabledAt = utc(failed), utc(succeeded), utc(disabled)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}
