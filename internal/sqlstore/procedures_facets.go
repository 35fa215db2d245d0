package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/cong-vn/cong/internal/procedure"
)

// ProcedureFacets counts the procedures matching f by level, field,
// implementing agency, online level and owning unit, each dimension without
// its own condition (see procedure.Facets), in the view of f (newest or
// public versions). Offset and Limit are ignored. It returns Internal when
// the database fails.
func (db *DB) ProcedureFacets(ctx context.Context, f procedure.Filter) (*procedure.Facets, error) {
	const op = "sqlstore.ProcedureFacets"
	fc := &procedure.Facets{}
	var err error
	if fc.Levels, err = db.levelFacet(ctx, f); err != nil {
		return nil, MapErr(op, err)
	}
	a := procAlias(f) + "."
	for _, d := range []struct {
		skip, col string
		out       *[]procedure.FacetCount
	}{
		{"field", a + "field", &fc.Fields},
		{"agency", a + "agency", &fc.Agencies},
		{"online", a + "online_level", &fc.OnlineLevels},
	} {
		if *d.out, err = db.groupFacet(ctx, f, d.skip, d.col); err != nil {
			return nil, MapErr(op, err)
		}
	}
	fc.OnlineLevels = procInOrder(fc.OnlineLevels, procedure.OnlineLevels)
	if fc.Owners, err = db.ownerFacet(ctx, f); err != nil {
		return nil, MapErr(op, err)
	}
	w := procWhere(f, "")
	if err := db.QueryRow(ctx, "SELECT COUNT(*)"+procSource(f)+w.sql(), w.args...).Scan(&fc.Total); err != nil {
		return nil, MapErr(op, err)
	}
	return fc, nil
}

// levelFacet counts each level in one pass; a procedure counts once per
// level it has.
func (db *DB) levelFacet(ctx context.Context, f procedure.Filter) ([]procedure.FacetCount, error) {
	a := procAlias(f) + "."
	sums := make([]string, len(procedure.Levels))
	args := make([]any, 0, len(procedure.Levels))
	for i, l := range procedure.Levels {
		sums[i] = "COALESCE(SUM(CASE WHEN " + a + "levels LIKE ? THEN 1 ELSE 0 END), 0)"
		args = append(args, "%|"+string(l)+"|%")
	}
	w := procWhere(f, "levels")
	counts := make([]int64, len(procedure.Levels))
	dest := make([]any, len(counts))
	for i := range counts {
		dest[i] = &counts[i]
	}
	q := "SELECT " + strings.Join(sums, ", ") + procSource(f) + w.sql()
	if err := db.QueryRow(ctx, q, append(args, w.args...)...).Scan(dest...); err != nil {
		return nil, err
	}
	var out []procedure.FacetCount
	for i, l := range procedure.Levels {
		if counts[i] > 0 {
			out = append(out, procedure.FacetCount{Value: string(l), Count: int(counts[i])})
		}
	}
	return out, nil
}

// groupFacet counts the values of col, most frequent first.
func (db *DB) groupFacet(ctx context.Context, f procedure.Filter, skip, col string) ([]procedure.FacetCount, error) {
	w := procWhere(f, skip)
	q := "SELECT " + col + ", COUNT(*)" + procSource(f) + w.sql() +
		" GROUP BY " + col + " ORDER BY COUNT(*) DESC, " + col
	return db.facetRows(ctx, q, w.args, false)
}

// ownerFacet counts the owning units, with their names as labels.
func (db *DB) ownerFacet(ctx context.Context, f procedure.Filter) ([]procedure.FacetCount, error) {
	w := procWhere(f, "owner")
	q := "SELECT u.code, u.name_vi, COUNT(*)" + procSource(f) + w.sql() +
		" GROUP BY u.code, u.name_vi ORDER BY COUNT(*) DESC, u.code"
	return db.facetRows(ctx, q, w.args, true)
}

// facetRows reads (value[, label], count) rows.
func (db *DB) facetRows(ctx context.Context, q string, args []any, labelled bool) ([]procedure.FacetCount, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []procedure.FacetCount
	for rows.Next() {
		var c procedure.FacetCount
		var label sql.NullString
		dest := []any{&c.Value, &c.Count}
		if labelled {
			dest = []any{&c.Value, &label, &c.Count}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		c.Label = label.String
		out = append(out, c)
	}
	return out, rows.Err()
}

// procInOrder returns the counts of cs in the order of the values of order.
func procInOrder[T ~string](cs []procedure.FacetCount, order []T) []procedure.FacetCount {
	var out []procedure.FacetCount
	for _, v := range order {
		for _, c := range cs {
			if c.Value == string(v) {
				out = append(out, c)
			}
		}
	}
	return out
}
