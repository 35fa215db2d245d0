package dossier

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// MaxStatsMonths is the longest range of months one request covers.
const MaxStatsMonths = 60

// Directory finds units; *unit.Service implements it.
type Directory interface {
	FindUnitByID(ctx context.Context, id int64) (*unit.Unit, error)
	FindUnitByCode(ctx context.Context, code string) (*unit.Unit, error)
	FindUnits(ctx context.Context, f unit.Filter) ([]*unit.Unit, int, error)
}

// StatsFilter is what a statistics request asks for; empty fields are not
// filtered on, and the months default to the twelve months to the current
// one.
type StatsFilter struct {
	Unit      string // a unit code: its one-stop centre, or the centres below it
	Procedure string // a procedure's national code
	From, To  string // "2006-01", inclusive
}

// Statistics are the published figures of a filter.
type Statistics struct {
	Filter     StatsFilter // with the months filled in
	Total      StatsLine
	Months     []StatsLine // every month of the range, oldest first; Key is the month
	Units      []StatsLine // each centre with dossiers, by name; Key is its code
	Procedures []StatsLine // each procedure with dossiers, most received first; Key is its code
	Centres    []*unit.Unit
	// ProcedureOptions are the procedures with dossiers in the months and
	// centres asked for, whatever the procedure filter, for choosing one.
	ProcedureOptions []StatsLine
	Rows             []StatsRow // the figures per centre, procedure and month
	At               time.Time  // when the overdue dossiers were counted
}

// StatsLine is the figures of a month, a centre, a procedure or the total.
type StatsLine struct {
	Key    string
	Name   string // Vietnamese name (the procedure's, the centre's)
	NameEN string // English name of a centre, "" when none
	StatsCounts
}

// StatsService answers statistics requests. It is safe for concurrent
// use.
type StatsService struct {
	// CacheTTL is how long an answer is reused for the same filter; 0
	// (the default) reads every time. Set it before the service is used.
	// The figures then lag the dossiers by at most CacheTTL on every node,
	// which public statistics can afford; each answer says when it was
	// computed (Statistics.At).
	CacheTTL time.Duration

	store StatsStore
	units Directory
	cals  Calendars
	now   func() time.Time
	cache statsCache
}

// statsCache keeps recent answers by filter. It is small: it is emptied
// when it holds maxCachedStats answers.
type statsCache struct {
	mu sync.Mutex
	m  map[string]*Statistics
}

const maxCachedStats = 512

func (c *statsCache) get(key string, now time.Time, ttl time.Duration) *Statistics {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[key]; st != nil && now.Sub(st.At) < ttl && !now.Before(st.At) {
		return st
	}
	return nil
}

func (c *statsCache) put(key string, st *Statistics) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedStats {
		c.m = map[string]*Statistics{}
	}
	c.m[key] = st
}

// NewStatsService returns a StatsService.
func NewStatsService(store StatsStore, units Directory, cals Calendars) *StatsService {
	return &StatsService{store: store, units: units, cals: cals, now: time.Now}
}

// SetClock replaces the service's clock, for tests.
func (s *StatsService) SetClock(now func() time.Time) { s.now = now }

var monthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// procedureCodeRE bounds what a procedure filter may hold.
var procedureCodeRE = regexp.MustCompile(`^[0-9A-Za-z.\-_]{1,32}$`)

// Statistics returns the figures for f; the answer may be shared with
// other callers (see CacheTTL) and must not be changed. It returns Invalid with field
// errors ("from", "to", "unit", "procedure") for a malformed month, a
// range backwards or longer than MaxStatsMonths, an unknown unit or a
// malformed procedure code, and the store's errors. It reads the sums per
// centre and per procedure when the filter allows, so a request for
// every centre and procedure reads about a thousand rows whatever the
// number of dossiers; the overdue count reads only overdue dossiers.
// Rows is left nil (see Detail).
func (s *StatsService) Statistics(ctx context.Context, f StatsFilter) (*Statistics, error) {
	st, _, err := s.statistics(ctx, f, false)
	return st, err
}

// Detail is Statistics with Rows: the figures per centre, procedure and
// month (for the CSV download), which reads every row of the range.
func (s *StatsService) Detail(ctx context.Context, f StatsFilter) (*Statistics, error) {
	st, _, err := s.statistics(ctx, f, true)
	return st, err
}

func (s *StatsService) statistics(ctx context.Context, f StatsFilter, detail bool) (*Statistics, StatsQuery, error) {
	const op = "dossier.Statistics"
	now := s.now()
	f, err := s.normalise(f, now)
	if err != nil {
		return nil, StatsQuery{}, errs.E(op, err)
	}
	key := fmt.Sprintf("%q %q %s %s %v", f.Unit, f.Procedure, f.From, f.To, detail)
	if s.CacheTTL > 0 {
		if st := s.cache.get(key, now, s.CacheTTL); st != nil {
			return st, StatsQuery{}, nil
		}
	}
	centres, _, err := s.units.FindUnits(ctx, unit.Filter{Kind: ptr(unit.Centre)})
	if err != nil {
		return nil, StatsQuery{}, errs.E(op, err)
	}
	q := StatsQuery{ProcedureCode: f.Procedure, FromMonth: f.From, ToMonth: f.To}
	if f.Unit != "" {
		if q.CentreIDs, err = s.centresUnder(ctx, f.Unit, centres); err != nil {
			return nil, q, errs.E(op, err)
		}
	}
	st := &Statistics{Filter: f, Centres: centres, At: now}
	if err := s.fill(ctx, st, q, now, detail); err != nil {
		return nil, q, errs.E(op, err)
	}
	if s.CacheTTL > 0 {
		s.cache.put(key, st)
	}
	return st, q, nil
}

// fill reads the rows q needs and sums them up into st.
func (s *StatsService) fill(ctx context.Context, st *Statistics, q StatsQuery, now time.Time, detail bool) error {
	if q.CentreIDs != nil && len(q.CentreIDs) == 0 {
		st.summarise(nil, nil, nil)
		return nil
	}
	var keys, byCentre, byProc []StatsRow
	var err error
	read := func(dst *[]StatsRow, q StatsQuery, level StatsLevel) {
		if err == nil {
			*dst, err = s.store.FindStats(ctx, q, level)
		}
	}
	if detail || q.ProcedureCode != "" || q.CentreIDs != nil {
		read(&keys, q, ByKey)
	}
	if q.ProcedureCode == "" {
		read(&byCentre, q, ByCentre)
	} else {
		byCentre = keys
	}
	all := q
	all.CentreIDs, all.ProcedureCode = nil, ""
	var options []StatsRow
	read(&options, all, ByProcedure)
	if q.CentreIDs == nil && q.ProcedureCode == "" {
		byProc = options
	} else {
		byProc = keys
	}
	if err != nil {
		return err
	}
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return err
	}
	overdue, err := s.store.CountOverdue(ctx, q, OverdueBefore(cal, now))
	if err != nil {
		return err
	}
	st.summarise(byCentre, byProc, overdue)
	st.ProcedureOptions = linesOf(options, func(r StatsRow) (string, string) { return r.ProcedureCode, r.ProcedureName })
	if detail {
		st.Rows = withOverdue(keys, overdue)
	}
	return nil
}

// summarise adds up the rows per centre (for the total, the months and
// the centres) and per procedure, and the overdue dossiers to all.
func (st *Statistics) summarise(byCentre, byProc, overdue []StatsRow) {
	for m := st.Filter.From; m <= st.Filter.To; m = addMonths(m, 1) {
		st.Months = append(st.Months, StatsLine{Key: m, Name: m})
	}
	months := map[string]*StatsLine{}
	for i := range st.Months {
		months[st.Months[i].Key] = &st.Months[i]
	}
	byID := map[int64]*unit.Unit{}
	for _, c := range st.Centres {
		byID[c.ID] = c
	}
	units, procs := map[int64]*StatsLine{}, map[string]*StatsLine{}
	unitLine := func(id int64) *StatsLine {
		return lineOf(units, id, func() StatsLine { return centreLine(byID[id], id) })
	}
	procLine := func(r StatsRow) *StatsLine {
		p := lineOf(procs, r.ProcedureCode, func() StatsLine { return StatsLine{Key: r.ProcedureCode} })
		if p.Name == "" {
			p.Name = r.ProcedureName
		}
		return p
	}
	for _, r := range byCentre {
		st.Total.Add(r.StatsCounts)
		if m := months[r.Month]; m != nil {
			m.Add(r.StatsCounts)
		}
		unitLine(r.CentreUnitID).Add(r.StatsCounts)
	}
	for _, r := range byProc {
		procLine(r).Add(r.StatsCounts)
	}
	for _, o := range overdue {
		st.Total.Overdue += o.Overdue
		if m := months[o.Month]; m != nil {
			m.Overdue += o.Overdue
		}
		unitLine(o.CentreUnitID).Overdue += o.Overdue
		procLine(o).Overdue += o.Overdue
	}
	st.Units = sortedLines(units, func(a, b StatsLine) int { return strings.Compare(a.Name, b.Name) })
	st.Procedures = sortedLines(procs, func(a, b StatsLine) int {
		if a.Received != b.Received {
			return int(b.Received - a.Received)
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// linesOf sums rows per key.
func linesOf(rows []StatsRow, key func(StatsRow) (string, string)) []StatsLine {
	m := map[string]*StatsLine{}
	for _, r := range rows {
		k, name := key(r)
		l := lineOf(m, k, func() StatsLine { return StatsLine{Key: k, Name: name} })
		l.Add(r.StatsCounts)
	}
	return sortedLines(m, func(a, b StatsLine) int { return strings.Compare(a.Key, b.Key) })
}

// withOverdue merges the overdue counts into the rows of their keys.
func withOverdue(rows, overdue []StatsRow) []StatsRow {
	at := make(map[StatsKey]int, len(rows))
	for i, r := range rows {
		at[r.StatsKey] = i
	}
	for _, o := range overdue {
		if i, ok := at[o.StatsKey]; ok {
			rows[i].Overdue += o.Overdue
		} else {
			rows = append(rows, o)
		}
	}
	SortStatsRows(rows)
	return rows
}

// normalise checks f and fills in the default months.
func (s *StatsService) normalise(f StatsFilter, now time.Time) (StatsFilter, error) {
	var fe errs.FieldErrors
	f.Unit, f.Procedure = strings.TrimSpace(f.Unit), strings.TrimSpace(f.Procedure)
	if f.To == "" {
		f.To = Month(now)
	}
	if f.From == "" && monthRE.MatchString(f.To) {
		f.From = addMonths(f.To, -11)
	}
	if !monthRE.MatchString(f.From) {
		fe.Add("from", "stats.month_invalid")
	}
	if !monthRE.MatchString(f.To) {
		fe.Add("to", "stats.month_invalid")
	}
	if len(fe) == 0 && (f.From > f.To || monthsBetween(f.From, f.To) > MaxStatsMonths) {
		fe.Add("to", "stats.range_invalid")
	}
	if f.Procedure != "" && !procedureCodeRE.MatchString(f.Procedure) {
		fe.Add("procedure", "stats.procedure_invalid")
	}
	if len(f.Unit) > 64 {
		fe.Add("unit", "stats.unit_unknown")
	}
	return f, fe.Err("dossier.normalise")
}

// centresUnder returns the ids of the centres at or below the unit with
// code; Invalid "unit" when there is no such unit.
func (s *StatsService) centresUnder(ctx context.Context, code string, centres []*unit.Unit) ([]int64, error) {
	u, err := s.units.FindUnitByCode(ctx, code)
	if errs.Is(err, errs.NotFound) {
		var fe errs.FieldErrors
		fe.Add("unit", "stats.unit_unknown")
		return nil, fe.Err("dossier.centresUnder")
	}
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, c := range centres {
		if c.ID == u.ID || (u.Path != "" && strings.HasPrefix(c.Path, u.Path)) {
			ids = append(ids, c.ID)
		}
	}
	return ids, nil
}

// OverdueBefore returns the instant before which an appointment is
// overdue at now: working time has passed between it and now. During
// working hours that is now; at night or on a day off it is the end of the
// last working period, so a dossier due on Friday is not counted overdue
// on Saturday.
func OverdueBefore(cal *calendar.Calendar, now time.Time) time.Time {
	lo, hi := now.Add(-62*24*time.Hour), now
	if cal.WorkingTimeBetween(lo, now, nil) == 0 {
		return lo
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if cal.WorkingTimeBetween(mid, now, nil) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi.Truncate(time.Second)
}

func centreLine(u *unit.Unit, id int64) StatsLine {
	if u == nil {
		return StatsLine{Key: "#" + strconv.FormatInt(id, 10), Name: "#" + strconv.FormatInt(id, 10)}
	}
	return StatsLine{Key: u.Code, Name: u.NameVI, NameEN: u.NameEN}
}

func lineOf[K comparable](m map[K]*StatsLine, k K, mk func() StatsLine) *StatsLine {
	l := m[k]
	if l == nil {
		v := mk()
		l = &v
		m[k] = l
	}
	return l
}

func sortedLines[K comparable](m map[K]*StatsLine, cmp func(a, b StatsLine) int) []StatsLine {
	out := make([]StatsLine, 0, len(m))
	for _, l := range m {
		out = append(out, *l)
	}
	slices.SortFunc(out, cmp)
	return out
}

// addMonths returns the month n months after m ("2006-01").
func addMonths(m string, n int) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.AddDate(0, n, 0).Format("2006-01")
}

// monthsBetween counts the months from a to b inclusive.
func monthsBetween(a, b string) int {
	ta, _ := time.Parse("2006-01", a)
	tb, _ := time.Parse("2006-01", b)
	return (tb.Year()-ta.Year())*12 + int(tb.Month()-ta.Month()) + 1
}

func ptr[T any](v T) *T { return &v }
