package calendar

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

// special lists the days of a year that are not plain weekends, as
// "2006-01-02 kind", for comparison with a hand-checked list.
func special(c *Calendar, y int) []string {
	var out []string
	for _, d := range c.NonWorkingDays(y) {
		if d.Kind != Weekend {
			out = append(out, d.Date.String()+" "+string(d.Kind))
		}
	}
	return out
}

// d2 abbreviates a list of dates of one year with one kind.
func d2(y int, kind Kind, mmdd ...string) []string {
	out := make([]string, len(mmdd))
	for i, s := range mmdd {
		out[i] = fmt.Sprintf("%d-%s %s", y, s, kind)
	}
	return out
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Official 2024 and 2025 announcements: Tết two days before the new year;
// 2024 swaps Mon 29/4 with Sat 4/5; 2025 swaps Fri 2/5 with Sat 26/4.
var (
	overrides2024 = append(TetOverrides(2024, 2),
		Override{Date: Date{2024, 4, 29}, Kind: DayOff, NameVI: "Nghỉ hoán đổi", NameEN: "Swapped day off"},
		Override{Date: Date{2024, 5, 4}, Kind: WorkingDay})
	overrides2025 = append(TetOverrides(2025, 2),
		Override{Date: Date{2025, 5, 2}, Kind: DayOff},
		Override{Date: Date{2025, 4, 26}, Kind: WorkingDay})
)

func TestHolidaySets(t *testing.T) {
	def := New(Options{}, nil)
	official := New(Options{}, append(overrides2024, overrides2025...))
	for _, tc := range []struct {
		name string
		c    *Calendar
		year int
		want []string
	}{
		{"2018 one-day National Day on Sunday", def, 2018, concat(
			d2(2018, Holiday, "01-01", "02-15", "02-16", "02-17", "02-18", "02-19"),
			d2(2018, Compensatory, "02-20", "02-21"),
			d2(2018, Holiday, "04-25", "04-30", "05-01", "09-02"),
			d2(2018, Compensatory, "09-03"))},
		{"2022 New Year and 30/4–1/5 on a weekend", def, 2022, concat(
			d2(2022, Holiday, "01-01"), d2(2022, Compensatory, "01-03"),
			d2(2022, Holiday, "01-31", "02-01", "02-02", "02-03", "02-04", "04-10"),
			d2(2022, Compensatory, "04-11"),
			d2(2022, Holiday, "04-30", "05-01"), d2(2022, Compensatory, "05-02", "05-03"),
			d2(2022, Holiday, "09-01", "09-02"))},
		{"2023 National Day on Saturday", def, 2023, concat(
			d2(2023, Holiday, "01-01"), d2(2023, Compensatory, "01-02"),
			d2(2023, Holiday, "01-21", "01-22", "01-23", "01-24", "01-25"),
			d2(2023, Compensatory, "01-26", "01-27"),
			d2(2023, Holiday, "04-29", "04-30", "05-01"), d2(2023, Compensatory, "05-02", "05-03"),
			d2(2023, Holiday, "09-01", "09-02"), d2(2023, Compensatory, "09-04"))},
		{"2024 as announced", official, 2024, concat(
			d2(2024, Holiday, "01-01", "02-08", "02-09", "02-10", "02-11", "02-12"),
			d2(2024, Compensatory, "02-13", "02-14"),
			d2(2024, Holiday, "04-18"), d2(2024, Extra, "04-29"), d2(2024, Holiday, "04-30", "05-01"),
			d2(2024, Swapped, "05-04"), d2(2024, Holiday, "09-02", "09-03"))},
		{"2025 default Tết", def, 2025, concat(
			d2(2025, Holiday, "01-01", "01-28", "01-29", "01-30", "01-31", "02-01"),
			d2(2025, Compensatory, "02-03"),
			d2(2025, Holiday, "04-07", "04-30", "05-01", "09-01", "09-02"))},
		{"2025 as announced", official, 2025, concat(
			d2(2025, Holiday, "01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07"),
			d2(2025, Swapped, "04-26"), d2(2025, Holiday, "04-30", "05-01"), d2(2025, Extra, "05-02"),
			d2(2025, Holiday, "09-01", "09-02"))},
		{"2029 National Day on Sunday", def, 2029, concat(
			d2(2029, Holiday, "01-01", "02-12", "02-13", "02-14", "02-15", "02-16"),
			d2(2029, Holiday, "04-23", "04-30", "05-01", "09-02", "09-03"),
			d2(2029, Compensatory, "09-04"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := special(tc.c, tc.year)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestNationalDayRules(t *testing.T) {
	// Years in which 2 September falls on each weekday, and the adjacent
	// day each rule picks.
	for _, tc := range []struct {
		year                int
		wd                  time.Weekday
		join, before, after string
	}{
		{2024, time.Monday, "09-03", "09-01", "09-03"},
		{2025, time.Tuesday, "09-01", "09-01", "09-03"},
		{2026, time.Wednesday, "09-03", "09-01", "09-03"},
		{2021, time.Thursday, "09-03", "09-01", "09-03"},
		{2022, time.Friday, "09-01", "09-01", "09-03"},
		{2023, time.Saturday, "09-01", "09-01", "09-03"},
		{2029, time.Sunday, "09-03", "09-01", "09-03"},
	} {
		sep2 := NewDate(tc.year, 9, 2)
		if sep2.Weekday() != tc.wd {
			t.Fatalf("%v is a %v", sep2, sep2.Weekday())
		}
		for rule, want := range map[NationalDayRule]string{"": tc.join, NationalDayBefore: tc.before, NationalDayAfter: tc.after} {
			c := New(Options{NationalDay: rule}, nil)
			d := mustDate(t, fmt.Sprintf("%d-%s", tc.year, want))
			if day, ok := c.Lookup(d); !ok || day.Kind != Holiday || day.NameVI != "Quốc khánh" {
				t.Errorf("%d rule %q: %v is %+v", tc.year, rule, d, day)
			}
		}
	}
}

func TestOverrides(t *testing.T) {
	ov := []Override{
		{Date: Date{2023, 1, 2}, Kind: RemoveHoliday},                           // drop the compensatory day
		{Date: Date{2023, 1, 3}, Kind: DayOff, NameVI: "Nghỉ thay", NameEN: ""}, // and give another
		{Date: Date{2023, 4, 30}, Kind: RemoveHoliday},                          // Sunday: stays a weekend, earns nothing
		{Date: Date{2023, 9, 1}, Kind: WorkingDay},                              // a holiday made a working day
		{Date: Date{2023, 12, 31}, Kind: AddHoliday, NameVI: "Lễ thử", NameEN: "Test"},
		{Date: Date{2023, 6, 31}, Kind: DayOff},  // invalid date: ignored
		{Date: Date{2023, 6, 5}, Kind: "closed"}, // invalid kind: ignored
	}
	c := New(Options{}, ov)
	want := map[Date]Kind{
		{2023, 1, 1}: Holiday, {2023, 1, 2}: "", {2023, 1, 3}: Extra, {2023, 4, 29}: Holiday, {2023, 4, 30}: Weekend,
		{2023, 5, 1}: Holiday, {2023, 5, 2}: Compensatory, {2023, 5, 3}: "",
		{2023, 9, 1}: "", {2023, 9, 2}: Holiday, {2023, 9, 4}: Compensatory,
		{2023, 12, 31}: Holiday, {2024, 1, 1}: Holiday, {2024, 1, 2}: Compensatory,
		{2023, 6, 30}: "", {2023, 6, 5}: "",
	}
	for d, k := range want {
		day, ok := c.Lookup(d)
		if day.Kind != k || ok != (k != "") || c.IsWorkingDay(d) != (k == "" || k == Swapped) {
			t.Errorf("%v: got %+v %v, want %q", d, day, ok, k)
		}
	}
	if day, _ := c.Lookup(Date{2023, 1, 3}); day.NameEN != "Nghỉ thay" {
		t.Errorf("NameEN should default to NameVI: %+v", day)
	}
	if day, _ := c.Lookup(Date{2024, 1, 2}); day.NameVI != "Nghỉ bù Lễ thử" {
		t.Errorf("December holiday should earn a January day: %+v", day)
	}
	if got := len(c.Overrides(2023)); got != 5 {
		t.Errorf("Overrides(2023) has %d, want 5 valid ones", got)
	}
}

func TestNonWorkingDaysListing(t *testing.T) {
	c := New(Options{}, overrides2025)
	days := c.NonWorkingDays(2025)
	weekends, swapped := 0, 0
	for i, d := range days {
		if i > 0 && !days[i-1].Date.Before(d.Date) {
			t.Fatalf("not sorted at %v", d.Date)
		}
		if d.NameVI == "" || d.NameEN == "" {
			t.Errorf("%v has no name", d.Date)
		}
		if d.Kind.Working() != c.IsWorkingDay(d.Date) {
			t.Errorf("%v: kind %s but IsWorkingDay %v", d.Date, d.Kind, c.IsWorkingDay(d.Date))
		}
		weekends += b2i(d.Kind == Weekend)
		swapped += b2i(d.Kind == Swapped)
	}
	// 2025 has 104 weekend days, less Sat 26/4 (swapped); as announced, no
	// holiday falls on a weekend. Add 11 holidays, 1 extra and 1 swapped.
	if weekends != 103 || swapped != 1 || len(days) != 103+11+1+1 {
		t.Errorf("weekends %d swapped %d total %d", weekends, swapped, len(days))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  Options
		field string
	}{
		{"defaults", Options{}, ""},
		{"overlap", Options{Hours: []Period{{8 * time.Hour, 12 * time.Hour}, {11 * time.Hour, 17 * time.Hour}}}, "hours"},
		{"empty hours", Options{Hours: []Period{}}, "hours"},
		{"past midnight", Options{Hours: []Period{{20 * time.Hour, 25 * time.Hour}}}, "hours"},
		{"no weekdays", Options{Weekdays: []time.Weekday{}}, "weekdays"},
		{"bad weekday", Options{Weekdays: []time.Weekday{7}}, "weekdays"},
		{"bad rule", Options{NationalDay: "sometimes"}, "national_day"},
		{"bad cutoff", Options{ReceiptCutoff: -time.Hour}, "receipt_cutoff"},
	} {
		err := tc.opts.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if f := errs.FieldsOf(err); f[tc.field] == "" {
			t.Errorf("%s: fields %v, want %s", tc.name, f, tc.field)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted invalid options")
		}
	}()
	New(Options{NationalDay: "x"}, nil)
}

func TestOverrideValidate(t *testing.T) {
	ok := Override{Date: Date{2025, 1, 27}, Kind: AddHoliday, NameVI: "Tết Nguyên đán"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Override{Date: Date{2025, 2, 30}, Kind: AddHoliday, Note: strings.Repeat("x", 1001)}
	f := errs.FieldsOf(bad.Validate())
	for _, field := range []string{"date", "name_vi", "note"} {
		if f[field] == "" {
			t.Errorf("no error on %s: %v", field, f)
		}
	}
}

// TestConcurrentUse fills the year cache from many goroutines; run with
// -race to check the cache.
func TestConcurrentUse(t *testing.T) {
	c := New(Options{}, overrides2025)
	want := New(Options{}, overrides2025)
	done := make(chan bool)
	for g := range 8 {
		go func() {
			ok := true
			for d := NewDate(2020+g%3, 1, 1); d.Year < 2031; d = d.AddDays(7) {
				ok = ok && c.IsWorkingDay(d) == want.IsWorkingDay(d)
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Error("concurrent answers differ")
		}
	}
}

func TestUnnormalisedDates(t *testing.T) {
	c := New(Options{}, nil)
	if c.IsWorkingDay(Date{2025, 2, 30}) { // 2025-03-02, a Sunday
		t.Error("2025-02-30 should be read as Sunday 2025-03-02")
	}
	if day, ok := c.Lookup(Date{2024, 12, 32}); !ok || day.Kind != Holiday || day.Date != (Date{2025, 1, 1}) {
		t.Errorf("Lookup(2024-12-32) = %+v %v", day, ok)
	}
	_ = c.IsWorkingDay(Date{}) // must not panic
}
