package notifysql

import (
	"context"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// sealBatch is how many messages SealClear reads and seals per transaction.
const sealBatch = 200

// inClear is the condition of a message stored in clear, the same as the
// partial index notifications_in_clear: a sealed message always has its
// recipient sealed.
const inClear = "recipient NOT LIKE 'v1:%'"

// SealClear seals what earlier versions stored in clear: the recipient,
// subject and bodies of messages, and the webhook endpoints' secrets. It
// returns how many messages and endpoints it sealed and does nothing
// without keys. serve and worker run it at start, where it costs one
// lookup of the partial index notifications_in_clear (migration 0014)
// once nothing is left in clear; it is safe to run on
// several nodes at once, because a row is rewritten only while it still
// holds the clear values that were read.
func (s *Store) SealClear(ctx context.Context) (messages, endpoints int, err error) {
	const op = "notifysql.SealClear"
	if s.keys == nil {
		return 0, 0, nil
	}
	if messages, err = s.sealClearMessages(ctx); err != nil {
		return messages, 0, errs.E(op, err)
	}
	if endpoints, err = s.sealClearSecrets(ctx); err != nil {
		return messages, endpoints, errs.E(op, err)
	}
	return messages, endpoints, nil
}

func (s *Store) sealClearMessages(ctx context.Context) (int, error) {
	type row struct {
		id                             int64
		recipient, subject, text, html string
	}
	sealed := 0
	for after := int64(0); ; {
		var batch []row
		rows, err := s.db.Query(ctx, `SELECT id, recipient, subject, body_text, body_html FROM notifications
			WHERE `+inClear+` AND id > ? ORDER BY id LIMIT ?`, after, sealBatch)
		if err != nil {
			return sealed, sqlstore.MapErr("notifysql.sealClearMessages", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.recipient, &r.subject, &r.text, &r.html); err != nil {
				rows.Close()
				return sealed, sqlstore.MapErr("notifysql.sealClearMessages", err)
			}
			batch = append(batch, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return sealed, sqlstore.MapErr("notifysql.sealClearMessages", err)
		}
		if len(batch) == 0 {
			return sealed, nil
		}
		after = batch[len(batch)-1].id
		err = s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
			for _, r := range batch {
				vals := []string{r.recipient, r.subject, r.text, r.html}
				for i, v := range vals {
					if keyring.IsSealed(v) {
						continue
					}
					if vals[i], err = s.keys.Seal(sealPurpose, []byte(v), nil); err != nil {
						return err
					}
				}
				res, err := tx.Exec(ctx, `UPDATE notifications SET recipient = ?, subject = ?, body_text = ?, body_html = ?
					WHERE id = ? AND recipient = ? AND subject = ? AND body_text = ? AND body_html = ?`,
					vals[0], vals[1], vals[2], vals[3], r.id, r.recipient, r.subject, r.text, r.html)
				if err != nil {
					return sqlstore.MapErr("notifysql.sealClearMessages", err)
				}
				if n, _ := res.RowsAffected(); n > 0 {
					sealed++
				}
			}
			return nil
		})
		if err != nil {
			return sealed, err
		}
	}
}

func (s *Store) sealClearSecrets(ctx context.Context) (int, error) {
	type row struct {
		id           int64
		name, secret string
	}
	var clear []row
	rows, err := s.db.Query(ctx, `SELECT id, name, secret FROM webhook_endpoints WHERE secret <> '' AND secret NOT LIKE 'v1:%' ORDER BY id`)
	if err != nil {
		return 0, sqlstore.MapErr("notifysql.sealClearSecrets", err)
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name, &r.secret); err != nil {
			rows.Close()
			return 0, sqlstore.MapErr("notifysql.sealClearSecrets", err)
		}
		clear = append(clear, r)
	}
	err = rows.Err()
	rows.Close()
	if err != nil || len(clear) == 0 {
		return 0, sqlstore.MapErr("notifysql.sealClearSecrets", err)
	}
	sealed := 0
	err = s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		for _, r := range clear {
			secret, err := s.keys.Seal(secretPurpose, []byte(r.secret), []byte(r.name))
			if err != nil {
				return err
			}
			res, err := tx.Exec(ctx, `UPDATE webhook_endpoints SET secret = ? WHERE id = ? AND secret = ?`, secret, r.id, r.secret)
			if err != nil {
				return sqlstore.MapErr("notifysql.sealClearSecrets", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				sealed++
			}
		}
		return nil
	})
	return sealed, err
}
