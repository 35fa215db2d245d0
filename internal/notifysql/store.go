package notifysql

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/sqlstore"
)

// Store implements notify.Store. It is safe for concurrent use.
//
// With keys, a message's recipient, subject and bodies are sealed at rest
// (they carry citizens' addresses, names and personal links): only the
// masked recipient and the bookkeeping stay readable in the database.
// Rows written in clear before are read as they are.
type Store struct {
	db   *sqlstore.DB
	keys *keyring.Keyring
}

var _ notify.Store = (*Store)(nil)

// New returns a Store on db that seals messages with keys (nil: stores
// them in clear, for tests that do not care).
func New(db *sqlstore.DB, keys *keyring.Keyring) *Store { return &Store{db: db, keys: keys} }

// sealPurpose is the key purpose of sealed messages.
const sealPurpose = "notify.message"

// seal returns the stored form of each of vals.
func (s *Store) seal(vals ...string) ([]any, error) {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
		if s.keys == nil {
			continue
		}
		sealed, err := s.keys.Seal(sealPurpose, []byte(v), nil)
		if err != nil {
			return nil, err
		}
		out[i] = sealed
	}
	return out, nil
}

// open turns the stored form of each field of n back into text.
func (s *Store) open(n *notify.Notification) error {
	for _, f := range []*string{&n.Recipient, &n.Subject, &n.Text, &n.HTML} {
		if !keyring.IsSealed(*f) {
			continue // written in clear, before sealing
		}
		if s.keys == nil {
			return errs.E("notifysql.open", errs.Internal, errors.New("a sealed message and no keys to open it"))
		}
		b, err := s.keys.Open(sealPurpose, *f, nil)
		if err != nil {
			return err
		}
		*f = string(b)
	}
	return nil
}

// sqlTx unwraps the domain's transaction; it must be a *sqlstore.Tx.
func sqlTx(tx job.Tx) (*sqlstore.Tx, error) {
	t, ok := tx.(*sqlstore.Tx)
	if !ok {
		return nil, errs.E(errs.Internal, errors.New("transaction is not a *sqlstore.Tx"))
	}
	return t, nil
}

const notificationCols = `n.id, n.channel, n.recipient, n.recipient_masked, n.lang, n.template_key,
	COALESCE(n.unit_id, 0), COALESCE(u.path, ''), n.subject, n.body_text, n.body_html, n.status,
	n.attempts, n.last_error, n.created_at, n.updated_at, n.sent_at`

const notificationFrom = ` FROM notifications n LEFT JOIN units u ON u.id = n.unit_id`

// CreateNotification implements notify.Store.
func (s *Store) CreateNotification(ctx context.Context, tx job.Tx, n *notify.Notification) error {
	const op = "notifysql.CreateNotification"
	t, err := sqlTx(tx)
	if err != nil {
		return errs.E(op, err)
	}
	sealed, err := s.seal(n.Recipient, n.Subject, n.Text, n.HTML)
	if err != nil {
		return errs.E(op, err)
	}
	err = t.QueryRow(ctx, `INSERT INTO notifications (channel, recipient, recipient_masked, lang, template_key,
		unit_id, subject, body_text, body_html, status, attempts, last_error, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?) RETURNING id`,
		n.Channel, sealed[0], n.RecipientMasked, n.Lang, n.TemplateKey, nullID(n.UnitID),
		sealed[1], sealed[2], sealed[3], n.Status, n.CreatedAt, n.UpdatedAt).Scan(&n.ID)
	return sqlstore.MapErr(op, err)
}

// FindNotificationByID implements notify.Store.
func (s *Store) FindNotificationByID(ctx context.Context, id int64) (*notify.Notification, error) {
	row := s.db.QueryRow(ctx, "SELECT "+notificationCols+notificationFrom+" WHERE n.id = ?", id)
	n, err := scanNotification(row)
	if err != nil {
		return nil, sqlstore.MapErr("notifysql.FindNotificationByID", err)
	}
	if err := s.open(n); err != nil {
		return nil, errs.E("notifysql.FindNotificationByID", err)
	}
	return n, nil
}

// FindNotifications implements notify.Store.
func (s *Store) FindNotifications(ctx context.Context, f notify.Filter) ([]*notify.Notification, int, error) {
	const op = "notifysql.FindNotifications"
	where, args := whereClause(f)
	var total int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*)"+notificationFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, sqlstore.MapErr(op, err)
	}
	q := "SELECT " + notificationCols + notificationFrom + where + " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?"
	rows, err := s.db.Query(ctx, q, append(args, max(f.Limit, 1), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	var out []*notify.Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, 0, sqlstore.MapErr(op, err)
		}
		if err := s.open(n); err != nil {
			return nil, 0, errs.E(op, err)
		}
		out = append(out, n)
	}
	return out, total, sqlstore.MapErr(op, rows.Err())
}

// whereClause builds the filter's conditions, the scope first.
func whereClause(f notify.Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if !f.Scope.All {
		var scope []string
		for _, g := range f.Scope.Grants {
			if g.Subtree && g.UnitPath != "" {
				scope, args = append(scope, "u.path LIKE ?"), append(args, g.UnitPath+"%")
			} else {
				scope, args = append(scope, "n.unit_id = ?"), append(args, g.UnitID)
			}
		}
		conds = append(conds, "("+strings.Join(append(scope, "1 = 0"), " OR ")+")")
	}
	if f.Status != nil {
		add("n.status = ?", *f.Status)
	}
	if f.Channel != nil {
		add("n.channel = ?", *f.Channel)
	}
	if f.TemplateKey != nil {
		add("n.template_key = ?", *f.TemplateKey)
	}
	if f.Since != nil {
		add("n.created_at >= ?", f.Since.UTC())
	}
	if f.Until != nil {
		add("n.created_at < ?", f.Until.UTC())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

type scanner interface{ Scan(...any) error }

func scanNotification(r scanner) (*notify.Notification, error) {
	n := &notify.Notification{}
	var sent sql.NullTime
	err := r.Scan(&n.ID, &n.Channel, &n.Recipient, &n.RecipientMasked, &n.Lang, &n.TemplateKey,
		&n.UnitID, &n.UnitPath, &n.Subject, &n.Text, &n.HTML, &n.Status,
		&n.Attempts, &n.LastError, &n.CreatedAt, &n.UpdatedAt, &sent)
	n.CreatedAt, n.UpdatedAt, n.SentAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC(), utc(sent)
	return n, err
}

// UpdateDelivery implements notify.Store.
func (s *Store) UpdateDelivery(ctx context.Context, n *notify.Notification) error {
	const op = "notifysql.UpdateDelivery"
	return s.db.InTx(ctx, func(tx *sqlstore.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE notifications SET status = ?, attempts = ?, last_error = ?, sent_at = ?, updated_at = ?
			WHERE id = ?`, n.Status, n.Attempts, n.LastError, nullTime(n.SentAt), n.UpdatedAt, n.ID)
		if err != nil {
			return sqlstore.MapErr(op, err)
		}
		return mustAffect(op, res)
	})
}

func mustAffect(op string, res sql.Result) error {
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errs.E(op, errs.NotFound, err)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
