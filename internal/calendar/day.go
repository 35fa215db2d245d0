package calendar

import "strings"

// Kind says why a day is special: why it is not a working day or, for
// Swapped, why a weekend day is one.
type Kind string

// The kinds of special days.
const (
	Weekend      Kind = "weekend"      // a weekly rest day (Saturday, Sunday by default)
	Holiday      Kind = "holiday"      // a public holiday (Labour Code 2019, art. 112(1))
	Compensatory Kind = "compensatory" // a day off for a holiday on a rest day (art. 111(3))
	Extra        Kind = "extra"        // a day off announced by the government (e.g. a swap)
	Swapped      Kind = "swapped"      // a rest day declared a working day (make-up day)
)

// Working reports whether a day of kind k is a working day: true only for
// Swapped.
func (k Kind) Working() bool { return k == Swapped }

// Day is a special day of the calendar with its names for display.
type Day struct {
	Date   Date
	Kind   Kind
	NameVI string // e.g. "Tết Nguyên đán"
	NameEN string // e.g. "Tết holiday"
	Note   string // from the override that made the day, if any
}

// Name returns the day's name in lang: English for a tag starting with
// "en", Vietnamese otherwise.
func (d Day) Name(lang string) string {
	if isEnglish(lang) {
		return d.NameEN
	}
	return d.NameVI
}

// Names of the days the rules create. Holidays keep the names of the Labour
// Code; a compensatory day is named after the holiday that earned it.
const (
	weekendVI    = "Nghỉ cuối tuần"
	weekendEN    = "Weekend"
	dayOffVI     = "Ngày nghỉ"
	dayOffEN     = "Day off"
	makeUpVI     = "Ngày làm việc bù"
	makeUpEN     = "Make-up working day"
	holidayVI    = "Ngày lễ"
	holidayEN    = "Public holiday"
	compPrefixVI = "Nghỉ bù "
	compPrefixEN = "Compensatory day off for "
)

func weekendDay(d Date) Day {
	return Day{Date: d, Kind: Weekend, NameVI: weekendVI, NameEN: weekendEN}
}

func compensatoryFor(h Day, d Date) Day {
	return Day{Date: d, Kind: Compensatory, NameVI: compPrefixVI + h.NameVI, NameEN: compPrefixEN + h.NameEN}
}

func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "en")
}
