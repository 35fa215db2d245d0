package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/vntext"
)

var _ procedure.Store = (*DB)(nil)

// procListing is the denormalised columns of a version that lists filter on.
type procListing struct {
	name, searchKey, levels, field, agency, online string
}

// procListingOf returns the listing columns of p. levels is
// "|province|commune|" so that a level matches as LIKE '%|province|%'; searchKey is the folded
// name followed by the code.
func procListingOf(p *procedure.Procedure) procListing {
	var lv strings.Builder
	lv.WriteString("|")
	for _, l := range p.Levels {
		lv.WriteString(string(l) + "|")
	}
	return procListing{
		name: p.Name, searchKey: vntext.Fold(p.Name + " " + p.Code), levels: lv.String(),
		field: p.Field, agency: p.ImplementingAgency, online: string(p.OnlineLevel),
	}
}

// CreateProcedure inserts p as version 1 with its status, revision and
// public version, and the audit entry e, in one transaction. It sets p.ID,
// Version, Latest, Created and the revision's version, hash and time. It
// returns Invalid when the owner unit does not exist, Conflict
// "procedure.code_taken" for a code in use, and Internal when the database
// fails.
func (db *DB) CreateProcedure(ctx context.Context, p *procedure.Procedure, e *audit.Entry) error {
	const op = "sqlstore.CreateProcedure"
	body, err := p.ContentJSON()
	if err != nil {
		return errs.E(op, errs.Internal, err)
	}
	now := procStamp(time.Now())
	rev := p.Revision
	rev.Version, rev.Status, rev.Hash, rev.At = 1, p.Status, p.ContentHash(), procStampOr(rev.At, now)
	l := procListingOf(p)
	var id int64
	err = db.InTx(ctx, func(tx *Tx) error {
		if err := ownerExists(ctx, tx, p.OwnerUnitID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO procedures (code, owner_unit_id, status, version, public_version,
			name, search_key, levels, field, agency, online_level, content_hash, created_at, updated_at)
			VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Code, p.OwnerUnitID, string(p.Status), p.PublishedVersion,
			l.name, l.searchKey, l.levels, l.field, l.agency, l.online, rev.Hash, now, now).Scan(&id)
		if err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, id, p, &rev, body, l); err != nil {
			return err
		}
		if err := RecordChange(ctx, tx, "procedure", p.Code); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return procErr(op, err)
	}
	p.ID, p.Version, p.Latest, p.Created, p.Revision = id, 1, 1, now, rev
	return nil
}

// AddProcedureVersion appends p's content as the version after p.Latest,
// with p.Status, p.Revision and p.PublishedVersion, updates the listing
// columns of the procedure, and appends e, in one transaction. On success
// p.Version and p.Latest are the new number and the revision has its
// version, hash and time. It returns NotFound for an unknown procedure,
// Conflict "error.stale" when p.Latest is no longer the newest version,
// Invalid for an unknown owner unit, and Internal when the database fails.
func (db *DB) AddProcedureVersion(ctx context.Context, p *procedure.Procedure, e *audit.Entry) error {
	const op = "sqlstore.AddProcedureVersion"
	body, err := p.ContentJSON()
	if err != nil {
		return errs.E(op, errs.Internal, err)
	}
	now := procStamp(time.Now())
	rev := p.Revision
	rev.Status, rev.Hash, rev.At = p.Status, p.ContentHash(), procStampOr(rev.At, now)
	l := procListingOf(p)
	err = db.InTx(ctx, func(tx *Tx) error {
		if err := ownerExists(ctx, tx, p.OwnerUnitID); err != nil {
			return err
		}
		next, err := claimProcedure(ctx, tx, p, rev.Hash, l, now)
		if err != nil {
			return err
		}
		rev.Version = next
		if err := insertVersion(ctx, tx, p.ID, p, &rev, body, l); err != nil {
			return err
		}
		if err := RecordChange(ctx, tx, "procedure", p.Code); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return procErr(op, err)
	}
	p.Version, p.Latest, p.Revision = rev.Version, rev.Version, rev
	return nil
}

// claimProcedure moves the procedure's row to the version after p.Latest
// if p.Latest is still its version, which also takes the row's lock, and
// returns the new number.
func claimProcedure(ctx context.Context, tx *Tx, p *procedure.Procedure, hash string, l procListing, now time.Time) (int, error) {
	var next int
	err := tx.QueryRow(ctx, `UPDATE procedures SET version = version + 1, status = ?, public_version = ?,
		owner_unit_id = ?, name = ?, search_key = ?, levels = ?, field = ?, agency = ?, online_level = ?,
		content_hash = ?, updated_at = ?
		WHERE id = ? AND version = ? RETURNING version`,
		string(p.Status), p.PublishedVersion, p.OwnerUnitID, l.name, l.searchKey, l.levels, l.field,
		l.agency, l.online, hash, now, p.ID, p.Latest).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, staleOrMissing(ctx, tx, p.ID)
	}
	return next, err
}

// insertVersion appends version rev.Version of procedure id.
func insertVersion(ctx context.Context, tx *Tx, id int64, p *procedure.Procedure, rev *procedure.Revision, body []byte, l procListing) error {
	_, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_id, version, status, change, reason,
		decision, author_id, author_name, created_at, approved_by, approved_at, published_by, published_at,
		content_hash, body, owner_unit_id, name, search_key, levels, field, agency, online_level)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, rev.Version, string(p.Status), string(rev.Change), rev.Reason, rev.Decision,
		nullID(rev.AuthorID), rev.AuthorName, rev.At, rev.ApprovedBy, nullTime(rev.ApprovedAt),
		rev.PublishedBy, nullTime(rev.PublishedAt), rev.Hash, string(body), p.OwnerUnitID,
		l.name, l.searchKey, l.levels, l.field, l.agency, l.online)
	return err
}

// SetProcedureStatus moves version p.Latest of procedure p.ID from status
// from to p.Status, sets the public version to p.PublishedVersion and the
// version's approval and publication fields from p.Revision, and appends
// e, in one transaction. It returns NotFound for an unknown procedure,
// Conflict "error.stale" when the version is no longer the newest or no
// longer has status from, and Internal when the database fails.
func (db *DB) SetProcedureStatus(ctx context.Context, p *procedure.Procedure, from procedure.Status, e *audit.Entry) error {
	const op = "sqlstore.SetProcedureStatus"
	now := procStamp(time.Now())
	r := p.Revision
	r.Status, r.ApprovedAt, r.PublishedAt = p.Status, procStamp(r.ApprovedAt), procStamp(r.PublishedAt)
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE procedures SET status = ?, public_version = ?, updated_at = ?
			WHERE id = ? AND version = ? AND status = ?`,
			string(p.Status), p.PublishedVersion, now, p.ID, p.Latest, string(from))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, staleOrMissing(ctx, tx, p.ID))
		}
		_, err = tx.Exec(ctx, `UPDATE procedure_versions SET status = ?, approved_by = ?, approved_at = ?,
			published_by = ?, published_at = ? WHERE procedure_id = ? AND version = ?`,
			string(p.Status), r.ApprovedBy, nullTime(r.ApprovedAt), r.PublishedBy, nullTime(r.PublishedAt), p.ID, p.Latest)
		if err != nil {
			return err
		}
		if err := RecordChange(ctx, tx, "procedure", p.Code); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return procErr(op, err)
	}
	p.Revision = r
	return nil
}

// staleOrMissing explains why a guarded update of procedure id touched no
// row: NotFound when it does not exist, else Conflict "error.stale".
func staleOrMissing(ctx context.Context, tx *Tx, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM procedures WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.E("sqlstore.procedure", errs.NotFound, "procedure.not_found")
	}
	return errs.E("sqlstore.procedure", errs.Conflict, "error.stale")
}

// ownerExists is Invalid unless unit id exists.
func ownerExists(ctx context.Context, tx *Tx, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.E("sqlstore.ownerExists", errs.Invalid, "error.invalid", map[string]string{"owner_unit": "procedure.owner_missing"})
	}
	return nil
}

// procErr returns the error of a procedure transaction: the project's
// errors keep their code; a unique violation is the code in use.
func procErr(op string, err error) error {
	var e *errs.Error
	if errors.As(err, &e) {
		return errs.E(op, err)
	}
	err = MapErr(op, err)
	if errs.Is(err, errs.Conflict) && strings.Contains(err.Error(), "code") {
		return errs.E(op, errs.Conflict, "procedure.code_taken", map[string]string{"code": "procedure.code_taken"}, err)
	}
	return err
}

// procStamp returns t in UTC at the microsecond, the precision both databases
// keep.
func procStamp(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

func procStampOr(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return procStamp(t)
}
