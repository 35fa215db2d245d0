package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/workcal"
)

// calendarRoutes registers the page of a year's calendar overrides (the
// government's announcements of swapped working days and extra days off):
// the active ones, the history of removed ones, a form to add one and a
// button to remove each. Portal administrators only (the workcal service
// decides).
func calendarRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/lich-nghi", h.staff(h.calendarPage))
	r.Handle("POST /quan-tri/lich-nghi", h.staff(h.calendarAdd))
	r.Handle("POST /quan-tri/lich-nghi/{id}/go", h.staff(h.calendarRemove))
}

const calendarURL = "/quan-tri/lich-nghi"

type calendarView struct {
	Year      int
	Prev      int // the previous year, 0 before the first
	Next      int // the next year, 0 after the last
	PublicURL string
	Active    []overrideRow // in the order they apply
	Removed   []overrideRow // in the order they were added
	Form      httpx.Form
	Fields    []httpx.Field
}

// overrideRow is a stored override as shown.
type overrideRow struct {
	*workcal.Override
	ISO     string // 2006-01-02
	Day     string // 02/01/2006, as dates are written in Vietnam
	Weekday string
	Kind    string // what the override does, translated
	AddedBy string
}

// overrideInput is the add form as typed.
type overrideInput struct {
	Date, Kind, NameVI, NameEN, Note string
}

// calendarPage shows the overrides of ?year= (this year by default).
func (h *Handlers) calendarPage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	y, err := yearParam(r.URL.Query().Get("year"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	st := newFormState(h.localizer(r))
	h.renderCalendar(w, r, http.StatusOK, y, st, overrideInput{})
}

// calendarAdd stores a new override, then shows its year; or re-renders
// the form with its errors.
func (h *Handlers) calendarAdd(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Calendar == nil {
		h.Render.Error(w, r, notConfigured("admin.calendarAdd"))
		return
	}
	in := overrideInput{Date: form(r, "date"), Kind: form(r, "kind"), NameVI: form(r, "name_vi"), NameEN: form(r, "name_en"), Note: form(r, "note")}
	o := calendar.Override{Kind: calendar.OverrideKind(in.Kind), NameVI: in.NameVI, NameEN: in.NameEN, Note: in.Note}
	o.Date, _ = calendar.ParseDate(in.Date) // a bad date stays zero, which the service reports on the field
	_, err := h.Calendar.AddOverride(r.Context(), o)
	if err == nil {
		http.Redirect(w, r, listURL(calendarURL, "year", strconv.Itoa(o.Date.Year), "saved", "1"), http.StatusSeeOther)
		return
	}
	if !isFormMistake(err) {
		h.Render.Error(w, r, err)
		return
	}
	y := o.Date.Year
	if y < workcal.MinYear || y > workcal.MaxYear {
		y, _ = yearParam(form(r, "year"))
	}
	st := newFormState(h.localizer(r))
	st.fail(err)
	h.renderCalendar(w, r, httpx.FormStatus(err), y, st, in)
}

// calendarRemove removes an override (it stays in the history) and
// returns to the year posted with the button.
func (h *Handlers) calendarRemove(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Calendar == nil {
		h.Render.Error(w, r, notConfigured("admin.calendarRemove"))
		return
	}
	id, err := pathID(r, "calendar.override_not_found")
	if err == nil {
		err = h.Calendar.RemoveOverride(r.Context(), id)
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	y, _ := yearParam(form(r, "year"))
	http.Redirect(w, r, listURL(calendarURL, "year", strconv.Itoa(y), "removed", "1"), http.StatusSeeOther)
}

// renderCalendar renders year y's overrides with the add form in st and in.
func (h *Handlers) renderCalendar(w http.ResponseWriter, r *http.Request, status, y int, st *formState, in overrideInput) {
	if h.Calendar == nil {
		h.Render.Error(w, r, notConfigured("admin.renderCalendar"))
		return
	}
	all, err := h.Calendar.History(r.Context(), y)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l := st.l
	v := calendarView{Year: y, PublicURL: "/lich-nghi/" + strconv.Itoa(y), Form: st.form, Fields: overrideFields(st, in)}
	if y > workcal.MinYear {
		v.Prev = y - 1
	}
	if y < workcal.MaxYear {
		v.Next = y + 1
	}
	for _, o := range all {
		if o.Active() {
			v.Active = append(v.Active, newOverrideRow(o, l))
		} else {
			v.Removed = append(v.Removed, newOverrideRow(o, l))
		}
	}
	p := adminPage(l, l.T("admin.calendar_title", y), v)
	p.Flash = calendarFlash(r, l)
	h.Render.HTML(w, r, status, "admin_calendar", p)
}

// newOverrideRow prepares o for display in l's language.
func newOverrideRow(o *workcal.Override, l *i18n.Localizer) overrideRow {
	row := overrideRow{Override: o, ISO: o.Date.String(),
		Day:     fmt.Sprintf("%02d/%02d/%04d", o.Date.Day, int(o.Date.Month), o.Date.Year),
		Weekday: calendar.WeekdayName(o.Date.Weekday(), l.Lang),
		Kind:    l.T("admin.override_kind_" + string(o.Kind)), AddedBy: o.CreatedByName}
	if o.CreatedBy == 0 && (o.CreatedByName == "" || o.CreatedByName == workcal.SeedActor) {
		row.AddedBy = l.T("admin.override_seed")
	}
	return row
}

// overrideFields are the inputs of the add form.
func overrideFields(st *formState, in overrideInput) []httpx.Field {
	kinds := []httpx.Option{{Value: "", Label: st.l.T("admin.override_kind_choose")}}
	for _, k := range []calendar.OverrideKind{calendar.DayOff, calendar.WorkingDay, calendar.RemoveHoliday, calendar.AddHoliday} {
		kinds = append(kinds, httpx.Option{Value: string(k), Label: st.l.T("admin.override_kind_" + string(k))})
	}
	return []httpx.Field{
		st.hinted("date", "admin.override_date", "admin.override_date_hint", "date", in.Date, true),
		st.choice("kind", "admin.override_kind", in.Kind, kinds, true),
		st.hinted("name_vi", "admin.override_name_vi", "admin.override_name_vi_hint", "text", in.NameVI, false),
		st.input("name_en", "admin.override_name_en", "text", in.NameEN, false),
		st.hinted("note", "admin.override_note", "admin.override_note_hint", "textarea", in.Note, false),
	}
}

// yearParam reads a year of the calendar: "" is this year in Vietnam; a
// year outside workcal's range, or not a number, is NotFound.
func yearParam(s string) (int, error) {
	if s == "" {
		return calendar.DateOf(time.Now()).Year, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < workcal.MinYear || y > workcal.MaxYear {
		return calendar.DateOf(time.Now()).Year, errs.E("admin.yearParam", errs.NotFound, "calendar.year_not_found", errs.MsgArgs{workcal.MinYear, workcal.MaxYear})
	}
	return y, nil
}

// calendarFlash is the message of the page reached after a change.
func calendarFlash(r *http.Request, l *i18n.Localizer) string {
	if r.URL.Query().Get("removed") == "1" {
		return l.T("admin.override_removed")
	}
	if r.URL.Query().Get("saved") == "1" {
		return l.T("admin.override_saved")
	}
	return ""
}
