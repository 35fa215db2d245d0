package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

var _ dossier.Store = (*DB)(nil)

// dossierColumns are read by scanDossier; c is the receiving centre.
const dossierColumns = `d.id, d.receipt_code, d.centre_unit_id, c.path, d.procedure_code, d.procedure_name,
	d.channel, d.applicant_name, d.contact_sealed, d.lookup_hash, d.received_at, d.limit_value, d.limit_unit,
	d.header_at, d.status, d.status_at, d.appointment_at, d.appointment_basis, d.finished_at, d.returned_at,
	d.version, d.created_at, d.updated_at`

const dossierFrom = ` FROM dossiers d JOIN units c ON c.id = d.centre_unit_id`

// queryer runs read queries: the read pool or a transaction.
type queryer interface {
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// FindDossierByID returns the dossier with id, with its history and
// handling units, or NotFound ("dossier.not_found").
func (db *DB) FindDossierByID(ctx context.Context, id int64) (*dossier.Dossier, error) {
	return db.findDossier(ctx, "sqlstore.FindDossierByID", "d.id = ?", id)
}

// FindDossierByReceipt returns the dossier with the receipt code, with its
// history and handling units, or NotFound ("dossier.not_found").
func (db *DB) FindDossierByReceipt(ctx context.Context, code string) (*dossier.Dossier, error) {
	return db.findDossier(ctx, "sqlstore.FindDossierByReceipt", "d.receipt_code = ?", code)
}

func (db *DB) findDossier(ctx context.Context, op, cond string, arg any) (*dossier.Dossier, error) {
	list, err := queryDossiers(ctx, db, "SELECT "+dossierColumns+dossierFrom+" WHERE "+cond, arg)
	if err == nil && len(list) == 0 {
		return nil, errs.E(op, errs.NotFound, "dossier.not_found")
	}
	if err == nil {
		err = loadDossierDetails(ctx, db, list)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	return list[0], nil
}

// FindDossiers returns the dossiers matching f (with their history and
// handling units when f.WithHistory), ordered by appointment (none last) and id, and their total count
// before Offset and Limit (Limit 0 means all). It returns Internal when
// the database fails.
func (db *DB) FindDossiers(ctx context.Context, f dossier.Filter) ([]*dossier.Dossier, int, error) {
	const op = "sqlstore.FindDossiers"
	w := dossierWhere(f)
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*)"+dossierFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, MapErr(op, err)
	}
	q := "SELECT " + dossierColumns + dossierFrom + w.sql() +
		" ORDER BY CASE WHEN d.appointment_at IS NULL THEN 1 ELSE 0 END, d.appointment_at, d.id"
	q, args := page(q, w.args, f.Offset, f.Limit)
	list, err := queryDossiers(ctx, db, q, args...)
	if err == nil && f.WithHistory {
		err = loadDossierDetails(ctx, db, list)
	}
	if err != nil {
		return nil, 0, MapErr(op, err)
	}
	return list, total, nil
}

// dossierWhere builds the conditions of f.
func dossierWhere(f dossier.Filter) *where {
	w := &where{}
	dossierScope(w, f.Scope)
	if f.CentreUnitID != nil {
		w.add("d.centre_unit_id = ?", *f.CentreUnitID)
	}
	if f.HandlingUnit != nil {
		w.add("EXISTS (SELECT 1 FROM dossier_units du WHERE du.dossier_id = d.id AND du.unit_id = ?)", *f.HandlingUnit)
	}
	if len(f.Statuses) > 0 {
		w.add("d.status IN ("+marks(len(f.Statuses))+")", statusArgs(f.Statuses)...)
	}
	if f.Open != nil {
		closed := []dossier.Status{dossier.ResultReady, dossier.Returned, dossier.Refused, dossier.Withdrawn, dossier.Cancelled}
		op := "NOT IN"
		if !*f.Open {
			op = "IN"
		}
		w.add("d.status "+op+" ("+marks(len(closed))+")", statusArgs(closed)...)
	}
	if f.DueBefore != nil {
		w.add("d.appointment_at < ?", f.DueBefore.UTC())
	}
	if f.ReceivedMonth != nil {
		w.add("d.received_month = ?", *f.ReceivedMonth)
	}
	if f.ProcedureCode != nil {
		w.add("d.procedure_code = ?", *f.ProcedureCode)
	}
	return w
}

// dossierScope limits w to the receiving centres of scope.
func dossierScope(w *where, s dossier.Scope) {
	if s.All {
		return
	}
	if len(s.Grants) == 0 {
		w.add("1 = 0")
		return
	}
	conds := make([]string, 0, len(s.Grants))
	var args []any
	for _, g := range s.Grants {
		if g.Subtree && g.UnitPath != "" {
			conds = append(conds, `c.path LIKE ? || '%' ESCAPE '\'`)
			args = append(args, escapeLike(g.UnitPath))
		} else {
			conds = append(conds, "c.id = ?")
			args = append(args, g.UnitID)
		}
	}
	w.add("("+strings.Join(conds, " OR ")+")", args...)
}

func statusArgs(ss []dossier.Status) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// queryDossiers runs a query of dossierColumns.
func queryDossiers(ctx context.Context, q queryer, query string, args ...any) ([]*dossier.Dossier, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*dossier.Dossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanDossier(s scanner) (*dossier.Dossier, error) {
	var d dossier.Dossier
	var limitUnit, channel, status, basis string
	err := s.Scan(&d.ID, &d.ReceiptCode, &d.CentreUnitID, &d.CentreUnitPath, &d.ProcedureCode, &d.ProcedureName,
		&channel, &d.ApplicantName, &d.ContactSealed, &d.LookupHash, dossierTime{&d.ReceivedAt}, &d.TimeLimit.Value, &limitUnit,
		dossierTime{&d.HeaderAt}, &status, dossierTime{&d.StatusAt}, dossierTime{&d.AppointmentAt}, &basis,
		dossierTime{&d.FinishedAt}, dossierTime{&d.ReturnedAt}, &d.Version, dossierTime{&d.Created}, dossierTime{&d.Updated})
	d.Channel, d.Status, d.AppointmentBasis = dossier.Channel(channel), dossier.Status(status), dossier.Basis(basis)
	d.TimeLimit.Unit = dossier.TimeUnit(limitUnit)
	return &d, err
}

// dossierTime scans a nullable time into a time.Time in UTC, NULL as the
// zero time.
type dossierTime struct{ p *time.Time }

func (n dossierTime) Scan(src any) error {
	var v sql.NullTime
	err := v.Scan(src)
	*n.p = time.Time{}
	if v.Valid {
		*n.p = v.Time.UTC()
	}
	return err
}

// loadDossierDetails fills the history and handling units of list.
func loadDossierDetails(ctx context.Context, q queryer, list []*dossier.Dossier) error {
	byID := make(map[int64]*dossier.Dossier, len(list))
	ids := make([]any, 0, len(list))
	for _, d := range list {
		byID[d.ID], d.HandlingUnitIDs = d, []int64{}
		ids = append(ids, d.ID)
	}
	for start := 0; start < len(ids); start += dossierChunk {
		chunk := ids[start:min(start+dossierChunk, len(ids))]
		if err := loadEvents(ctx, q, byID, chunk); err != nil {
			return err
		}
		if err := loadHandlingUnits(ctx, q, byID, chunk); err != nil {
			return err
		}
	}
	return nil
}

// dossierChunk bounds the ids or codes of one IN list.
const dossierChunk = 500

const eventColumns = `dossier_id, id, kind, at, unit_id, status, centre_status, centre_status_text,
	public_note, internal_note, appointment_at, event_id, received_via, payload_hash, created_at`

func loadEvents(ctx context.Context, q queryer, byID map[int64]*dossier.Dossier, ids []any) error {
	rows, err := q.Query(ctx, "SELECT "+eventColumns+" FROM dossier_events WHERE dossier_id IN ("+marks(len(ids))+
		") ORDER BY dossier_id, at, id", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var dossierID int64
		var e dossier.Event
		var unitID sql.NullInt64
		var eventID sql.NullString
		err := rows.Scan(&dossierID, &e.ID, &e.Kind, dossierTime{&e.At}, &unitID, &e.Status, &e.CentreStatus, &e.CentreStatusText,
			&e.PublicNote, &e.InternalNote, dossierTime{&e.AppointmentAt}, &eventID, &e.ReceivedVia, &e.PayloadHash, dossierTime{&e.Created})
		if err != nil {
			return err
		}
		e.UnitID, e.EventID = unitID.Int64, eventID.String
		d := byID[dossierID]
		d.History = append(d.History, e)
	}
	return rows.Err()
}

func loadHandlingUnits(ctx context.Context, q queryer, byID map[int64]*dossier.Dossier, ids []any) error {
	rows, err := q.Query(ctx, "SELECT dossier_id, unit_id FROM dossier_units WHERE dossier_id IN ("+marks(len(ids))+
		") ORDER BY dossier_id, unit_id", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var dossierID, unitID int64
		if err := rows.Scan(&dossierID, &unitID); err != nil {
			return err
		}
		d := byID[dossierID]
		d.HandlingUnitIDs = append(d.HandlingUnitIDs, unitID)
	}
	return rows.Err()
}

// FindApologySlips returns the slips matching f, oldest first. It returns
// Internal when the database fails.
func (db *DB) FindApologySlips(ctx context.Context, f dossier.SlipFilter) ([]*dossier.ApologySlip, error) {
	const op = "sqlstore.FindApologySlips"
	w := &where{}
	if f.DossierID != nil {
		w.add("s.dossier_id = ?", *f.DossierID)
	}
	if f.Unsent {
		w.add("s.sent_at IS NULL")
	}
	q, args := page(`SELECT s.id, s.dossier_id, d.receipt_code, s.old_appointment, s.new_appointment, s.reason,
		s.event_at, s.created_at, s.sent_at, COALESCE(s.notification_id, 0) FROM apology_slips s JOIN dossiers d ON d.id = s.dossier_id`+
		w.sql()+" ORDER BY s.created_at, s.id", w.args, 0, f.Limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []*dossier.ApologySlip
	for rows.Next() {
		var s dossier.ApologySlip
		if err := rows.Scan(&s.ID, &s.DossierID, &s.ReceiptCode, dossierTime{&s.OldAppointment}, dossierTime{&s.NewAppointment},
			&s.Reason, dossierTime{&s.EventAt}, dossierTime{&s.CreatedAt}, dossierTime{&s.SentAt}, &s.NotificationID); err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, &s)
	}
	return out, MapErr(op, rows.Err())
}

// dossierErr returns the error of a dossier or centre transaction for op:
// the project's errors keep their code, driver errors are mapped by MapErr
// (a unique key taken by a concurrent writer is Conflict).
func dossierErr(op string, err error) error {
	var e *errs.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return errs.E(op, err)
	}
	return MapErr(op, err)
}
