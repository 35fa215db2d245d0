package apiv1

import (
	"net/http"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// StatisticsHandlers serve the dossier statistics as open data.
type StatisticsHandlers struct {
	Render *httpx.Renderer
	// Stats are the statistics; nil leaves the endpoint out.
	Stats *dossier.StatsService
}

// StatisticsRoutes registers GET /api/v1/statistics.
func StatisticsRoutes(r httpx.Router, h *StatisticsHandlers) {
	if h.Stats != nil {
		r.Handle("GET /api/v1/statistics", h.statistics)
	}
}

// Statistics is the answer of GET /api/v1/statistics: the same figures
// as the /thong-ke page.
type Statistics struct {
	From        string           `json:"from"`
	To          string           `json:"to"`
	Unit        string           `json:"unit,omitempty"`
	Procedure   string           `json:"procedure,omitempty"`
	GeneratedAt string           `json:"generated_at"`
	Total       StatsFigures     `json:"total"`
	Months      []StatsMonth     `json:"months"`
	Units       []StatsUnit      `json:"units"`
	Procedures  []StatsProcedure `json:"procedures"`
}

// StatsFigures are the figures of a month, a unit, a procedure or the
// total. Rates are null when there is nothing to divide.
type StatsFigures struct {
	Received       int64    `json:"received"`
	ReceivedOnline int64    `json:"received_online"`
	OnlineShare    *float64 `json:"online_share"`
	InProgress     int64    `json:"in_progress"`
	Overdue        int64    `json:"overdue"`
	ClosedOther    int64    `json:"refused_withdrawn_cancelled"`
	FinishedOnTime int64    `json:"finished_on_time"`
	FinishedLate   int64    `json:"finished_late"`
	OnTimeRate     *float64 `json:"on_time_rate"`
	Ratings        int64    `json:"ratings"`
	Satisfaction   *float64 `json:"average_satisfaction"`
}

// StatsMonth is one month's figures.
type StatsMonth struct {
	Month string `json:"month"`
	StatsFigures
}

// StatsUnit is one receiving centre's figures.
type StatsUnit struct {
	Code   string `json:"code"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en,omitempty"`
	StatsFigures
}

// StatsProcedure is one procedure's figures.
type StatsProcedure struct {
	Code string `json:"code"`
	Name string `json:"name"`
	StatsFigures
}

func figures(c dossier.StatsCounts) StatsFigures {
	opt := func(x float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return &x
	}
	return StatsFigures{Received: c.Received, ReceivedOnline: c.Online, OnlineShare: opt(c.OnlineShare()),
		InProgress: c.InProgress, Overdue: c.Overdue, ClosedOther: c.ClosedOther, FinishedOnTime: c.OnTime,
		FinishedLate: c.Late, OnTimeRate: opt(c.OnTimeRate()), Ratings: c.Ratings, Satisfaction: opt(c.Satisfaction())}
}

// statistics answers GET /api/v1/statistics?unit=&procedure=&from=&to=;
// 422 with field errors for a bad filter.
func (h *StatisticsHandlers) statistics(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	st, err := h.Stats.Statistics(r.Context(), dossier.StatsFilter{Unit: q.Get("unit"), Procedure: q.Get("procedure"), From: q.Get("from"), To: q.Get("to")})
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	out := Statistics{From: st.Filter.From, To: st.Filter.To, Unit: st.Filter.Unit, Procedure: st.Filter.Procedure,
		GeneratedAt: st.At.UTC().Format(time.RFC3339), Total: figures(st.Total.StatsCounts),
		Months: []StatsMonth{}, Units: []StatsUnit{}, Procedures: []StatsProcedure{}}
	for _, m := range st.Months {
		out.Months = append(out.Months, StatsMonth{Month: m.Key, StatsFigures: figures(m.StatsCounts)})
	}
	for _, u := range st.Units {
		out.Units = append(out.Units, StatsUnit{Code: u.Key, NameVI: u.Name, NameEN: u.NameEN, StatsFigures: figures(u.StatsCounts)})
	}
	for _, p := range st.Procedures {
		out.Procedures = append(out.Procedures, StatsProcedure{Code: p.Key, Name: p.Name, StatsFigures: figures(p.StatsCounts)})
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}
