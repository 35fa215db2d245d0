package public

import (
	"math"
	"strconv"

	"github.com/cong-vn/cong/internal/i18n"
)

// The charts are drawn on the server as inline SVG: no script, and no
// style attribute (the CSP allows neither): geometry goes in presentation
// attributes, colours in classes of app.css. Each chart has a title and a
// description, and the table after it gives the same figures to screen
// readers.

// barChart is the monthly chart: for each month a bar of dossiers
// received and a bar of results, stacked on time and late.
type barChart struct {
	Width, Height int
	Title, Desc   string
	Bars          []chartBar
	Ticks         []chartTick
	Labels        []chartLabel
	Empty         bool
}

// chartBar is one rectangle, with its tooltip.
type chartBar struct {
	X, Y, W, H int
	Class      string
	Tip        string
}

// chartTick is a horizontal grid line with its value.
type chartTick struct {
	Y     int
	Label string
}

// chartLabel is a text under or beside the bars.
type chartLabel struct {
	X, Y int
	Text string
}

// Geometry of the monthly chart.
const (
	chartW, chartH          = 720, 280
	chartLeft, chartRight   = 52, 8
	chartTop, chartBottom   = 12, 30
	chartPlotW, chartPlotH  = chartW - chartLeft - chartRight, chartH - chartTop - chartBottom
	unitRowH, unitBarH      = 38, 16
	unitChartW, unitLabelsH = 720, 14
)

func monthChart(l *i18n.Localizer, months []statsLineView) barChart {
	c := barChart{Width: chartW, Height: chartH, Title: l.T("stats.chart_months"), Desc: l.T("stats.chart_months_desc")}
	var top int64
	for _, m := range months {
		top = max(top, m.Received, m.Finished())
	}
	if top == 0 || len(months) == 0 {
		c.Empty = true
		return c
	}
	scale, step := niceScale(top)
	for v := int64(0); v <= scale; v += step {
		c.Ticks = append(c.Ticks, chartTick{Y: chartTop + chartPlotH - int(float64(v)/float64(scale)*chartPlotH), Label: groupDigits(l, v)})
	}
	slot := float64(chartPlotW) / float64(len(months))
	barW := max(int(slot*0.36), 2)
	h := func(v int64) int { return int(math.Round(float64(v) / float64(scale) * chartPlotH)) }
	base := chartTop + chartPlotH
	for i, m := range months {
		x := chartLeft + int(float64(i)*slot+slot*0.12)
		c.Bars = append(c.Bars, chartBar{X: x, Y: base - h(m.Received), W: barW, H: h(m.Received), Class: "chart-received",
			Tip: m.Name + ": " + l.T("stats.received") + " " + groupDigits(l, m.Received)})
		onTime, late := h(m.OnTime), h(m.Late)
		c.Bars = append(c.Bars,
			chartBar{X: x + barW + 2, Y: base - onTime, W: barW, H: onTime, Class: "chart-ontime",
				Tip: m.Name + ": " + l.T("stats.on_time") + " " + groupDigits(l, m.OnTime)},
			chartBar{X: x + barW + 2, Y: base - onTime - late, W: barW, H: late, Class: "chart-late",
				Tip: m.Name + ": " + l.T("stats.late") + " " + groupDigits(l, m.Late)})
		if len(months) <= 12 || i%2 == 0 {
			c.Labels = append(c.Labels, chartLabel{X: x + barW, Y: chartH - 10, Text: m.Name[:2] + "/" + m.Name[len(m.Name)-2:]})
		}
	}
	return c
}

// rateChart is the chart of on-time rates per centre: one horizontal bar
// each, labelled above.
type rateChart struct {
	Width, Height int
	Title, Desc   string
	Rows          []rateRow
	Empty         bool
}

// rateRow is one centre's bar.
type rateRow struct {
	LabelY, BarY, BarW, TextX int
	Label, Value              string
}

// maxChartUnits bounds the centres drawn; the table lists them all.
const maxChartUnits = 20

func unitChart(l *i18n.Localizer, units []statsLineView) rateChart {
	c := rateChart{Width: unitChartW, Title: l.T("stats.chart_units"), Desc: l.T("stats.chart_units_desc")}
	for _, u := range units {
		if len(c.Rows) == maxChartUnits {
			break
		}
		r, ok := u.StatsCounts.OnTimeRate()
		if !ok {
			continue
		}
		y := len(c.Rows) * unitRowH
		w := int(math.Round(r * float64(unitChartW-70)))
		c.Rows = append(c.Rows, rateRow{LabelY: y + unitLabelsH, BarY: y + unitLabelsH + 4, BarW: max(w, 1), TextX: max(w, 1) + 6,
			Label: u.Name, Value: u.OnTimeText})
	}
	c.Height = len(c.Rows)*unitRowH + 4
	c.Empty = len(c.Rows) == 0
	return c
}

// niceScale returns a round top for the axis, at least top, and the step
// of its four or five ticks.
func niceScale(top int64) (scale, step int64) {
	raw := float64(top) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if s := m * mag; s >= raw {
			step = max(int64(math.Ceil(s)), 1)
			break
		}
	}
	scale = (top + step - 1) / step * step
	return scale, step
}

// groupDigits writes n with thousands separated: "12.345" (vi), "12,345"
// (en).
func groupDigits(l *i18n.Localizer, n int64) string {
	s := strconv.FormatInt(n, 10)
	sep := "."
	if l.Lang == "en" {
		sep = ","
	}
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
