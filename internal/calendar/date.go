package calendar

import (
	"fmt"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// ict is Vietnam's civil time, UTC+7 all year (no daylight saving), as a
// fixed zone so that the package does not depend on the tzdata database.
var ict = time.FixedZone("ICT", 7*3600)

// Zone returns Vietnam's time zone (UTC+7, named "ICT"). Every time.Time the
// package returns is in this zone; times given to it may be in any zone.
func Zone() *time.Location { return ict }

// Date is a civil date (a day on the wall calendar) with no time zone. The
// zero Date is not a valid date; IsZero reports it. Dates are comparable
// with == when both are normalised (as every Date the package returns is).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalising out-of-range values the way
// time.Date does (so NewDate(2025, 2, 29) is 2025-03-01).
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// DateOf returns the civil date of t in Vietnam (UTC+7), whatever t's zone.
func DateOf(t time.Time) Date {
	y, m, d := t.In(ict).Date()
	return Date{y, m, d}
}

// ParseDate parses s in the layout "2006-01-02". It returns an errs.Invalid
// error with key "field.date" when s is not a valid date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, errs.E("calendar.ParseDate", errs.Invalid, "field.date", err)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String formats d as "2006-01-02".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d names a real day (month 1–12, day within the
// month). Dates built by NewDate, DateOf and ParseDate are always valid.
func (d Date) IsValid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month - e.Month))
	}
	return sign(d.Day - e.Day)
}

// AddDays returns the date n days after d (before it if n < 0).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + n) }

// Sub returns the number of days from e to d (negative if d is before e).
func (d Date) Sub(e Date) int { return d.days() - e.days() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// YearDay returns the day of the year of d, 1 for 1 January.
func (d Date) YearDay() int { return d.days() - daysFromCivil(d.Year, 1, 1) + 1 }

// At returns the instant at the given clock time (offset from midnight) on d
// in Vietnam's zone.
func (d Date) At(clock time.Duration) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, ict).Add(clock)
}

// MarshalText formats d as "2006-01-02" (so Date encodes as a JSON string).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses "2006-01-02"; it returns ParseDate's error.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// days returns d as a day number: days since 1970-01-01.
func (d Date) days() int { return daysFromCivil(d.Year, int(d.Month), d.Day) }

func dateFromDays(n int) Date {
	y, m, d := civilFromDays(n)
	return Date{y, time.Month(m), d}
}

// daysFromCivil and civilFromDays convert between proleptic Gregorian dates
// and day numbers (days since 1970-01-01), after H. Hinnant's
// "chrono-compatible low-level date algorithms": a year starts in March, so
// the leap day is the last day of the shifted year.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(n int) (y, m, d int) {
	n += 719468
	era := floorDiv(n, 146097)
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// weekdayOf returns the weekday of day number n (1970-01-01 was a Thursday).
func weekdayOf(n int) time.Weekday { return time.Weekday(floorMod(n+4, 7)) }

func daysIn(y int, m time.Month) int {
	if m == time.February {
		if isLeap(y) {
			return 29
		}
		return 28
	}
	return 30 + int((m+m/8)%2)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
