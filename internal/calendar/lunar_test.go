package calendar

import "testing"

// Published Gregorian dates of Tết (lunar 1/1) and of Hùng Kings' day
// (lunar 10/3) in Vietnam, 2015–2035. Tết 2030 is 2 February in Vietnam
// (the new moon is at 16:07 UT, 23:07 in Hanoi and 00:07 on the 3rd in
// Beijing), one day before the Chinese New Year.
var lunarTable = []struct {
	year          int
	tet, hungKing string
}{
	{2015, "2015-02-19", "2015-04-28"},
	{2016, "2016-02-08", "2016-04-16"},
	{2017, "2017-01-28", "2017-04-06"},
	{2018, "2018-02-16", "2018-04-25"},
	{2019, "2019-02-05", "2019-04-14"},
	{2020, "2020-01-25", "2020-04-02"},
	{2021, "2021-02-12", "2021-04-21"},
	{2022, "2022-02-01", "2022-04-10"},
	{2023, "2023-01-22", "2023-04-29"}, // leap 2nd month: Hùng Kings' day is late
	{2024, "2024-02-10", "2024-04-18"},
	{2025, "2025-01-29", "2025-04-07"},
	{2026, "2026-02-17", "2026-04-26"},
	{2027, "2027-02-06", "2027-04-16"},
	{2028, "2028-01-26", "2028-04-04"},
	{2029, "2029-02-13", "2029-04-23"},
	{2030, "2030-02-02", "2030-04-12"},
	{2031, "2031-01-23", "2031-04-01"},
	{2032, "2032-02-11", "2032-04-19"},
	{2033, "2033-01-31", "2033-04-09"},
	{2034, "2034-02-19", "2034-04-28"},
	{2035, "2035-02-08", "2035-04-17"},
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTetAndHungKingsDates(t *testing.T) {
	for _, tc := range lunarTable {
		tet, hung := mustDate(t, tc.tet), mustDate(t, tc.hungKing)
		if got := LunarNewYear(tc.year); got != tet {
			t.Errorf("Tết %d = %v, want %v", tc.year, got, tet)
		}
		if got := SolarToLunar(tet); got != (LunarDate{Year: tc.year, Month: 1, Day: 1}) {
			t.Errorf("SolarToLunar(%v) = %v", tet, got)
		}
		if got, ok := LunarToSolar(LunarDate{Year: tc.year, Month: 3, Day: 10}); !ok || got != hung {
			t.Errorf("Hùng Kings %d = %v %v, want %v", tc.year, got, ok, hung)
		}
		if got := SolarToLunar(hung); got != (LunarDate{Year: tc.year, Month: 3, Day: 10}) {
			t.Errorf("SolarToLunar(%v) = %v", hung, got)
		}
	}
}

// Years in which Vietnam's Tết differs from China's, because the new moon
// falls between 16:00 and 17:00 UT, and well-known anchors.
func TestTetDiffersFromChina(t *testing.T) {
	for _, tc := range []struct {
		year int
		tet  string // Vietnam; China's is in the comment
	}{
		{1968, "1968-01-29"}, // China 1968-01-30 (the Tết Offensive date confusion)
		{1985, "1985-01-21"}, // China 1985-02-20: a month earlier in Vietnam
		{2007, "2007-02-17"}, // China 2007-02-18
		{2030, "2030-02-02"}, // China 2030-02-03
		{1900, "1900-01-31"},
		{2100, "2100-02-09"},
	} {
		if got := LunarNewYear(tc.year); got != mustDate(t, tc.tet) {
			t.Errorf("Tết %d = %v, want %s", tc.year, got, tc.tet)
		}
	}
}

func TestLeapMonths(t *testing.T) {
	for _, tc := range []struct {
		year, month int
		first       string // first day of the leap month
	}{
		{2017, 6, "2017-07-23"},
		{2020, 4, "2020-05-23"},
		{2023, 2, "2023-03-22"},
		{2025, 6, "2025-07-25"},
	} {
		l := LunarDate{Year: tc.year, Month: tc.month, Day: 1, Leap: true}
		if got, ok := LunarToSolar(l); !ok || got != mustDate(t, tc.first) {
			t.Errorf("LunarToSolar(%v) = %v %v, want %s", l, got, ok, tc.first)
		}
		if got := SolarToLunar(mustDate(t, tc.first)); got != l {
			t.Errorf("SolarToLunar(%s) = %v", tc.first, got)
		}
	}
}

func TestLunarToSolarRejectsMissingDates(t *testing.T) {
	for _, l := range []LunarDate{
		{Year: 2025, Month: 5, Day: 1, Leap: true}, // 2025 leaps the 6th month
		{Year: 2024, Month: 6, Day: 1, Leap: true}, // 2024 has no leap month
		{Year: 2025, Month: 13, Day: 1},
		{Year: 2025, Month: 1, Day: 0},
		{Year: 2025, Month: 1, Day: 31},
		{Year: 2024, Month: 12, Day: 30}, // the 12th month of 2024 has 29 days
	} {
		if d, ok := LunarToSolar(l); ok {
			t.Errorf("LunarToSolar(%v) = %v, want not ok", l, d)
		}
	}
}

// TestLunarCalendarConsistent walks every day of 1900–2100 and checks that
// lunar dates advance one day at a time, that months have 29 or 30 days and
// follow each other (a leap month repeating the month before it), that
// years have 12 or 13 months, and that LunarToSolar inverts SolarToLunar.
func TestLunarCalendarConsistent(t *testing.T) {
	d, end := NewDate(1900, 1, 31), NewDate(2101, 1, 1)
	prev := SolarToLunar(d.AddDays(-1))
	// Start as if the year before 1900's Tết were complete with 12 months.
	monthsInYear, monthLen := 11, prev.Day
	for ; d.Before(end); d = d.AddDays(1) {
		l := SolarToLunar(d)
		if l.Day != 1 {
			if l.Day != prev.Day+1 || l.Month != prev.Month || l.Leap != prev.Leap || l.Year != prev.Year {
				t.Fatalf("%v: %v follows %v", d, l, prev)
			}
		} else {
			checkMonthStart(t, d, prev, l, monthLen, &monthsInYear)
			monthLen = 0
		}
		monthLen++
		if back, ok := LunarToSolar(l); !ok || back != d {
			t.Fatalf("LunarToSolar(%v) = %v %v, want %v", l, back, ok, d)
		}
		prev = l
	}
}

func checkMonthStart(t *testing.T, d Date, prev, l LunarDate, monthLen int, monthsInYear *int) {
	t.Helper()
	if monthLen != 29 && monthLen != 30 || prev.Day != monthLen {
		t.Fatalf("%v: month before %v has %d days (last %v)", d, l, monthLen, prev)
	}
	switch {
	case l.Leap && (l.Month != prev.Month || prev.Leap):
		t.Fatalf("%v: leap %v after %v", d, l, prev)
	case !l.Leap && l.Month != prev.Month%12+1:
		t.Fatalf("%v: %v after %v", d, l, prev)
	}
	*monthsInYear++
	if l.Month == 1 && !l.Leap {
		if *monthsInYear != 12 && *monthsInYear != 13 {
			t.Fatalf("%v: lunar year %d had %d months", d, prev.Year, *monthsInYear)
		}
		if l.Year != prev.Year+1 {
			t.Fatalf("%v: year %d after %d", d, l.Year, prev.Year)
		}
		*monthsInYear = 0
	}
}
