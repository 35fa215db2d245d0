package sqlstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

var _ dossier.StatsStore = (*DB)(nil)

// statsCounts are the count columns of the three statistics tables.
var statsCounts = []string{"received", "online", "in_progress", "closed_other", "on_time", "late", "ratings", "rating_sum"}

// FindStats returns the statistics rows matching q at level: per key
// (dossier_stats), per centre and month (dossier_stats_centre; q may not
// name a procedure) or per procedure and month (dossier_stats_procedure;
// q may not name centres). Overdue is left 0.
func (db *DB) FindStats(ctx context.Context, q dossier.StatsQuery, level dossier.StatsLevel) ([]dossier.StatsRow, error) {
	const op = "sqlstore.FindStats"
	counts := strings.Join(statsCounts, ", ")
	var query string
	switch {
	case level == dossier.ByCentre && q.ProcedureCode == "":
		query = "SELECT centre_unit_id, '', month, '', " + counts + " FROM dossier_stats_centre"
	case level == dossier.ByProcedure && q.CentreIDs == nil:
		query = "SELECT 0, procedure_code, month, procedure_name, " + counts + " FROM dossier_stats_procedure"
	case level == dossier.ByKey:
		query = "SELECT centre_unit_id, procedure_code, month, procedure_name, " + counts + " FROM dossier_stats"
	default:
		return nil, errs.E(op, errs.Internal, errors.New("statistics level and filter do not match"))
	}
	w := statsWhere(q, "month", "centre_unit_id", "procedure_code")
	rows, err := db.Query(ctx, query+w.sql(), w.args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	var out []dossier.StatsRow
	for rows.Next() {
		var r dossier.StatsRow
		c := &r.StatsCounts
		if err := rows.Scan(&r.CentreUnitID, &r.ProcedureCode, &r.Month, &r.ProcedureName, &c.Received, &c.Online,
			&c.InProgress, &c.ClosedOther, &c.OnTime, &c.Late, &c.Ratings, &c.RatingSum); err != nil {
			return nil, MapErr(op, err)
		}
		out = append(out, r)
	}
	return out, MapErr(op, rows.Err())
}

// overdueStatuses is the condition of the partial index dossiers_overdue,
// written exactly as there so that SQLite uses the index.
const overdueStatuses = "status IN ('received', 'in_processing', 'transferred')"

// CountOverdue counts, per centre, procedure and month of receipt, the
// dossiers matching q that are open and not awaiting a supplement (a
// supplement pauses the clock), with an appointment before dueBefore. It
// reads the covering partial index dossiers_overdue (or, for centres,
// dossiers_centre_status) and groups in Go: only the overdue dossiers are
// read, whatever the size of the table. The months are filtered here too,
// since a condition on them would lead SQLite to a worse index.
func (db *DB) CountOverdue(ctx context.Context, q dossier.StatsQuery, dueBefore time.Time) ([]dossier.StatsRow, error) {
	const op = "sqlstore.CountOverdue"
	w := statsWhere(dossier.StatsQuery{CentreIDs: q.CentreIDs, ProcedureCode: q.ProcedureCode}, "received_month", "centre_unit_id", "procedure_code")
	w.add(overdueStatuses)
	w.add("appointment_at < ?", dueBefore.UTC())
	rows, err := db.Query(ctx, "SELECT centre_unit_id, procedure_code, received_month FROM dossiers"+w.sql(), w.args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	at := map[dossier.StatsKey]int{}
	var out []dossier.StatsRow
	for rows.Next() {
		var k dossier.StatsKey
		if err := rows.Scan(&k.CentreUnitID, &k.ProcedureCode, &k.Month); err != nil {
			return nil, MapErr(op, err)
		}
		if (q.FromMonth != "" && k.Month < q.FromMonth) || (q.ToMonth != "" && k.Month > q.ToMonth) {
			continue
		}
		i, ok := at[k]
		if !ok {
			i, at[k] = len(out), len(out)
			out = append(out, dossier.StatsRow{StatsKey: k})
		}
		out[i].Overdue++
	}
	return out, MapErr(op, rows.Err())
}

// statsWhere builds the conditions of q on the named columns.
func statsWhere(q dossier.StatsQuery, month, centre, procedure string) *where {
	w := &where{}
	if q.FromMonth != "" {
		w.add(month+" >= ?", q.FromMonth)
	}
	if q.ToMonth != "" {
		w.add(month+" <= ?", q.ToMonth)
	}
	if q.ProcedureCode != "" {
		w.add(procedure+" = ?", q.ProcedureCode)
	}
	if q.CentreIDs != nil {
		if len(q.CentreIDs) == 0 {
			w.add("1 = 0")
			return w
		}
		args := make([]any, len(q.CentreIDs))
		for i, id := range q.CentreIDs {
			args[i] = id
		}
		w.add(centre+" IN ("+marks(len(args))+")", args...)
	}
	return w
}

// ApplyStats adds each row's counts to its key, and to the centre's and
// the procedure's month, in tx (a *Tx).
func (db *DB) ApplyStats(ctx context.Context, tx job.Tx, deltas []dossier.StatsRow) error {
	t, ok := tx.(*Tx)
	if !ok {
		return errs.E("sqlstore.ApplyStats", errs.Internal, errors.New("not a sqlstore transaction"))
	}
	return MapErr("sqlstore.ApplyStats", applyStats(ctx, t, deltas))
}

// applyStats upserts the rows into the three statistics tables, adding
// to the stored counts.
func applyStats(ctx context.Context, tx *Tx, deltas []dossier.StatsRow) error {
	deltas = mergeStats(deltas)
	var centre, proc []dossier.StatsRow
	for _, d := range deltas {
		c, p := d, d
		c.ProcedureCode, c.ProcedureName = "", ""
		p.CentreUnitID = 0
		centre, proc = append(centre, c), append(proc, p)
	}
	err := upsertStats(ctx, tx, "dossier_stats", []string{"centre_unit_id", "procedure_code", "month", "procedure_name"}, deltas,
		func(d dossier.StatsRow) []any {
			return []any{d.CentreUnitID, d.ProcedureCode, d.Month, d.ProcedureName}
		})
	if err == nil {
		err = upsertStats(ctx, tx, "dossier_stats_centre", []string{"centre_unit_id", "month"}, mergeStats(centre),
			func(d dossier.StatsRow) []any { return []any{d.CentreUnitID, d.Month} })
	}
	if err == nil {
		err = upsertStats(ctx, tx, "dossier_stats_procedure", []string{"procedure_code", "month", "procedure_name"}, mergeStats(proc),
			func(d dossier.StatsRow) []any { return []any{d.ProcedureCode, d.Month, d.ProcedureName} })
	}
	return err
}

// upsertStats adds rows to table, whose key is keys without a trailing
// procedure_name (kept as the latest non-empty name).
func upsertStats(ctx context.Context, tx *Tx, table string, keys []string, rows []dossier.StatsRow, key func(dossier.StatsRow) []any) error {
	vals := make([][]any, 0, len(rows))
	for _, d := range rows {
		c := d.StatsCounts
		vals = append(vals, append(key(d), c.Received, c.Online, c.InProgress, c.ClosedOther, c.OnTime, c.Late, c.Ratings, c.RatingSum))
	}
	conflict := keys
	var set []string
	if keys[len(keys)-1] == "procedure_name" {
		conflict = keys[:len(keys)-1]
		set = append(set, "procedure_name = CASE WHEN excluded.procedure_name <> '' THEN excluded.procedure_name ELSE "+table+".procedure_name END")
	}
	for _, c := range statsCounts {
		set = append(set, c+" = "+table+"."+c+" + excluded."+c)
	}
	suffix := " ON CONFLICT (" + strings.Join(conflict, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
	return bulkInsert(ctx, tx, table, append(slices.Clone(keys), statsCounts...), vals, suffix, nil)
}

// mergeStats adds up rows of the same key (one upsert statement may not
// touch a row twice) and orders them by key.
func mergeStats(rows []dossier.StatsRow) []dossier.StatsRow {
	acc := map[dossier.StatsKey]int{}
	var out []dossier.StatsRow
	for _, r := range rows {
		if i, ok := acc[r.StatsKey]; ok {
			out[i].StatsCounts.Add(r.StatsCounts)
			if r.ProcedureName != "" {
				out[i].ProcedureName = r.ProcedureName
			}
			continue
		}
		acc[r.StatsKey] = len(out)
		out = append(out, r)
	}
	dossier.SortStatsRows(out)
	return out
}

// CentreStore returns the centre integration's store on db with hook run
// in every ingest transaction, right after the batch's changes are saved:
// the hook sees each changed dossier before and after the batch, and what
// it writes (statistics, notifications) commits with the batch.
func (db *DB) CentreStore(hook dossier.ChangeHook) centreapi.Store {
	return &hookedStore{DB: db, hook: hook}
}

// hookedStore is DB with an Ingest that runs the hook.
type hookedStore struct {
	*DB
	hook dossier.ChangeHook
}

// Ingest runs fn in DB.Ingest's transaction, handing it a transaction that
// remembers each dossier as loaded and runs the hook after Save.
func (s *hookedStore) Ingest(ctx context.Context, unitID int64, fn func(centreapi.IngestTx) error) error {
	return s.DB.Ingest(ctx, unitID, func(itx centreapi.IngestTx) error {
		return fn(&hookedTx{IngestTx: itx, hook: s.hook, before: map[*dossier.Dossier]*dossier.Dossier{}})
	})
}

// hookedTx wraps an ingest transaction.
type hookedTx struct {
	centreapi.IngestTx
	hook   dossier.ChangeHook
	before map[*dossier.Dossier]*dossier.Dossier // loaded dossier → copy as loaded
}

// Dossiers loads the dossiers and keeps a copy of each as loaded. The
// ingest changes a dossier by replacing its fields and slices (AddEvent
// inserts into a clone of the history), so a shallow copy keeps the state
// before the batch.
func (t *hookedTx) Dossiers(ctx context.Context, codes []string) (map[string]*dossier.Dossier, error) {
	m, err := t.IngestTx.Dossiers(ctx, codes)
	for _, d := range m {
		if _, ok := t.before[d]; !ok {
			c := *d
			t.before[d] = &c
		}
	}
	return m, err
}

// Save saves the changes, then runs the hook in the same transaction.
func (t *hookedTx) Save(ctx context.Context, changes []*centreapi.Change, now time.Time) error {
	if err := t.IngestTx.Save(ctx, changes, now); err != nil {
		return err
	}
	if t.hook == nil || len(changes) == 0 {
		return nil
	}
	it, ok := t.IngestTx.(*ingestTx)
	if !ok {
		return errs.E("sqlstore.hookedTx", errs.Internal, errors.New("not a sqlstore ingest transaction"))
	}
	list := make([]dossier.Changed, len(changes))
	for i, ch := range changes {
		list[i] = dossier.Changed{Before: t.before[ch.Dossier], After: ch.Dossier}
	}
	return t.hook.DossiersChanged(ctx, it.tx, list)
}
