package calendar

import "sort"

// yearSet holds the special days of one year: a bitset of the days off for
// the hot path and the sorted entries for names.
type yearSet struct {
	first   int       // day number of 1 January
	length  int       // 365 or 366
	off     [6]uint64 // bit i: day first+i is not a working day
	special []Day     // holiday, compensatory, extra and swapped days, sorted
}

// contains reports whether day number n is in the set's year.
func (s *yearSet) contains(n int) bool { return n >= s.first && n < s.first+s.length }

// isOff reports whether day number n (which must be in the year) is off.
func (s *yearSet) isOff(n int) bool {
	i := n - s.first
	return s.off[i>>6]&(1<<(i&63)) != 0
}

// entry returns the special entry at d, if any.
func (s *yearSet) entry(d Date) (Day, bool) {
	i := sort.Search(len(s.special), func(i int) bool { return !s.special[i].Date.Before(d) })
	if i < len(s.special) && s.special[i].Date == d {
		return s.special[i], true
	}
	return Day{}, false
}

// newYearSet builds the set of year y from its special days.
func (c *Calendar) newYearSet(y int, days map[int]Day) *yearSet {
	s := &yearSet{first: daysFromCivil(y, 1, 1), length: 365}
	if isLeap(y) {
		s.length = 366
	}
	for i := range s.length {
		n := s.first + i
		e, special := days[n]
		off := c.isRest(weekdayOf(n))
		if special {
			off = !e.Kind.Working()
			s.special = append(s.special, e)
		}
		if off {
			s.off[i>>6] |= 1 << (i & 63)
		}
	}
	return s
}

// buildYear computes the special days of year y in three stages: the
// statutory holidays with the AddHoliday and RemoveHoliday overrides; the
// compensatory days they earn; then the DayOff and WorkingDay overrides,
// and the RemoveHoliday ones that found no holiday, in order.
func (c *Calendar) buildYear(y int) *yearSet {
	days := map[int]Day{}
	for _, h := range c.statutoryHolidays(y) {
		days[h.Date.days()] = h
	}
	removed := map[int]bool{} // dates whose RemoveHoliday removed a holiday
	for _, o := range c.overrides[y] {
		n := o.Date.days()
		switch _, isHoliday := days[n]; {
		case o.Kind == AddHoliday:
			vi, en := o.named(holidayVI, holidayEN)
			days[n] = Day{Date: o.Date, Kind: Holiday, NameVI: vi, NameEN: en, Note: o.Note}
		case o.Kind == RemoveHoliday && isHoliday:
			delete(days, n)
			removed[n] = true
		}
	}
	c.addCompensatory(y, days)
	c.applyDayOverrides(y, days, removed)
	return c.newYearSet(y, days)
}

// addCompensatory gives each holiday that falls on a weekly rest day a
// compensatory day on the next working weekday that is not itself a
// holiday or a DayOff (Labour Code 2019 art. 111(3)). Days are owed in
// order, so a block of holidays (Tết) is followed by all the days it
// earned. Holidays added in December of the year before may owe days in y.
func (c *Calendar) addCompensatory(y int, days map[int]Day) {
	dayOff := map[int]bool{}
	for _, o := range c.overrides[y] {
		if o.Kind == DayOff {
			dayOff[o.Date.days()] = true
		}
	}
	owed := c.owedFromDecember(y - 1)
	jan1, next := daysFromCivil(y, 1, 1), daysFromCivil(y+1, 1, 1)
	for n := jan1; n < next; n++ {
		h, isHoliday := days[n]
		rest := c.isRest(weekdayOf(n))
		switch {
		case isHoliday && rest:
			owed = append(owed, h)
		case isHoliday || rest || dayOff[n] || len(owed) == 0:
		default:
			days[n] = compensatoryFor(owed[0], dateFromDays(n))
			owed = owed[1:]
		}
	}
}

// owedFromDecember returns the holidays of December of year y, added by
// overrides (no built-in holiday falls in December), that fall on a rest
// day and are not compensated within December.
func (c *Calendar) owedFromDecember(y int) []Day {
	var owed []Day
	for n := daysFromCivil(y, 12, 1); n < daysFromCivil(y+1, 1, 1); n++ {
		h, isHoliday := c.decemberHoliday(y, n)
		rest := c.isRest(weekdayOf(n))
		switch {
		case isHoliday && rest:
			owed = append(owed, h)
		case isHoliday || rest || len(owed) == 0:
		default:
			owed = owed[1:]
		}
	}
	return owed
}

// decemberHoliday returns the holiday an override of year y puts on day
// number n, if the last override on that date adds one.
func (c *Calendar) decemberHoliday(y, n int) (Day, bool) {
	var h Day
	found := false
	for _, o := range c.overrides[y] {
		if o.Date.days() != n {
			continue
		}
		vi, en := o.named(holidayVI, holidayEN)
		h, found = Day{Date: o.Date, Kind: Holiday, NameVI: vi, NameEN: en}, o.Kind == AddHoliday
	}
	return h, found
}

// applyDayOverrides applies the DayOff and WorkingDay overrides of year y
// in order, and the RemoveHoliday ones that found no holiday to remove
// (removed) to the compensatory days.
func (c *Calendar) applyDayOverrides(y int, days map[int]Day, removed map[int]bool) {
	for _, o := range c.overrides[y] {
		n := o.Date.days()
		cur, exists := days[n]
		switch o.Kind {
		case DayOff:
			if exists && !cur.Kind.Working() {
				continue // already a day off; keep its name
			}
			vi, en := o.named(dayOffVI, dayOffEN)
			days[n] = Day{Date: o.Date, Kind: Extra, NameVI: vi, NameEN: en, Note: o.Note}
		case WorkingDay:
			delete(days, n)
			if c.isRest(o.Date.Weekday()) {
				vi, en := o.named(makeUpVI, makeUpEN)
				days[n] = Day{Date: o.Date, Kind: Swapped, NameVI: vi, NameEN: en, Note: o.Note}
			}
		case RemoveHoliday:
			if exists && cur.Kind == Compensatory && !removed[n] {
				delete(days, n)
			}
		}
	}
}
