package public

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/workcal"
)

// maxCalcDays bounds the limit the calculator accepts; the longest time
// limits of administrative procedures are well below it.
const maxCalcDays = 1000

// calcView is the due date calculator: a GET form on the calendar page.
type calcView struct {
	Action               string
	Received, Time, Days formField
	Error                string // the summary above the form when a field is wrong
	Due                  string // the result, "" until a valid computation
	DueISO               string
	Explanation          string
}

// formField is what the "field" partial renders: a labelled input whose
// hint and error are tied to it with aria-describedby.
type formField struct {
	Name, Label, Hint, Type, Value, Error, Autocomplete string
	Required                                            bool
}

// calculate reads the calculator's parameters (received=YYYY-MM-DD,
// time=HH:MM, days=N) and computes the due date of a limit of N working
// days for a dossier received then. Before the form is sent it only fills
// in today's date and 08:00. It returns Invalid with the view's field
// errors filled in, or the calendar's error.
func (h *Handlers) calculate(r *http.Request, l *i18n.Localizer) (calcView, error) {
	q := r.URL.Query()
	v := calcView{
		Action:   r.URL.Path + "#calc",
		Received: formField{Name: "received", Type: "date", Label: l.T("calendar.calc_received"), Hint: l.T("calendar.calc_received_hint"), Required: true, Value: param(q.Get("received"))},
		Time:     formField{Name: "time", Type: "time", Label: l.T("calendar.calc_time"), Hint: l.T("calendar.calc_time_hint"), Required: true, Value: param(q.Get("time"))},
		Days:     formField{Name: "days", Type: "number", Label: l.T("calendar.calc_days"), Hint: l.T("calendar.calc_days_hint"), Required: true, Value: param(q.Get("days"))},
	}
	if !q.Has("received") && !q.Has("time") && !q.Has("days") {
		v.Received.Value = calendar.DateOf(time.Now()).String()
		v.Time.Value = "08:00"
		return v, nil
	}
	start, n, err := parseCalc(&v)
	if err != nil {
		for field, key := range errs.FieldsOf(err) {
			for _, f := range []*formField{&v.Received, &v.Time, &v.Days} {
				if f.Name == field {
					f.Error = l.T(key)
				}
			}
		}
		v.Error = l.T("error.invalid")
		return v, err
	}
	cal, err := h.Calendar.Calendar(r.Context())
	if err != nil {
		return v, err
	}
	due, why := cal.AddWorkingDays(start, n, nil)
	v.Due = l.T("calendar.due_at", calendar.WeekdayName(due.Weekday(), l.Lang), due.Format("02/01/2006"), due.Format("15:04"))
	v.DueISO = due.Format(time.RFC3339)
	v.Explanation = why.Text(l.Lang)
	return v, nil
}

// parseCalc checks the calculator's fields and returns the time of receipt
// and the limit in working days, or an Invalid error naming the fields.
func parseCalc(v *calcView) (time.Time, int, error) {
	var fe errs.FieldErrors
	date, err := calendar.ParseDate(v.Received.Value)
	switch {
	case err != nil:
		fe.Add("received", "field.date")
	case date.Year < workcal.MinYear || date.Year > workcal.MaxYear:
		fe.Add("received", "calendar.year_range")
	}
	clock, err := time.Parse("15:04", v.Time.Value)
	if err != nil {
		if clock, err = time.Parse("15:04:05", v.Time.Value); err != nil {
			fe.Add("time", "calendar.time_invalid")
		}
	}
	n, err := strconv.Atoi(v.Days.Value)
	if err != nil || n < 0 || n > maxCalcDays {
		fe.Add("days", "calendar.days_range")
	}
	if err := fe.Err("public.parseCalc"); err != nil {
		return time.Time{}, 0, err
	}
	offset := time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute
	return date.At(offset), n, nil
}

// param trims a query value and caps its length, since it is shown back
// in the form.
func param(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 32 {
		s = strings.ToValidUTF8(s[:32], "")
	}
	return s
}
