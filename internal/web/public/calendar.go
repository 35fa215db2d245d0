package public

import (
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/workcal"
)

// calendarView is the data of the calendar page of one year.
type calendarView struct {
	Year       int
	Base       string // the calendar URL in this language, without a year
	Prev, Next int    // the neighbouring years; 0 past the range
	Days       []calendarDay
	Weekends   int // plain weekend days, shown only as a count
	Calc       calcView
}

// calendarDay is one row of the table: a day that is not an ordinary
// weekend day.
type calendarDay struct {
	ISO, Date, Weekday, Name, Kind, Note string
	Working                              bool // a make-up working day
}

// CalendarSitemap is the sitemap section of the calendar page.
func CalendarSitemap(*http.Request) ([][2]string, error) {
	return [][2]string{{"/lich-nghi", "/en/holidays"}}, nil
}

func calendarPath(lang string) string {
	if lang == "en" {
		return "/holidays"
	}
	return "/lich-nghi"
}

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

// calendarPage lists a year's holidays, compensatory and extra days off and
// make-up working days, explains the rules and offers the due date
// calculator. Without a year it shows the current year in Vietnam; a year
// outside 2000–2100 or not written as four digits is NotFound.
func (h *Handlers) calendarPage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	y := time.Now().In(calendar.Zone()).Year()
	if s := r.PathValue("year"); s != "" {
		if !yearRE.MatchString(s) {
			h.Render.Error(w, r, errs.E("public.calendarPage", errs.NotFound))
			return
		}
		y, _ = strconv.Atoi(s)
	}
	days, err := h.Calendar.NonWorkingDays(r.Context(), y)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := calendarView{Year: y, Base: l.Prefix() + calendarPath(l.Lang)}
	if y > workcal.MinYear {
		v.Prev = y - 1
	}
	if y < workcal.MaxYear {
		v.Next = y + 1
	}
	for _, d := range days {
		if d.Kind == calendar.Weekend {
			v.Weekends++
			continue
		}
		v.Days = append(v.Days, calendarDay{
			ISO: d.Date.String(), Date: d.Date.At(0).Format("02/01/2006"),
			Weekday: calendar.WeekdayName(d.Date.Weekday(), l.Lang), Name: d.Name(l.Lang),
			Kind: l.T("calendar.kind." + string(d.Kind)), Note: d.Note, Working: d.Kind.Working(),
		})
	}
	status := http.StatusOK
	if v.Calc, err = h.calculate(r, l); err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Render.Error(w, r, err)
			return
		}
		status = http.StatusUnprocessableEntity
	}
	title := l.T("calendar.title", y)
	h.Render.HTML(w, r, status, "calendar", &httpx.Page{
		L: l, Title: title, Description: l.T("calendar.intro", y), Canonical: h.canonical(r),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: title}},
		Data:   v,
	})
}
