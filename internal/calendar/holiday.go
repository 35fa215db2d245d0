package calendar

import "slices"

// NationalDayRule chooses the day joined to National Day (2 September):
// Labour Code 2019 art. 112(1)(đ) gives "2 September and one adjacent day,
// before or after", and the government picks which every year.
type NationalDayRule string

// The rules for the day adjacent to National Day.
const (
	// NationalDayJoinWeekend (the default, also the zero value "") takes an
	// adjacent day that is not a rest day, on the side that joins the break
	// to a weekend: if 1 September is a rest day, 3 September; else if 3
	// September is, 1 September; else 1 September when 31 August is a rest
	// day; else 3 September. With a Monday–Friday week, 2 Sep on Mon→3,
	// Tue→1, Wed→3, Thu→3, Fri→1, Sat→1, Sun→3, which matches the days
	// announced for 2021–2025.
	NationalDayJoinWeekend NationalDayRule = "join_weekend"
	// NationalDayBefore always takes 1 September.
	NationalDayBefore NationalDayRule = "before"
	// NationalDayAfter always takes 3 September.
	NationalDayAfter NationalDayRule = "after"
)

// Valid reports whether r is one of the rules (or "", the default).
func (r NationalDayRule) Valid() bool {
	switch r {
	case "", NationalDayJoinWeekend, NationalDayBefore, NationalDayAfter:
		return true
	}
	return false
}

// Years from which the rules of the current law apply.
const (
	hungKingsSince    = 2007 // a paid holiday since the Labour Code amendment of 2007
	twoDayNationalDay = 2021 // Labour Code 2019 took effect on 1 January 2021
)

// Names of the statutory holidays.
const (
	newYearVI     = "Tết Dương lịch"
	newYearEN     = "New Year's Day"
	tetVI         = "Tết Nguyên đán"
	tetEN         = "Tết holiday"
	hungKingsVI   = "Giỗ Tổ Hùng Vương"
	hungKingsEN   = "Hùng Kings' Commemoration Day"
	victoryVI     = "Ngày Chiến thắng"
	victoryEN     = "Reunification Day"
	labourVI      = "Ngày Quốc tế Lao động"
	labourEN      = "International Labour Day"
	nationalDayVI = "Quốc khánh"
	nationalDayEN = "National Day"
)

// statutoryHolidays returns the public holidays of year y under the
// default rules, in date order. Tết is the last day of the old lunar year
// and the first four days of the new one; the actual spread is announced
// every year and set with overrides (see TetOverrides).
func (c *Calendar) statutoryHolidays(y int) []Day {
	hol := func(d Date, vi, en string) Day { return Day{Date: d, Kind: Holiday, NameVI: vi, NameEN: en} }
	out := []Day{hol(NewDate(y, 1, 1), newYearVI, newYearEN)}
	for _, d := range tetDays(y, 1) {
		out = append(out, hol(d, tetVI, tetEN))
	}
	if d, ok := LunarToSolar(LunarDate{Year: y, Month: 3, Day: 10}); ok && y >= hungKingsSince {
		out = append(out, hol(d, hungKingsVI, hungKingsEN))
	}
	out = append(out,
		hol(NewDate(y, 4, 30), victoryVI, victoryEN),
		hol(NewDate(y, 5, 1), labourVI, labourEN))
	sep2 := NewDate(y, 9, 2)
	days := []Date{sep2}
	if y >= twoDayNationalDay {
		days = append(days, c.nationalDayAdjacent(sep2))
	}
	if days[len(days)-1].Before(days[0]) {
		days[0], days[1] = days[1], days[0]
	}
	for _, d := range days {
		out = append(out, hol(d, nationalDayVI, nationalDayEN))
	}
	return out
}

// tetDays returns the five Tết days of the lunar year starting in y:
// before days before the lunar new year and 5−before from it on.
func tetDays(y, before int) []Date {
	first := LunarNewYear(y).AddDays(-before)
	out := make([]Date, 5)
	for i := range out {
		out[i] = first.AddDays(i)
	}
	return out
}

// nationalDayAdjacent applies the calendar's NationalDayRule to 2 September.
func (c *Calendar) nationalDayAdjacent(sep2 Date) Date {
	before, after := sep2.AddDays(-1), sep2.AddDays(1)
	switch c.opts.NationalDay {
	case NationalDayBefore:
		return before
	case NationalDayAfter:
		return after
	}
	switch {
	case c.isRest(before.Weekday()):
		return after
	case c.isRest(after.Weekday()):
		return before
	case c.isRest(before.AddDays(-1).Weekday()):
		return before
	}
	return after
}

// TetOverrides returns the overrides that place the five Tết days of the
// lunar year starting in y so that before of them (0–4) precede the lunar
// new year, as the government's yearly announcement does (for 2024 and
// 2025: two days before, three from Tết on). They remove the default days
// left out and add the new ones; store them with the year's other
// overrides. before = 1, the default spread, gives none.
func TetOverrides(y, before int) []Override {
	before = min(max(before, 0), 4)
	def, want := tetDays(y, 1), tetDays(y, before)
	var out []Override
	for _, d := range def {
		if !slices.Contains(want, d) {
			out = append(out, Override{Date: d, Kind: RemoveHoliday})
		}
	}
	for _, d := range want {
		if !slices.Contains(def, d) {
			out = append(out, Override{Date: d, Kind: AddHoliday, NameVI: tetVI, NameEN: tetEN})
		}
	}
	return out
}
