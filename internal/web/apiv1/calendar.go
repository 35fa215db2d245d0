package apiv1

import (
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/errs"
)

// CalendarYear is the special days of one year in API responses.
type CalendarYear struct {
	Year int           `json:"year"`
	Days []CalendarDay `json:"days"`
}

// CalendarDay is one special day: a weekend day, a holiday, a compensatory
// or extra day off, or a swapped (make-up) working day.
type CalendarDay struct {
	Date   string `json:"date"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
	Kind   string `json:"kind"`
	Note   string `json:"note,omitempty"`
}

// getCalendar answers GET /api/v1/calendar/{year}: every weekend day,
// holiday, compensatory and extra day off and swapped working day of the
// year, in date order. A year that is not an integer is 422; one outside
// 2000–2100 is 404.
func (h *Handlers) getCalendar(w http.ResponseWriter, r *http.Request) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.Render.Error(w, r, errs.E("apiv1.getCalendar", errs.Invalid, map[string]string{"year": "field.number"}, err))
		return
	}
	days, err := h.Calendar.NonWorkingDays(r.Context(), y)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	out := CalendarYear{Year: y, Days: make([]CalendarDay, len(days))}
	for i, d := range days {
		out.Days[i] = CalendarDay{Date: d.Date.String(), NameVI: d.NameVI, NameEN: d.NameEN, Kind: string(d.Kind), Note: d.Note}
	}
	public(w)
	h.Render.JSON(w, r, http.StatusOK, out)
}
