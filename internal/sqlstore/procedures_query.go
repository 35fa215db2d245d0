package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/vntext"
)

// procFrom joins each procedure with one of its versions (the condition
// on v.version is appended) and the version's owning unit.
const procFrom = ` FROM procedures p
	JOIN procedure_versions v ON v.procedure_id = p.id AND v.version = `

const procJoinUnit = ` JOIN units u ON u.id = v.owner_unit_id`

const procColumns = `SELECT p.id, p.code, p.version, p.public_version, p.created_at, u.code, u.path,
	v.version, v.status, v.change, v.reason, v.decision, v.author_id, v.author_name, v.created_at,
	v.approved_by, v.approved_at, v.published_by, v.published_at, v.content_hash, v.body`

// FindProcedureByCode returns the newest version of the procedure with
// code, or NotFound ("procedure.not_found").
func (db *DB) FindProcedureByCode(ctx context.Context, code string) (*procedure.Procedure, error) {
	return db.findProcedure(ctx, "sqlstore.FindProcedureByCode", "p.version", code)
}

// FindProcedureVersion returns version n of the procedure with code, or
// NotFound.
func (db *DB) FindProcedureVersion(ctx context.Context, code string, n int) (*procedure.Procedure, error) {
	return db.findProcedure(ctx, "sqlstore.FindProcedureVersion", "?", n, code)
}

func (db *DB) findProcedure(ctx context.Context, op, version string, args ...any) (*procedure.Procedure, error) {
	q := procColumns + procFrom + version + procJoinUnit + " WHERE p.code = ?"
	p, err := scanProcedure(db.QueryRow(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "procedure.not_found", err)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	return p, nil
}

// FindProcedureRevisions returns the revisions of every version of the
// procedure with code, oldest first, or NotFound.
func (db *DB) FindProcedureRevisions(ctx context.Context, code string) ([]*procedure.Revision, error) {
	const op = "sqlstore.FindProcedureRevisions"
	rows, err := db.Query(ctx, `SELECT v.version, v.status, v.change, v.reason, v.decision, v.author_id,
		v.author_name, v.created_at, v.approved_by, v.approved_at, v.published_by, v.published_at, v.content_hash
		FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
		WHERE p.code = ? ORDER BY v.version`, code)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []*procedure.Revision
	for rows.Next() {
		var r procedure.Revision
		if err := scanRevision(rows, &r); err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, &r)
	}
	if err := rows.Err(); err != nil {
		return nil, MapErr(op, err)
	}
	if len(out) == 0 {
		return nil, errs.E(op, errs.NotFound, "procedure.not_found")
	}
	return out, nil
}

// FindProcedures returns the procedures matching f, ordered by folded name
// and code, and their total count before Offset and Limit (Limit 0 means
// all). A private filter reads the newest version of each procedure within
// f.Scope (every unit when nil); a public one reads the version the public
// sees, published unless f.Status says otherwise. Query matches the folded
// text anywhere in the name or the code, with % and _ taken literally.
func (db *DB) FindProcedures(ctx context.Context, f procedure.Filter) ([]*procedure.Procedure, int, error) {
	const op = "sqlstore.FindProcedures"
	from, w := procSource(f), procWhere(f, "")
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*)"+from+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, MapErr(op, err)
	}
	a := procAlias(f)
	q := procColumns + from + w.sql() + " ORDER BY " + a + ".search_key, p.code"
	q, args := page(q, w.args, f.Offset, f.Limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, MapErr(op, err)
	}
	defer rows.Close()
	var out []*procedure.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, 0, MapErr(op, err)
		}
		out = append(out, p)
	}
	return out, total, MapErr(op, rows.Err())
}

// procSource is the FROM clause of a filter's view: the newest versions,
// or the versions the public sees.
func procSource(f procedure.Filter) string {
	if f.Private {
		return procFrom + "p.version" + procJoinUnit
	}
	return procFrom + "p.public_version" + procJoinUnit
}

// procAlias is the table whose listing columns a filter's view reads:
// procedures for the newest versions, the version rows for the public.
func procAlias(f procedure.Filter) string {
	if f.Private {
		return "p"
	}
	return "v"
}

// procWhere builds the WHERE clause of f, leaving out the facet dimension
// skip ("levels", "field", "agency", "online", "owner"; "" for none).
func procWhere(f procedure.Filter, skip string) *where {
	a := procAlias(f) + "."
	w := &where{}
	if f.Query != nil {
		if q := vntext.Fold(*f.Query); q != "" {
			w.add(a+`search_key LIKE '%' || ? || '%' ESCAPE '\'`, escapeLike(q))
		}
	}
	if len(f.Levels) > 0 && skip != "levels" {
		conds := make([]string, len(f.Levels))
		args := make([]any, len(f.Levels))
		for i, l := range f.Levels {
			conds[i], args[i] = a+"levels LIKE ?", "%|"+string(l)+"|%"
		}
		w.add("("+strings.Join(conds, " OR ")+")", args...)
	}
	addEq(w, skip != "field", a+"field", f.Field)
	addEq(w, skip != "agency", a+"agency", f.Agency)
	if f.OnlineLevel != nil && skip != "online" {
		w.add(a+"online_level = ?", string(*f.OnlineLevel))
	}
	if f.OwnerUnitID != nil && skip != "owner" {
		w.add(a+"owner_unit_id = ?", *f.OwnerUnitID)
	}
	procStatus(w, f, a)
	procScope(w, f)
	return w
}

func addEq(w *where, use bool, col string, v *string) {
	if use && v != nil {
		w.add(col+" = ?", *v)
	}
}

// procStatus filters on status; the public view defaults to published.
func procStatus(w *where, f procedure.Filter, a string) {
	switch {
	case f.Status != nil:
		w.add(a+"status = ?", string(*f.Status))
	case !f.Private:
		w.add(a+"status = ?", string(procedure.Published))
	}
}

// procScope limits a private view to the units of f.Scope.
func procScope(w *where, f procedure.Filter) {
	if !f.Private || f.Scope == nil {
		return
	}
	var conds []string
	var args []any
	for _, id := range f.Scope.UnitIDs {
		conds, args = append(conds, "u.id = ?"), append(args, id)
	}
	for _, path := range f.Scope.Subtrees {
		conds, args = append(conds, "u.path LIKE ?"), append(args, path+"%") // paths hold digits and slashes only
	}
	if len(conds) == 0 {
		w.add("1 = 0")
		return
	}
	w.add("("+strings.Join(conds, " OR ")+")", args...)
}

// scanProcedure reads a row of procColumns.
func scanProcedure(s scanner) (*procedure.Procedure, error) {
	var id int64
	var code, unitCode, unitPath, body string
	var latest, public int
	var created sql.NullTime
	var r procedure.Revision
	err := s.Scan(&id, &code, &latest, &public, &created, &unitCode, &unitPath,
		&r.Version, &r.Status, &r.Change, &r.Reason, &r.Decision, procNullInt{&r.AuthorID}, &r.AuthorName, &r.At,
		&r.ApprovedBy, procNullTime{&r.ApprovedAt}, &r.PublishedBy, procNullTime{&r.PublishedAt}, &r.Hash, &body)
	if err != nil {
		return nil, err
	}
	p, err := procedure.DecodeContent([]byte(body))
	if err != nil {
		return nil, err
	}
	r.At = r.At.UTC()
	p.ID, p.Code, p.Status, p.Version, p.Latest, p.PublishedVersion = id, code, r.Status, r.Version, latest, public
	p.OwnerUnitCode, p.OwnerUnitPath, p.Created, p.Revision = unitCode, unitPath, created.Time.UTC(), r
	return p, nil
}

// scanRevision reads the revision columns of FindProcedureRevisions.
func scanRevision(s scanner, r *procedure.Revision) error {
	err := s.Scan(&r.Version, &r.Status, &r.Change, &r.Reason, &r.Decision, procNullInt{&r.AuthorID},
		&r.AuthorName, &r.At, &r.ApprovedBy, procNullTime{&r.ApprovedAt}, &r.PublishedBy,
		procNullTime{&r.PublishedAt}, &r.Hash)
	r.At = r.At.UTC()
	return err
}

// procNullInt scans a nullable integer into an int64, NULL as 0.
type procNullInt struct{ p *int64 }

func (n procNullInt) Scan(src any) error {
	var v sql.NullInt64
	err := v.Scan(src)
	*n.p = v.Int64
	return err
}

// procNullTime scans a nullable time into a time.Time in UTC, NULL as the
// zero time.
type procNullTime struct{ p *time.Time }

func (n procNullTime) Scan(src any) error {
	var v sql.NullTime
	err := v.Scan(src)
	*n.p = time.Time{}
	if v.Valid {
		*n.p = v.Time.UTC()
	}
	return err
}
