package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/vntext"
)

var _ unit.Store = (*DB)(nil)

const unitColumns = `id, code, kind, gso_code, agency_id, parent_id, path, depth,
	name_vi, name_en, short_name, address, phone, email, website,
	description_vi, description_en, sort_order, active, successor_id, inactive_since,
	version, created_at, updated_at,
	(SELECT p.code FROM units p WHERE p.id = units.parent_id),
	(SELECT s.code FROM units s WHERE s.id = units.successor_id)`

// FindUnitByID returns the unit with id and its leaders, or NotFound.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*unit.Unit, error) {
	return db.findUnit(ctx, "sqlstore.FindUnitByID", "id = ?", id)
}

// FindUnitByCode returns the unit with code and its leaders, or NotFound.
func (db *DB) FindUnitByCode(ctx context.Context, code string) (*unit.Unit, error) {
	return db.findUnit(ctx, "sqlstore.FindUnitByCode", "code = ?", code)
}

func (db *DB) findUnit(ctx context.Context, op, cond string, arg any) (*unit.Unit, error) {
	row := db.QueryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE "+cond, arg)
	u, err := scanUnit(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "unit.not_found", err)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	if u.Leaders, err = db.leaders(ctx, u.ID); err != nil {
		return nil, MapErr(op, err)
	}
	return u, nil
}

// leaders returns the leaders of unit id in their display order.
func (db *DB) leaders(ctx context.Context, id int64) ([]unit.Leader, error) {
	rows, err := db.Query(ctx, `SELECT name, position_vi, position_en, bio_vi, bio_en, phone, email, sort_order
		FROM unit_leaders WHERE unit_id = ? ORDER BY sort_order, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []unit.Leader
	for rows.Next() {
		var l unit.Leader
		if err := rows.Scan(&l.Name, &l.PositionVI, &l.PositionEN, &l.BioVI, &l.BioEN, &l.Phone, &l.Email, &l.Order); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// FindUnits returns the units matching f, ordered by depth, sort order and
// Vietnamese name, and their total count before Offset and Limit (Limit 0
// means all). Query matches the folded text anywhere in names and codes,
// with its % and _ taken literally. Leaders are not loaded.
func (db *DB) FindUnits(ctx context.Context, f unit.Filter) ([]*unit.Unit, int, error) {
	const op = "sqlstore.FindUnits"
	where, args := unitWhere(f)
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM units"+where, args...).Scan(&total); err != nil {
		return nil, 0, MapErr(op, err)
	}
	q := "SELECT " + unitColumns + " FROM units" + where + " ORDER BY depth, sort_order, name_vi, id"
	q, args = page(q, args, f.Offset, f.Limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, MapErr(op, err)
	}
	defer rows.Close()
	var out []*unit.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, 0, MapErr(op, err)
		}
		out = append(out, u)
	}
	return out, total, MapErr(op, rows.Err())
}

// unitWhere builds the WHERE clause of f. A ParentID of 0 selects roots.
func unitWhere(f unit.Filter) (string, []any) {
	var w where
	if f.Query != nil {
		if q := vntext.Fold(*f.Query); q != "" {
			w.add(`search_key LIKE '%' || ? || '%' ESCAPE '\'`, escapeLike(q))
		}
	}
	if f.Kind != nil {
		w.add("kind = ?", string(*f.Kind))
	}
	if f.ParentID != nil {
		if *f.ParentID == 0 {
			w.add("parent_id IS NULL")
		} else {
			w.add("parent_id = ?", *f.ParentID)
		}
	}
	if f.Active != nil {
		w.add("active = ?", *f.Active)
	}
	if f.SuccessorID != nil {
		w.add("successor_id = ?", *f.SuccessorID)
	}
	return w.sql(), w.args
}

// CreateUnit inserts u with its leaders and the audit entry e in one
// transaction. It sets u.ID, Path ("/<ids of ancestors>/<id>/"), Depth,
// Version (1) and the times, and e.ID. It returns NotFound when the parent
// does not exist, Conflict for a code or GSO code already in use, and
// Internal when the database fails.
func (db *DB) CreateUnit(ctx context.Context, u *unit.Unit, e *audit.Entry) error {
	const op = "sqlstore.CreateUnit"
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := db.InTx(ctx, func(tx *Tx) error {
		parentPath, depth, err := lockParent(ctx, tx, u.ParentID)
		if err != nil {
			return err
		}
		id, err := insertUnit(ctx, tx, u, depth, now)
		if err != nil {
			return err
		}
		path := parentPath + strconv.FormatInt(id, 10) + "/"
		if _, err := tx.Exec(ctx, "UPDATE units SET path = ? WHERE id = ?", path, id); err != nil {
			return err
		}
		if err := writeLeaders(ctx, tx, id, u.Leaders); err != nil {
			return err
		}
		u.ID, u.Path, u.Depth = id, path, depth
		if err := RecordChange(ctx, tx, "unit", u.Code); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		u.ID, u.Path, u.Depth = 0, "", 0
		return txErr(op, err)
	}
	u.Version, u.Created, u.Updated = 1, now, now
	return nil
}

// lockParent returns the path and the depth of a child of unit id: "/" and
// 0 for a root. The no-op UPDATE takes the parent's row lock (the same
// statement on both databases, where SELECT ... FOR UPDATE is PostgreSQL
// only), so a concurrent move of the parent cannot leave the new child
// with a stale path.
func lockParent(ctx context.Context, tx *Tx, id int64) (string, int, error) {
	if id == 0 {
		return "/", 0, nil
	}
	var path string
	var depth int
	err := tx.QueryRow(ctx, "UPDATE units SET path = path WHERE id = ? RETURNING path, depth", id).Scan(&path, &depth)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, errs.E("sqlstore.lockParent", errs.NotFound, "unit.parent_missing", err)
	}
	return path, depth + 1, err
}

func insertUnit(ctx context.Context, tx *Tx, u *unit.Unit, depth int, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO units (code, kind, gso_code, agency_id, parent_id, path, depth,
		name_vi, name_en, short_name, address, phone, email, website,
		description_vi, description_en, sort_order, active, successor_id, inactive_since,
		search_key, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '/', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		u.Code, string(u.Kind), nullText(u.GSOCode), nullText(u.AgencyID), nullID(u.ParentID), depth,
		u.NameVI, u.NameEN, u.ShortName, u.Address, u.Phone, u.Email, u.Website,
		u.DescriptionVI, u.DescriptionEN, u.SortOrder, u.Active, nullID(u.SuccessorID), nullText(u.InactiveSince),
		u.SearchKey(), now, now).Scan(&id)
	return id, err
}

// writeLeaders inserts leaders of unit id in their slice order.
func writeLeaders(ctx context.Context, tx *Tx, id int64, leaders []unit.Leader) error {
	for i, l := range leaders {
		_, err := tx.Exec(ctx, `INSERT INTO unit_leaders
			(unit_id, name, position_vi, position_en, bio_vi, bio_en, phone, email, sort_order)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, l.Name, l.PositionVI, l.PositionEN, l.BioVI, l.BioEN, l.Phone, l.Email, i)
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdateUnit replaces the stored fields and leaders of u.ID if its version
// is still u.Version, and appends e, in one transaction. When the parent
// changed, the paths and depths of u and of every unit below it are
// rewritten. On success u.Version is incremented and Path, Depth and
// Updated are set. It returns NotFound for an unknown unit or parent,
// Conflict "error.stale" when the unit changed since it was read, Conflict
// for a code in use, Invalid when the new parent lies inside u's subtree,
// and Internal when the database fails.
func (db *DB) UpdateUnit(ctx context.Context, u *unit.Unit, e *audit.Entry) error {
	const op = "sqlstore.UpdateUnit"
	now := time.Now().UTC().Truncate(time.Microsecond)
	var path string
	var depth int
	err := db.InTx(ctx, func(tx *Tx) error {
		cur, err := claimVersion(ctx, tx, u.ID, u.Version)
		if err != nil {
			return err
		}
		path, depth = cur.path, cur.depth
		if cur.parentID != u.ParentID {
			if path, depth, err = placeUnder(ctx, tx, u, cur.path); err != nil {
				return err
			}
		}
		if err := updateRow(ctx, tx, u, now); err != nil {
			return err
		}
		if path != cur.path {
			if err := moveSubtree(ctx, tx, cur.path, path, depth-cur.depth); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "DELETE FROM unit_leaders WHERE unit_id = ?", u.ID); err != nil {
			return err
		}
		if err := writeLeaders(ctx, tx, u.ID, u.Leaders); err != nil {
			return err
		}
		if err := RecordChange(ctx, tx, "unit", u.Code); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return txErr(op, err)
	}
	u.Version++
	u.Path, u.Depth, u.Updated = path, depth, now
	return nil
}

// placement is where a unit stands in the tree.
type placement struct {
	parentID int64
	path     string
	depth    int
}

// claimVersion bumps the version of unit id if it is still version, which
// also takes the row's lock, and returns where the unit stood. Zero rows
// mean NotFound or, when the unit exists, Conflict "error.stale".
func claimVersion(ctx context.Context, tx *Tx, id int64, version int) (placement, error) {
	var p placement
	var parent sql.NullInt64
	err := tx.QueryRow(ctx, `UPDATE units SET version = version + 1 WHERE id = ? AND version = ?
		RETURNING parent_id, path, depth`, id, version).Scan(&parent, &p.path, &p.depth)
	p.parentID = parent.Int64
	if !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE id = ?", id).Scan(&n); err != nil {
		return p, err
	}
	if n == 0 {
		return p, errs.E("sqlstore.UpdateUnit", errs.NotFound, "unit.not_found")
	}
	return p, errs.E("sqlstore.UpdateUnit", errs.Conflict, "error.stale")
}

// placeUnder returns u's new path and depth under its new parent. A parent
// inside u's own subtree (oldPath) would cut the subtree off the tree.
func placeUnder(ctx context.Context, tx *Tx, u *unit.Unit, oldPath string) (string, int, error) {
	parentPath, depth, err := lockParent(ctx, tx, u.ParentID)
	if err != nil {
		return "", 0, err
	}
	if strings.HasPrefix(parentPath, oldPath) {
		return "", 0, errs.E("sqlstore.UpdateUnit", errs.Invalid, "error.invalid", map[string]string{"parent": "unit.parent_cycle"})
	}
	return parentPath + strconv.FormatInt(u.ID, 10) + "/", depth, nil
}

func updateRow(ctx context.Context, tx *Tx, u *unit.Unit, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE units SET code = ?, kind = ?, gso_code = ?, agency_id = ?, parent_id = ?,
		name_vi = ?, name_en = ?, short_name = ?, address = ?, phone = ?, email = ?, website = ?,
		description_vi = ?, description_en = ?, sort_order = ?, active = ?, successor_id = ?,
		inactive_since = ?, search_key = ?, updated_at = ?
		WHERE id = ?`,
		u.Code, string(u.Kind), nullText(u.GSOCode), nullText(u.AgencyID), nullID(u.ParentID),
		u.NameVI, u.NameEN, u.ShortName, u.Address, u.Phone, u.Email, u.Website,
		u.DescriptionVI, u.DescriptionEN, u.SortOrder, u.Active, nullID(u.SuccessorID),
		nullText(u.InactiveSince), u.SearchKey(), now, u.ID)
	return err
}

// moveSubtree replaces the path prefix oldPath by newPath on every unit
// whose path starts with oldPath (the moved unit and all below it), and
// shifts their depth by delta. Paths hold only digits and slashes, so
// oldPath needs no LIKE escaping.
func moveSubtree(ctx context.Context, tx *Tx, oldPath, newPath string, delta int) error {
	_, err := tx.Exec(ctx, `UPDATE units SET path = CAST(? AS TEXT) || substr(path, ?), depth = depth + ?
		WHERE path LIKE ?`, newPath, len(oldPath)+1, delta, oldPath+"%")
	return err
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanUnit(s scanner) (*unit.Unit, error) {
	var u unit.Unit
	var kind string
	var gso, agency, since sql.NullString
	var parent, successor sql.NullInt64
	var parentCode, successorCode sql.NullString
	err := s.Scan(&u.ID, &u.Code, &kind, &gso, &agency, &parent, &u.Path, &u.Depth,
		&u.NameVI, &u.NameEN, &u.ShortName, &u.Address, &u.Phone, &u.Email, &u.Website,
		&u.DescriptionVI, &u.DescriptionEN, &u.SortOrder, &u.Active, &successor, &since,
		&u.Version, &u.Created, &u.Updated, &parentCode, &successorCode)
	if err != nil {
		return nil, err
	}
	u.Kind, u.GSOCode, u.AgencyID, u.InactiveSince = unit.Kind(kind), gso.String, agency.String, since.String
	u.ParentID, u.SuccessorID = parent.Int64, successor.Int64
	u.ParentCode, u.SuccessorCode = parentCode.String, successorCode.String
	u.Created, u.Updated = u.Created.UTC(), u.Updated.UTC()
	return &u, nil
}

// txErr returns the error of a transaction for op: the project's errors
// made inside it keep their code, driver errors are mapped by MapErr.
func txErr(op string, err error) error {
	var e *errs.Error
	if errors.As(err, &e) {
		return errs.E(op, err)
	}
	err = MapErr(op, err)
	if field, key := duplicateField(err); field != "" {
		return errs.E(op, errs.Conflict, key, map[string]string{field: key}, err)
	}
	return err
}

// duplicateField names the form field of a unique violation on units, so
// forms can show it next to the field: code or gso_code. The constraint
// names differ by database ("units_code_key", "units_gso" on PostgreSQL;
// "units.code", "units.gso_code" on SQLite).
func duplicateField(err error) (field, key string) {
	msg := err.Error()
	switch {
	case !errs.Is(err, errs.Conflict):
		return "", ""
	case strings.Contains(msg, "units_gso") || strings.Contains(msg, "units.gso_code"):
		return "gso_code", "unit.gso_taken"
	case strings.Contains(msg, "units_code") || strings.Contains(msg, "units.code"):
		return "code", "unit.code_taken"
	}
	return "", ""
}
