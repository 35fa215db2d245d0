package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

var _ audit.Store = (*DB)(nil)

// AppendAudit writes e in a transaction of its own, for events that change
// nothing else (login attempts). It sets e.ID, and e.At when it was zero.
func (db *DB) AppendAudit(ctx context.Context, e *audit.Entry) error {
	return db.InTx(ctx, func(tx *Tx) error {
		return appendAudit(ctx, tx, e)
	})
}

// appendAudit writes e inside tx, so that the change it records and the
// record commit or roll back together. A nil entry is an Internal error:
// every change through a store is audited, and failing here undoes it.
func appendAudit(ctx context.Context, tx *Tx, e *audit.Entry) error {
	const op = "sqlstore.appendAudit"
	if e == nil {
		return errs.E(op, errs.Internal, errors.New("a change was stored without its audit entry"))
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond) // PostgreSQL keeps microseconds
	if e.Outcome == "" {
		e.Outcome = "ok"
	}
	err := tx.QueryRow(ctx, `INSERT INTO audit_log
		(at, actor_id, actor_name, action, object_kind, object_id, unit_id, ip, outcome, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.At, nullID(e.ActorID), e.ActorName, e.Action, e.ObjectKind, e.ObjectID,
		nullID(e.UnitID), e.IP, e.Outcome, e.Detail).Scan(&e.ID)
	return MapErr(op, err)
}

const auditColumns = `id, at, actor_id, actor_name, action, object_kind, object_id, unit_id, ip, outcome, detail`

// FindAudit returns the entries matching f, newest first, and their total
// count before Offset and Limit (Limit 0 means all). Action matches as a
// prefix. It returns Internal when the database fails.
func (db *DB) FindAudit(ctx context.Context, f audit.Filter) ([]*audit.Entry, int, error) {
	const op = "sqlstore.FindAudit"
	where, args := auditWhere(f)
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log"+where, args...).Scan(&total); err != nil {
		return nil, 0, MapErr(op, err)
	}
	q := "SELECT " + auditColumns + " FROM audit_log" + where + " ORDER BY at DESC, id DESC"
	q, args = page(q, args, f.Offset, f.Limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, MapErr(op, err)
	}
	defer rows.Close()
	var out []*audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, MapErr(op, err)
		}
		out = append(out, e)
	}
	return out, total, MapErr(op, rows.Err())
}

// auditWhere builds the WHERE clause of f; it is empty when f selects all.
func auditWhere(f audit.Filter) (string, []any) {
	var w where
	if f.ActorID != nil {
		w.add("actor_id = ?", *f.ActorID)
	}
	if f.Action != nil {
		w.add(`action LIKE ? || '%' ESCAPE '\'`, escapeLike(*f.Action))
	}
	if f.ObjectKind != nil {
		w.add("object_kind = ?", *f.ObjectKind)
	}
	if f.ObjectID != nil {
		w.add("object_id = ?", *f.ObjectID)
	}
	if len(f.UnitIDs) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.UnitIDs)), ", ")
		ids := make([]any, len(f.UnitIDs))
		for i, id := range f.UnitIDs {
			ids[i] = id
		}
		w.add("unit_id IN ("+marks+")", ids...)
	}
	if f.Since != nil {
		w.add("at >= ?", f.Since.UTC())
	}
	if f.Until != nil {
		w.add("at < ?", f.Until.UTC())
	}
	return w.sql(), w.args
}

func scanAudit(rows *sql.Rows) (*audit.Entry, error) {
	var e audit.Entry
	var actor, unit sql.NullInt64
	err := rows.Scan(&e.ID, &e.At, &actor, &e.ActorName, &e.Action, &e.ObjectKind,
		&e.ObjectID, &unit, &e.IP, &e.Outcome, &e.Detail)
	e.ActorID, e.UnitID, e.At = actor.Int64, unit.Int64, e.At.UTC()
	return &e, err
}

// where collects AND-ed conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page appends LIMIT and OFFSET to q. Limit 0 means no limit; both
// databases accept a LIMIT as large as MaxInt64, which keeps one code path
// (SQLite needs a LIMIT before any OFFSET).
func page(q string, args []any, offset, limit int) (string, []any) {
	if limit <= 0 && offset <= 0 {
		return q, args
	}
	l := int64(limit)
	if limit <= 0 {
		l = math.MaxInt64
	}
	return q + " LIMIT ? OFFSET ?", append(args, l, int64(max(offset, 0)))
}

// escapeLike escapes the LIKE wildcards in s for ESCAPE '\', so a user's
// text matches literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullText stores "" as NULL, for optional values under a unique index.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}
