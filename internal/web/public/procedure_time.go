package public

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
)

// procLimit is one time limit of a procedure, explained: for a limit in
// working days, the date a dossier submitted now would be due, and how that
// date was computed on the portal's working-day calendar.
type procLimit struct {
	Label    string // "15 ngày làm việc"
	Channels string // the channels with this limit: "Trực tiếp, Trực tuyến"
	Today    string // now, Vietnam time: "thứ Hai 10/02/2025, 09:30"; "" when not computed
	Due      string // the expected due date, same format
	DueISO   string
	Why      string // the calendar's explanation of the computation
}

// procTimeLimits explains the distinct time limits of p's channels, in the
// order of the channels. Limits in working days are computed from now on
// the calendar (weekends, public holidays and the announced swaps skipped);
// limits in calendar days or hours are only stated.
func (h *Handlers) procTimeLimits(ctx context.Context, l *i18n.Localizer, p *procedure.Procedure, now time.Time) ([]procLimit, error) {
	var out []procLimit
	seen := map[procedure.TimeLimit]int{}
	var cal *calendar.Calendar
	for _, c := range p.Channels {
		if c.TimeLimit.IsZero() {
			continue
		}
		kind := l.T("procedure.channel." + string(c.Kind))
		if i, ok := seen[c.TimeLimit]; ok {
			if !strings.Contains(out[i].Channels, kind) {
				out[i].Channels += ", " + kind
			}
			continue
		}
		v := procLimit{Label: procLimitLabel(l, c.TimeLimit), Channels: kind}
		if c.TimeLimit.Unit == procedure.WorkingDays {
			if cal == nil {
				var err error
				if cal, err = h.Calendar.Calendar(ctx); err != nil {
					return nil, err
				}
			}
			due, why := procAddWorking(cal, now, c.TimeLimit.Value)
			v.Today, v.Due, v.DueISO, v.Why = procWhen(l, now), procWhen(l, due), due.Format(time.RFC3339), why.Text(l.Lang)
		}
		seen[c.TimeLimit] = len(out)
		out = append(out, v)
	}
	return out, nil
}

// procAddWorking adds a limit of days working days to start; a fraction of a
// day counts as that share of a working day's hours.
func procAddWorking(cal *calendar.Calendar, start time.Time, days float64) (time.Time, calendar.Explanation) {
	if whole := math.Trunc(days); whole == days {
		return cal.AddWorkingDays(start, int(whole), nil)
	}
	return cal.AddWorkingHours(start, time.Duration(days*float64(cal.WorkingDayLength())), nil)
}

// procWhen formats t in Vietnam time as weekday, date and time.
func procWhen(l *i18n.Localizer, t time.Time) string {
	t = t.In(calendar.Zone())
	return l.T("calendar.due_at", calendar.WeekdayName(t.Weekday(), l.Lang), t.Format("02/01/2006"), t.Format("15:04"))
}

// procLimitLabel says a time limit: "15 ngày làm việc", "0,5 ngày làm việc".
func procLimitLabel(l *i18n.Localizer, t procedure.TimeLimit) string {
	n := strconv.FormatFloat(t.Value, 'f', -1, 64)
	if l.Lang == "vi" {
		n = strings.ReplaceAll(n, ".", ",")
	}
	if t.Unit == "" {
		return n
	}
	return n + " " + l.T("procedure.unit."+string(t.Unit))
}

// procDigits writes n with thousands separators: 1.500.000 in Vietnamese,
// 1,500,000 in English.
func procDigits(n int64, lang string) string {
	s := strconv.FormatInt(n, 10)
	sep := "."
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// procISODuration is a time limit as an ISO 8601 duration for schema.org's
// processingTime: P15D for 15 days (working or not: ISO 8601 has no working
// day), PT4H for 4 hours or half a working day; "" when not a number.
func procISODuration(t procedure.TimeLimit) string {
	hours := map[procedure.TimeUnit]float64{procedure.WorkingDays: 8, procedure.Days: 24, procedure.Hours: 1}[t.Unit]
	switch {
	case t.Value <= 0 || hours == 0:
		return ""
	case t.Unit != procedure.Hours && t.Value == math.Trunc(t.Value):
		return "P" + strconv.FormatFloat(t.Value, 'f', -1, 64) + "D"
	}
	return "PT" + strconv.FormatFloat(math.Round(t.Value*hours*100)/100, 'f', -1, 64) + "H"
}
