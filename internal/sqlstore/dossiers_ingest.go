package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
)

var _ centreapi.Store = (*DB)(nil)

// ingestLockBase offsets the PostgreSQL advisory lock keys of ingest
// transactions (one per centre unit) from the other advisory locks.
const ingestLockBase = int64(0x7310_0008) << 32

// Ingest runs fn in one write transaction for centre unitID. On SQLite the
// write lock serialises it; on PostgreSQL an advisory transaction lock per
// centre does, so two requests of one centre never race on its event ids.
// A unique key taken by a concurrent writer is Conflict; fn's errors are
// returned as they are.
func (db *DB) Ingest(ctx context.Context, unitID int64, fn func(centreapi.IngestTx) error) error {
	const op = "sqlstore.Ingest"
	err := db.InTx(ctx, func(tx *Tx) error {
		if db.dialect == Postgres {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(?)", ingestLockBase+unitID); err != nil {
				return err
			}
		}
		return fn(&ingestTx{tx: tx, unitID: unitID})
	})
	return dossierErr(op, err)
}

// ingestTx implements centreapi.IngestTx on a transaction.
type ingestTx struct {
	tx     *Tx
	unitID int64
}

// KnownEvents returns the stored events among ids of the centre.
func (t *ingestTx) KnownEvents(ctx context.Context, ids []string) (map[string]centreapi.KnownEvent, error) {
	out := map[string]centreapi.KnownEvent{}
	for start := 0; start < len(ids); start += dossierChunk {
		chunk := stringArgs(ids[start:min(start+dossierChunk, len(ids))])
		rows, err := t.tx.Query(ctx, `SELECT e.event_id, e.payload_hash, d.receipt_code
			FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
			WHERE e.centre_unit_id = ? AND e.event_id IN (`+marks(len(chunk))+`)`, append([]any{t.unitID}, chunk...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var k centreapi.KnownEvent
			if err := rows.Scan(&id, &k.PayloadHash, &k.ReceiptCode); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = k
		}
		if err := closeRows(rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Dossiers returns the dossiers with these codes, with their details.
func (t *ingestTx) Dossiers(ctx context.Context, codes []string) (map[string]*dossier.Dossier, error) {
	out := map[string]*dossier.Dossier{}
	var all []*dossier.Dossier
	for start := 0; start < len(codes); start += dossierChunk {
		chunk := stringArgs(codes[start:min(start+dossierChunk, len(codes))])
		list, err := queryDossiers(ctx, t.tx, "SELECT "+dossierColumns+dossierFrom+
			" WHERE d.receipt_code IN ("+marks(len(chunk))+")", chunk...)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
	}
	for _, d := range all {
		out[d.ReceiptCode] = d
	}
	return out, loadDossierDetails(ctx, t.tx, all)
}

// NextSequence increments and returns the receipt sequence key.
func (t *ingestTx) NextSequence(ctx context.Context, key string) (int64, error) {
	var n int64
	err := t.tx.QueryRow(ctx, `INSERT INTO dossier_sequences (key, value) VALUES (?, 1)
		ON CONFLICT (key) DO UPDATE SET value = dossier_sequences.value + 1 RETURNING value`, key).Scan(&n)
	return n, err
}

// Save writes the changes of a batch with set-based statements: new
// dossiers, updated ones, new events, handling units and slips.
func (t *ingestTx) Save(ctx context.Context, changes []*centreapi.Change, now time.Time) error {
	now = stamp(now)
	var fresh, old []*dossier.Dossier
	for _, ch := range changes {
		if ch.Dossier.ID == 0 {
			fresh = append(fresh, ch.Dossier)
		} else {
			old = append(old, ch.Dossier)
		}
	}
	if err := t.insertDossiers(ctx, fresh, now); err != nil {
		return err
	}
	for _, d := range old {
		if err := t.updateDossier(ctx, d, now); err != nil {
			return err
		}
	}
	if err := t.insertEvents(ctx, changes); err != nil {
		return err
	}
	if err := t.replaceUnits(ctx, changes); err != nil {
		return err
	}
	return t.insertSlips(ctx, changes, now)
}

// dossierRow is the values of the written dossier columns, in the order
// of dossierWriteColumns.
func dossierRow(d *dossier.Dossier) []any {
	return []any{d.ProcedureCode, d.ProcedureName, string(d.Channel), d.ApplicantName, d.ContactSealed, d.LookupHash,
		stamp(d.ReceivedAt), month(d.ReceivedAt), d.TimeLimit.Value, string(d.TimeLimit.Unit), stamp(d.HeaderAt),
		string(d.Status), stamp(d.StatusAt), nullStamp(d.AppointmentAt), string(d.AppointmentBasis),
		nullStamp(d.FinishedAt), nullMonth(d.FinishedAt), nullStamp(d.ReturnedAt)}
}

var dossierWriteColumns = []string{"procedure_code", "procedure_name", "channel", "applicant_name", "contact_sealed", "lookup_hash",
	"received_at", "received_month", "limit_value", "limit_unit", "header_at",
	"status", "status_at", "appointment_at", "appointment_basis",
	"finished_at", "finished_month", "returned_at"}

// insertDossiers inserts list and sets their ids, version and times.
func (t *ingestTx) insertDossiers(ctx context.Context, list []*dossier.Dossier, now time.Time) error {
	byCode := make(map[string]*dossier.Dossier, len(list))
	rows := make([][]any, len(list))
	for i, d := range list {
		byCode[d.ReceiptCode] = d
		rows[i] = append([]any{d.ReceiptCode, d.CentreUnitID}, dossierRow(d)...)
		rows[i] = append(rows[i], now, now)
		d.Version, d.Created, d.Updated = 1, now, now
	}
	cols := append(append([]string{"receipt_code", "centre_unit_id"}, dossierWriteColumns...), "created_at", "updated_at")
	return insertRows(ctx, t.tx, "dossiers", cols, rows, "id, receipt_code", func(s scanner) error {
		var id int64
		var code string
		if err := s.Scan(&id, &code); err != nil {
			return err
		}
		byCode[code].ID = id
		return nil
	})
}

// updateDossier writes d's details and derived fields.
func (t *ingestTx) updateDossier(ctx context.Context, d *dossier.Dossier, now time.Time) error {
	set := strings.Join(dossierWriteColumns, " = ?, ") + " = ?, version = version + 1, updated_at = ?"
	args := append(dossierRow(d), now, d.ID)
	if _, err := t.tx.Exec(ctx, "UPDATE dossiers SET "+set+" WHERE id = ?", args...); err != nil {
		return err
	}
	d.Version, d.Updated = d.Version+1, now
	return nil
}

var eventWriteColumns = []string{"dossier_id", "centre_unit_id", "event_id", "kind", "at", "unit_id", "status", "centre_status",
	"centre_status_text", "public_note", "internal_note", "appointment_at", "received_via", "payload_hash", "created_at"}

// insertEvents inserts the events not yet stored (ID 0) of every change.
func (t *ingestTx) insertEvents(ctx context.Context, changes []*centreapi.Change) error {
	var rows [][]any
	for _, ch := range changes {
		d := ch.Dossier
		for _, e := range d.History {
			if e.ID != 0 {
				continue
			}
			rows = append(rows, []any{d.ID, t.unitID, nullText(e.EventID), string(e.Kind), stamp(e.At), nullID(e.UnitID),
				string(e.Status), e.CentreStatus, e.CentreStatusText, e.PublicNote, e.InternalNote,
				nullStamp(e.AppointmentAt), e.ReceivedVia, e.PayloadHash, stamp(e.Created)})
		}
	}
	return insertRows(ctx, t.tx, "dossier_events", eventWriteColumns, rows, "", nil)
}

// replaceUnits rewrites the handling units of the changes that changed
// them.
func (t *ingestTx) replaceUnits(ctx context.Context, changes []*centreapi.Change) error {
	var ids []any
	var rows [][]any
	for _, ch := range changes {
		if !ch.UnitsChanged {
			continue
		}
		ids = append(ids, ch.Dossier.ID)
		for _, u := range ch.Dossier.HandlingUnitIDs {
			rows = append(rows, []any{ch.Dossier.ID, u})
		}
	}
	for start := 0; start < len(ids); start += dossierChunk {
		chunk := ids[start:min(start+dossierChunk, len(ids))]
		if _, err := t.tx.Exec(ctx, "DELETE FROM dossier_units WHERE dossier_id IN ("+marks(len(chunk))+")", chunk...); err != nil {
			return err
		}
	}
	return insertRows(ctx, t.tx, "dossier_units", []string{"dossier_id", "unit_id"}, rows, "", nil)
}

// insertSlips records the apology slips of the changes and sets their
// IDs. Slips are rare (an appointment moved after it passed), so one
// INSERT each, whose RETURNING gives the ID without relying on the order
// of a multi-row RETURNING.
func (t *ingestTx) insertSlips(ctx context.Context, changes []*centreapi.Change, now time.Time) error {
	for _, ch := range changes {
		for _, s := range ch.Slips {
			s.DossierID, s.ReceiptCode, s.CreatedAt = ch.Dossier.ID, ch.Dossier.ReceiptCode, now
			err := t.tx.QueryRow(ctx, `INSERT INTO apology_slips (dossier_id, old_appointment, new_appointment, reason, event_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, s.DossierID, stamp(s.OldAppointment), stamp(s.NewAppointment), s.Reason,
				stamp(s.EventAt), now).Scan(&s.ID)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// RecordTraffic adds t's counts to the day and marks the client's success.
func (t *ingestTx) RecordTraffic(ctx context.Context, c *centreapi.Client, tr centreapi.Traffic, at time.Time) error {
	if err := addTraffic(ctx, t.tx, tr); err != nil {
		return err
	}
	_, err := t.tx.Exec(ctx, "UPDATE centre_clients SET last_success_at = ? WHERE id = ?", stamp(at), c.ID)
	return err
}

// insertRows inserts rows into table with multi-row INSERTs of at most
// insertChunk rows (well under both databases' parameter limits). With
// returning set, each returned row is passed to scan.
func insertRows(ctx context.Context, tx *Tx, table string, cols []string, rows [][]any, returning string, scan func(scanner) error) error {
	one := "(" + marks(len(cols)) + ")"
	for start := 0; start < len(rows); start += insertChunk {
		chunk := rows[start:min(start+insertChunk, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ")
		if err := execInsert(ctx, tx, q, returning, args, scan); err != nil {
			return err
		}
	}
	return nil
}

// insertChunk is the most rows of one INSERT statement.
const insertChunk = 200

func execInsert(ctx context.Context, tx *Tx, q, returning string, args []any, scan func(scanner) error) error {
	if returning == "" {
		_, err := tx.Exec(ctx, q, args...)
		return err
	}
	rows, err := tx.Query(ctx, q+" RETURNING "+returning, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := scan(rows); err != nil {
			rows.Close()
			return err
		}
	}
	return closeRows(rows)
}

// closeRows closes rows and returns their error.
func closeRows(rows interface {
	Err() error
	Close() error
}) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// stamp is t as both databases keep it: UTC, microseconds.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nullStamp stores the zero time as NULL.
func nullStamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return stamp(t)
}

// month is t's month in Vietnam, "2006-01", for statistics.
func month(t time.Time) string { return t.In(calendar.Zone()).Format("2006-01") }

func nullMonth(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return month(t)
}
