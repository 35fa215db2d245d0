package public

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// statsView is the statistics page.
type statsView struct {
	St         *dossier.Statistics
	Action     string
	Unit       httpx.Field
	Procedure  httpx.Field
	From, To   httpx.Field
	Error      string
	Total      statsLineView
	Months     []statsLineView
	Units      []statsLineView
	Procedures []statsLineView
	MonthChart barChart
	UnitChart  rateChart
	CSVURL     string
	APIURL     string
	Period     string // "01/2026 – 12/2026"
	// ConnectivityURL is the centres' connectivity page, "" when absent.
	ConnectivityURL string
}

// statsLineView is a table row with its rates formatted.
type statsLineView struct {
	Key, Name string
	dossier.StatsCounts
	OnTimeText, OnlineText, SatisfactionText string // "—" when there is nothing to divide
}

func statsPath(l *i18n.Localizer) string {
	if l.Lang == "en" {
		return "/en/statistics"
	}
	return "/thong-ke"
}

// statsFilter reads the query: unit, procedure, from, to.
func statsFilter(r *http.Request) dossier.StatsFilter {
	q := r.URL.Query()
	return dossier.StatsFilter{Unit: q.Get("unit"), Procedure: q.Get("procedure"), From: q.Get("from"), To: q.Get("to")}
}

// statistics shows the figures of the one-stop centres per month, centre
// and procedure, with server-drawn SVG charts, tables and links to the
// CSV and JSON forms. A bad filter re-renders the form with its errors
// (422) and the default figures.
func (h *DossierHandlers) statistics(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	f := statsFilter(r)
	st, err := h.Stats.Statistics(r.Context(), f)
	status, form := http.StatusOK, httpx.Form{}
	if errs.Is(err, errs.Invalid) {
		status, form = http.StatusUnprocessableEntity, httpx.FormFrom(l, err)
		st, err = h.Stats.Statistics(r.Context(), dossier.StatsFilter{})
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := newStatsView(l, st, f, form)
	if h.Centre != nil {
		v.ConnectivityURL = connectivityPath(l.Lang)
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	title := l.T("stats.title")
	h.Render.HTML(w, r, status, "statistics", &httpx.Page{
		L: l, Title: title, Description: l.T("stats.description"),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: title}},
		Data:   v,
	})
}

func newStatsView(l *i18n.Localizer, st *dossier.Statistics, asked dossier.StatsFilter, form httpx.Form) statsView {
	f := st.Filter
	if form.Error != "" {
		f = asked // keep what was typed, to correct it
	}
	v := statsView{St: st, Action: statsPath(l), Error: form.Error,
		Unit:      httpx.Field{Name: "unit", Type: "select", Label: l.T("stats.unit"), Error: form.Fields["unit"]},
		Procedure: httpx.Field{Name: "procedure", Type: "select", Label: l.T("stats.procedure"), Error: form.Fields["procedure"]},
		From:      httpx.Field{Name: "from", Type: monthType(f.From), Label: l.T("stats.from"), Hint: l.T("stats.month_hint"), Value: f.From, Error: form.Fields["from"]},
		To:        httpx.Field{Name: "to", Type: monthType(f.To), Label: l.T("stats.to"), Hint: l.T("stats.month_hint"), Value: f.To, Error: form.Fields["to"]},
		Total:     lineView(l, st.Total),
		Period:    monthLabel(st.Filter.From) + " – " + monthLabel(st.Filter.To),
	}
	v.Unit.Options = append(v.Unit.Options, httpx.Option{Label: l.T("stats.all_units")})
	for _, c := range st.Centres {
		v.Unit.Options = append(v.Unit.Options, httpx.Option{Value: c.Code, Label: pick(l, c.NameVI, c.NameEN), Selected: c.Code == f.Unit})
	}
	v.Procedure.Options = procedureOptions(l, st, f.Procedure)
	for _, m := range st.Months {
		lv := lineView(l, m)
		lv.Name = monthLabel(m.Key)
		v.Months = append(v.Months, lv)
	}
	for _, u := range st.Units {
		lv := lineView(l, u)
		lv.Name = pick(l, u.Name, u.NameEN)
		v.Units = append(v.Units, lv)
	}
	for _, p := range st.Procedures {
		v.Procedures = append(v.Procedures, lineView(l, p))
	}
	q := statsQuery(st.Filter)
	v.CSVURL = statsPath(l) + "/csv" + q
	v.APIURL = "/api/v1/statistics" + q
	v.MonthChart = monthChart(l, v.Months)
	v.UnitChart = unitChart(l, v.Units)
	return v
}

var monthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// monthType is the input type of a month field: "month", or "text" to
// give back a value a month input would refuse.
func monthType(v string) string {
	if v == "" || monthRE.MatchString(v) {
		return "month"
	}
	return "text"
}

// procedureOptions lists the procedures with dossiers, by name.
func procedureOptions(l *i18n.Localizer, st *dossier.Statistics, selected string) []httpx.Option {
	ps := slices.Clone(st.ProcedureOptions)
	slices.SortFunc(ps, func(a, b dossier.StatsLine) int { return strings.Compare(a.Name, b.Name) })
	out := []httpx.Option{{Label: l.T("stats.all_procedures")}}
	for _, p := range ps {
		out = append(out, httpx.Option{Value: p.Key, Label: p.Name + " (" + p.Key + ")", Selected: p.Key == selected})
	}
	return out
}

func lineView(l *i18n.Localizer, s dossier.StatsLine) statsLineView {
	v := statsLineView{Key: s.Key, Name: s.Name, StatsCounts: s.StatsCounts, OnTimeText: "—", OnlineText: "—", SatisfactionText: "—"}
	if r, ok := s.OnTimeRate(); ok {
		v.OnTimeText = percent(l, r)
	}
	if r, ok := s.OnlineShare(); ok {
		v.OnlineText = percent(l, r)
	}
	if r, ok := s.Satisfaction(); ok {
		v.SatisfactionText = decimal(l, r, 2)
	}
	return v
}

// percent formats a share as "95,4 %" (vi) or "95.4%" (en).
func percent(l *i18n.Localizer, r float64) string {
	if l.Lang == "en" {
		return decimal(l, r*100, 1) + "%"
	}
	return decimal(l, r*100, 1) + " %"
}

// decimal formats x with n decimals and the language's decimal mark.
func decimal(l *i18n.Localizer, x float64, n int) string {
	s := strconv.FormatFloat(x, 'f', n, 64)
	if l.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// monthLabel turns "2026-02" into "02/2026".
func monthLabel(m string) string {
	if len(m) != 7 {
		return m
	}
	return m[5:] + "/" + m[:4]
}

// statsQuery is the filter as a query string, "" when empty.
func statsQuery(f dossier.StatsFilter) string {
	v := url.Values{}
	for k, s := range map[string]string{"unit": f.Unit, "procedure": f.Procedure, "from": f.From, "to": f.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// statisticsCSV answers the figures per centre, procedure and month as
// CSV (UTF-8 with a byte order mark, so spreadsheets read the
// diacritics), one row per key.
func (h *DossierHandlers) statisticsCSV(w http.ResponseWriter, r *http.Request) {
	st, err := h.Stats.Detail(r.Context(), statsFilter(r))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	centres := map[int64][2]string{}
	for _, c := range st.Centres {
		centres[c.ID] = [2]string{c.Code, c.NameVI}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="thong-ke-ho-so-%s-%s.csv"`, st.Filter.From, st.Filter.To))
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, row := range st.Rows {
		c := centres[row.CentreUnitID]
		cw.Write(csvRow(row, c[0], c[1]))
	}
	cw.Flush()
}

// csvHeader names the CSV columns; see csvRow.
var csvHeader = []string{"month", "unit_code", "unit_name", "procedure_code", "procedure_name", "received", "received_online",
	"in_progress", "overdue", "refused_withdrawn_cancelled", "finished_on_time", "finished_late", "on_time_rate",
	"online_share", "ratings", "average_satisfaction"}

func csvRow(r dossier.StatsRow, code, name string) []string {
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	f := func(x float64, ok bool, n int) string {
		if !ok {
			return ""
		}
		return strconv.FormatFloat(x, 'f', n, 64)
	}
	onTime, ok1 := r.OnTimeRate()
	online, ok2 := r.OnlineShare()
	sat, ok3 := r.Satisfaction()
	return []string{r.Month, code, name, r.ProcedureCode, r.ProcedureName, i(r.Received), i(r.Online), i(r.InProgress),
		i(r.Overdue), i(r.ClosedOther), i(r.OnTime), i(r.Late), f(onTime, ok1, 4), f(online, ok2, 4), i(r.Ratings), f(sat, ok3, 2)}
}
