package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/workcal"
)

var _ workcal.Store = (*DB)(nil)

const calendarOverrideColumns = `id, date, kind, name_vi, name_en, note,
	created_at, created_by, created_by_name, removed_at, removed_by, removed_by_name`

// FindCalendarOverrides returns the overrides matching f in ascending ID
// order (the order they were added and apply in). It returns Internal when
// the database fails, or when a stored date does not parse.
func (db *DB) FindCalendarOverrides(ctx context.Context, f workcal.Filter) ([]*workcal.Override, error) {
	const op = "sqlstore.FindCalendarOverrides"
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.Year != nil {
		w.add("year = ?", *f.Year)
	}
	if f.Active != nil {
		if *f.Active {
			w.add("removed_at IS NULL")
		} else {
			w.add("removed_at IS NOT NULL")
		}
	}
	rows, err := db.Query(ctx, "SELECT "+calendarOverrideColumns+" FROM calendar_overrides"+w.sql()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	out := []*workcal.Override{}
	for rows.Next() {
		o, err := scanCalendarOverride(rows)
		if err != nil {
			return nil, errs.E(op, errs.Internal, err)
		}
		out = append(out, o)
	}
	return out, MapErr(op, rows.Err())
}

func scanCalendarOverride(rows *sql.Rows) (*workcal.Override, error) {
	var o workcal.Override
	var date, kind string
	var createdBy, removedBy sql.NullInt64
	var removed sql.NullTime
	err := rows.Scan(&o.ID, &date, &kind, &o.NameVI, &o.NameEN, &o.Note,
		&o.Created, &createdBy, &o.CreatedByName, &removed, &removedBy, &o.RemovedByName)
	if err != nil {
		return nil, err
	}
	if o.Date, err = calendar.ParseDate(date); err != nil {
		return nil, err
	}
	o.Kind = calendar.OverrideKind(kind)
	o.Created, o.CreatedBy, o.RemovedBy = o.Created.UTC(), createdBy.Int64, removedBy.Int64
	if removed.Valid {
		o.Removed = removed.Time.UTC()
	}
	return &o, nil
}

// CreateCalendarOverride inserts o, increments the calendar generation and
// appends e, in one transaction. It sets o.ID, o.Created (truncated to the
// microsecond, or now when zero), e.ID and e.ObjectID. It returns Internal
// when the database fails.
func (db *DB) CreateCalendarOverride(ctx context.Context, o *workcal.Override, e *audit.Entry) error {
	const op = "sqlstore.CreateCalendarOverride"
	if o.Created.IsZero() {
		o.Created = time.Now()
	}
	o.Created = o.Created.UTC().Truncate(time.Microsecond) // PostgreSQL keeps microseconds
	err := db.InTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO calendar_overrides
			(date, year, kind, name_vi, name_en, note, created_at, created_by, created_by_name)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			o.Date.String(), o.Date.Year, string(o.Kind), o.NameVI, o.NameEN, o.Note,
			o.Created, nullID(o.CreatedBy), o.CreatedByName).Scan(&o.ID)
		if err != nil {
			return err
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return err
		}
		if e != nil {
			e.ObjectID = strconv.FormatInt(o.ID, 10)
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		o.ID = 0
		return MapErr(op, err)
	}
	return nil
}

// RemoveCalendarOverride marks the override o.ID removed at o.Removed (now
// when zero) by o.RemovedBy and o.RemovedByName, increments the calendar
// generation and appends e (with ObjectID set to o.ID), in one
// transaction. It returns NotFound for no such override, Conflict "calendar.override_removed" when it is already
// removed, and Internal when the database fails.
func (db *DB) RemoveCalendarOverride(ctx context.Context, o *workcal.Override, e *audit.Entry) error {
	const op = "sqlstore.RemoveCalendarOverride"
	if o.Removed.IsZero() {
		o.Removed = time.Now()
	}
	o.Removed = o.Removed.UTC().Truncate(time.Microsecond)
	return db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE calendar_overrides SET removed_at = ?, removed_by = ?, removed_by_name = ?
			WHERE id = ? AND removed_at IS NULL`, o.Removed, nullID(o.RemovedBy), o.RemovedByName, o.ID)
		if err != nil {
			return MapErr(op, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return removeMiss(ctx, tx, op, o.ID, err)
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return MapErr(op, err)
		}
		if e != nil {
			e.ObjectID = strconv.FormatInt(o.ID, 10)
		}
		return MapErr(op, appendAudit(ctx, tx, e))
	})
}

// removeMiss explains why no active override id was updated.
func removeMiss(ctx context.Context, tx *Tx, op string, id int64, err error) error {
	if err != nil {
		return MapErr(op, err)
	}
	var one int
	err = tx.QueryRow(ctx, "SELECT 1 FROM calendar_overrides WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(op, errs.NotFound, "calendar.override_not_found", err)
	}
	if err != nil {
		return MapErr(op, err)
	}
	return errs.E(op, errs.Conflict, "calendar.override_removed")
}

// bumpCalendar increments the generation; its row lock orders concurrent
// writers, so generations grow in commit order.
func bumpCalendar(ctx context.Context, tx *Tx) error {
	_, err := tx.Exec(ctx, "UPDATE calendar_state SET generation = generation + 1 WHERE id = 1")
	return err
}

// CalendarGeneration returns the number every change to the calendar
// overrides increments. It returns Internal when the database fails.
func (db *DB) CalendarGeneration(ctx context.Context) (int64, error) {
	var gen int64
	err := db.QueryRow(ctx, "SELECT generation FROM calendar_state WHERE id = 1").Scan(&gen)
	return gen, MapErr("sqlstore.CalendarGeneration", err)
}
