package calendar

import (
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
)

// OverrideKind says what an Override does to its date.
type OverrideKind string

// The kinds of overrides an administrator records from the government's
// yearly announcements.
const (
	// DayOff makes the date a day off (Kind Extra), e.g. the weekday given
	// off in exchange for a make-up Saturday.
	DayOff OverrideKind = "day_off"
	// WorkingDay makes the date a working day: a rest day becomes Swapped,
	// a holiday or compensatory day becomes an ordinary working day.
	WorkingDay OverrideKind = "working_day"
	// RemoveHoliday removes the holiday on the date, or if there is none
	// the compensatory day (the date becomes what its weekday makes it),
	// e.g. to move a Tết day. A removed holiday earns no compensatory day.
	RemoveHoliday OverrideKind = "remove_holiday"
	// AddHoliday makes the date a public holiday (Kind Holiday), counted
	// like a built-in one: on a rest day it earns a compensatory day. It
	// places announced Tết days; NameVI is required.
	AddHoliday OverrideKind = "holiday"
)

// Valid reports whether k is one of the kinds.
func (k OverrideKind) Valid() bool {
	switch k {
	case DayOff, WorkingDay, RemoveHoliday, AddHoliday:
		return true
	}
	return false
}

// Override changes one date of the built-in calendar. Overrides belong to
// the year of their Date; within a year they apply in stages: AddHoliday and
// RemoveHoliday to the holidays, in the order given; then compensatory days
// are derived; then DayOff, WorkingDay and the RemoveHoliday overrides that
// found no holiday (removing a compensatory day), in the order given, the
// later winning on the same date.
type Override struct {
	Date   Date
	Kind   OverrideKind
	NameVI string // shown for the day; defaults depend on Kind
	NameEN string
	Note   string // e.g. the announcing document, "Thông báo 6150/TB-BLĐTBXH"
}

// Validate checks an override as an administrator enters it. It returns an
// errs.Invalid error whose fields (date, kind, name_vi, name_en, note) carry
// translation keys, or nil.
func (o Override) Validate() error {
	var f errs.FieldErrors
	if !o.Date.IsValid() {
		f.Add("date", "field.date")
	}
	if !o.Kind.Valid() {
		f.Add("kind", "field.choose")
	}
	if o.Kind == AddHoliday && strings.TrimSpace(o.NameVI) == "" {
		f.Add("name_vi", "field.required")
	}
	checkLen(&f, "name_vi", o.NameVI, 200)
	checkLen(&f, "name_en", o.NameEN, 200)
	checkLen(&f, "note", o.Note, 1000)
	return f.Err("calendar.Override.Validate")
}

func checkLen(f *errs.FieldErrors, field, v string, limit int) {
	switch {
	case !utf8.ValidString(v):
		f.Add(field, "field.invalid_text")
	case utf8.RuneCountInString(v) > limit:
		f.Add(field, "field.too_long")
	}
}

// named returns the override's names, or the defaults when NameVI is empty.
func (o Override) named(vi, en string) (string, string) {
	if strings.TrimSpace(o.NameVI) == "" {
		return vi, en
	}
	if strings.TrimSpace(o.NameEN) == "" {
		return o.NameVI, o.NameVI
	}
	return o.NameVI, o.NameEN
}

// groupByYear splits valid overrides by the year of their date, keeping
// their order; invalid ones are dropped.
func groupByYear(overrides []Override) map[int][]Override {
	out := map[int][]Override{}
	for _, o := range overrides {
		if o.Validate() == nil {
			out[o.Date.Year] = append(out[o.Date.Year], o)
		}
	}
	return out
}
