package calendar

import (
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// Period is a span of working hours within a day, as offsets from midnight:
// [Start, End).
type Period struct {
	Start, End time.Duration
}

// Options configures a Calendar. The zero value means the defaults.
type Options struct {
	// Hours are the working periods of every working day, in order and
	// not overlapping. Nil means 08:00–12:00 and 13:00–17:00.
	Hours []Period
	// Weekdays are the working days of the week. Nil means Monday–Friday;
	// the others are weekly rest days (Kind Weekend).
	Weekdays []time.Weekday
	// NationalDay picks the day joined to 2 September; "" means
	// NationalDayJoinWeekend.
	NationalDay NationalDayRule
	// ReceiptCutoff, when not zero, is the time of day from which a
	// dossier received on a working day counts as received at the start of
	// the next working day (some centres use 15:00 or 16:00). Zero means
	// the end of the working day: only dossiers received after hours move.
	ReceiptCutoff time.Duration
}

// DefaultHours returns the default working periods, 08:00–12:00 and
// 13:00–17:00.
func DefaultHours() []Period {
	return []Period{{8 * time.Hour, 12 * time.Hour}, {13 * time.Hour, 17 * time.Hour}}
}

// DefaultWeekdays returns the default working week, Monday to Friday.
func DefaultWeekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
}

// withDefaults returns o with nil fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.Hours == nil {
		o.Hours = DefaultHours()
	}
	if o.Weekdays == nil {
		o.Weekdays = DefaultWeekdays()
	}
	if o.NationalDay == "" {
		o.NationalDay = NationalDayJoinWeekend
	}
	return o
}

// Validate checks o (after defaults) and returns an errs.Invalid error whose
// fields are hours, weekdays, national_day and receipt_cutoff, or nil.
func (o Options) Validate() error {
	o = o.withDefaults()
	var f errs.FieldErrors
	if !validHours(o.Hours) {
		f.Add("hours", "calendar.hours_invalid")
	}
	if len(o.Weekdays) == 0 {
		f.Add("weekdays", "field.required")
	}
	for _, wd := range o.Weekdays {
		if wd < time.Sunday || wd > time.Saturday {
			f.Add("weekdays", "field.choose")
		}
	}
	if !o.NationalDay.Valid() {
		f.Add("national_day", "field.choose")
	}
	if o.ReceiptCutoff < 0 || o.ReceiptCutoff > 24*time.Hour {
		f.Add("receipt_cutoff", "calendar.cutoff_invalid")
	}
	return f.Err("calendar.Options.Validate")
}

// validHours reports whether ps is a non-empty, ordered list of
// non-overlapping periods within one day.
func validHours(ps []Period) bool {
	if len(ps) == 0 {
		return false
	}
	prev := time.Duration(0)
	for _, p := range ps {
		if p.Start < prev || p.End <= p.Start || p.End > 24*time.Hour {
			return false
		}
		prev = p.End
	}
	return true
}
