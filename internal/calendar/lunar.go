package calendar

import (
	"fmt"
	"math"
)

// LunarDate is a date of the Vietnamese lunisolar calendar (âm lịch). Year
// is the Gregorian year in which the lunar year begins (Tết of lunar year
// 2025 is 2025-01-29); Leap marks the intercalary month (tháng nhuận), which
// repeats the number of the month before it.
type LunarDate struct {
	Year  int
	Month int // 1–12
	Day   int // 1–30
	Leap  bool
}

// String formats l as "day/month/year", with " (nhuận)" after a leap month.
func (l LunarDate) String() string {
	s := fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
	if l.Leap {
		s += " (nhuận)"
	}
	return s
}

// SolarToLunar converts a Gregorian date to the Vietnamese lunar calendar.
//
// The rules are those of the Chinese calendar computed for Vietnam's time
// zone (UTC+7), as described by Hồ Ngọc Đức: a month begins on the civil day
// of a new moon; the month containing the winter solstice is month 11; when
// 13 months separate two months 11, the first month after month 11 that
// contains no major solar term is the leap month. Tests check it against
// the published dates of Tết and Hùng Kings' day for 2015–2035 and for
// consistency on every day of 1900–2100; outside 1800–2200 the astronomy
// loses precision.
func SolarToLunar(d Date) LunarDate {
	jdn := d.days() + unixJDN
	k := lunationBefore(jdn) + 1
	start := newMoonDay(k)
	// Estimated from the mean lunation, k+1 and even k may start after jdn
	// when the true new moon is late (e.g. for 2054-05-07): step back.
	for start > jdn {
		k--
		start = newMoonDay(k)
	}
	year, a11, b11 := d.Year, 0, month11(d.Year)
	if b11 >= start {
		a11 = month11(d.Year - 1)
	} else {
		year++
		a11, b11 = b11, month11(d.Year+1)
	}
	return lunarFrom(jdn, start, a11, b11, year)
}

// lunarFrom names the day jdn, in the month starting on day start, counting
// months from a11 (the first day of the month 11 before it); b11 is the
// next month 11 and year the lunar year that ends before b11's year ends.
func lunarFrom(jdn, start, a11, b11, year int) LunarDate {
	off := (start - a11) / 29 // months since month 11
	l := LunarDate{Year: year, Day: jdn - start + 1, Month: off + 11}
	if b11-a11 > 365 {
		leap := leapOffset(a11)
		if off >= leap {
			l.Month = off + 10
			l.Leap = off == leap
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && off < 4 {
		l.Year--
	}
	return l
}

// LunarToSolar converts a lunar date to the Gregorian calendar. ok is false
// when l does not exist: a month out of 1–12, a day out of 1–30 or the 30th
// of a 29-day month, or Leap set on a month that is not leap that year.
func LunarToSolar(l LunarDate) (d Date, ok bool) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return Date{}, false
	}
	a11, b11 := month11(l.Year-1), month11(l.Year)
	if l.Month >= 11 {
		a11, b11 = b11, month11(l.Year+1)
	}
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leap := leapOffset(a11)
		leapMonth := (leap+10-1)%12 + 1 // the month number the leap month repeats
		if l.Leap && l.Month != leapMonth {
			return Date{}, false
		}
		if l.Leap || off >= leap {
			off++
		}
	} else if l.Leap {
		return Date{}, false
	}
	start := newMoonDay(lunationAt(a11) + off)
	d = dateFromDays(start + l.Day - 1 - unixJDN)
	if l.Day == 30 && SolarToLunar(d) != l {
		return Date{}, false
	}
	return d, true
}

// LunarNewYear returns the Gregorian date of Tết Nguyên đán (the 1st day of
// the 1st lunar month) of the lunar year that begins in Gregorian year y.
func LunarNewYear(y int) Date {
	d, _ := LunarToSolar(LunarDate{Year: y, Month: 1, Day: 1})
	return d
}

// month11 returns the Julian day number of the first day of lunar month 11
// (the month containing the winter solstice) of Gregorian year y.
func month11(y int) int {
	off := daysFromCivil(y, 12, 31) + unixJDN - 2415021
	k := int(math.Floor(float64(off) / synodicMonth))
	nm := newMoonDay(k)
	if solarTerm(nm) >= 9 { // the solstice came before this month began
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset returns the position, counted in months after the month 11
// starting on day a11, of the first month with no major solar term: the
// leap month of a 13-month year. It is meaningful only for such years.
func leapOffset(a11 int) int {
	k := lunationAt(a11)
	i := 1
	term := solarTerm(newMoonDay(k + i))
	for i < 14 {
		i++
		next := solarTerm(newMoonDay(k + i))
		if next == term {
			break
		}
		term = next
	}
	return i - 1
}
