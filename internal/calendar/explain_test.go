package calendar

import (
	"testing"
	"time"
)

func TestExplanationText(t *testing.T) {
	official := New(Options{}, overrides2025)
	cut := New(Options{ReceiptCutoff: 16 * time.Hour}, overrides2025)
	def := New(Options{}, nil)
	days := func(c *Calendar, start time.Time, n int, p []Interval) Explanation {
		_, x := c.AddWorkingDays(start, n, p)
		return x
	}
	hours := func(c *Calendar, start time.Time, d time.Duration) Explanation {
		_, x := c.AddWorkingHours(start, d, nil)
		return x
	}
	pause := []Interval{{at(2025, 2, 5, 10, 0), at(2025, 2, 6, 13, 0)}}
	for _, tc := range []struct {
		name   string
		x      Explanation
		vi, en string
	}{
		{"worked example", days(official, at(2025, 1, 24, 16, 0), 5, nil),
			"Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00; bỏ qua 25–26/01 (nghỉ cuối tuần), 27–31/01 (Tết Nguyên đán), 01–02/02 (nghỉ cuối tuần); hạn trả 07/02/2025.",
			"Received Friday 24/01/2025 at 16:00; skipped 25–26/01 (weekend), 27–31/01 (Tết holiday), 01–02/02 (weekend); due 07/02/2025."},
		{"cut-off moves the start", days(cut, at(2025, 1, 24, 16, 0), 5, nil),
			"Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00, tính từ thứ Hai 03/02/2025 lúc 08:00; bỏ qua 25–26/01 (nghỉ cuối tuần), 27–31/01 (Tết Nguyên đán), 01–02/02 (nghỉ cuối tuần), 08–09/02 (nghỉ cuối tuần); hạn trả 10/02/2025.",
			"Received Friday 24/01/2025 at 16:00, counted from Monday 03/02/2025 at 08:00; skipped 25–26/01 (weekend), 27–31/01 (Tết holiday), 01–02/02 (weekend), 08–09/02 (weekend); due 10/02/2025."},
		{"default Tết, compensatory day and a pause", days(def, at(2025, 1, 24, 16, 0), 5, pause),
			"Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00; bỏ qua 25–26/01 (nghỉ cuối tuần), 28/01–01/02 (Tết Nguyên đán), 02/02 (nghỉ cuối tuần), 03/02 (nghỉ bù Tết Nguyên đán), 08–09/02 (nghỉ cuối tuần); tạm dừng 05/02/2025 10:00–06/02/2025 13:00 (1 ngày 2 giờ làm việc); hạn trả 11/02/2025 lúc 10:00.",
			"Received Friday 24/01/2025 at 16:00; skipped 25–26/01 (weekend), 28/01–01/02 (Tết holiday), 02/02 (weekend), 03/02 (compensatory day off for Tết holiday), 08–09/02 (weekend); paused 05/02/2025 10:00–06/02/2025 13:00 (1 day 2 hours of working time); due 11/02/2025 at 10:00."},
		{"sunday, across the year", days(def, at(2023, 12, 31, 9, 30), 1, nil),
			"Nhận hồ sơ chủ nhật 31/12/2023 lúc 09:30, tính từ thứ Ba 02/01/2024 lúc 08:00; bỏ qua 31/12 (nghỉ cuối tuần), 01/01 (Tết Dương lịch); hạn trả 03/01/2024.",
			"Received Sunday 31/12/2023 at 09:30, counted from Tuesday 02/01/2024 at 08:00; skipped 31/12 (weekend), 01/01 (New Year's Day); due 03/01/2024."},
		{"hours", hours(def, at(2025, 2, 14, 16, 0), 2*time.Hour),
			"Nhận hồ sơ thứ Sáu 14/02/2025 lúc 16:00; bỏ qua 15–16/02 (nghỉ cuối tuần); hạn trả 17/02/2025 lúc 09:00.",
			"Received Friday 14/02/2025 at 16:00; skipped 15–16/02 (weekend); due 17/02/2025 at 09:00."},
		{"hours to closing show the time", hours(def, at(2025, 2, 14, 16, 0), time.Hour),
			"Nhận hồ sơ thứ Sáu 14/02/2025 lúc 16:00; hạn trả 14/02/2025 lúc 17:00.",
			"Received Friday 14/02/2025 at 16:00; due 14/02/2025 at 17:00."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.x.Text("vi"); got != tc.vi {
				t.Errorf("vi:\n got %s\nwant %s", got, tc.vi)
			}
			if got := tc.x.Text("en-GB"); got != tc.en {
				t.Errorf("en:\n got %s\nwant %s", got, tc.en)
			}
		})
	}
}

func TestExplanationFields(t *testing.T) {
	c := New(Options{}, overrides2025)
	pause := []Interval{{at(2025, 2, 4, 8, 0), at(2025, 2, 6, 8, 0)}, {at(2025, 3, 1, 8, 0), at(2025, 3, 2, 8, 0)}}
	due, x := c.AddWorkingDays(at(2025, 1, 24, 16, 0), 5, pause)
	if !x.Due.Equal(due) || x.Days != 5 || x.Moved() || !x.DueAtDayEnd {
		t.Errorf("fields: %+v", x)
	}
	if len(x.Pauses) != 1 || x.Pauses[0].Working != 16*time.Hour {
		t.Errorf("pauses %+v, want the first only, 16h", x.Pauses)
	}
	want := []Span{
		{Date{2025, 1, 25}, Date{2025, 1, 26}, Weekend, weekendVI, weekendEN},
		{Date{2025, 1, 27}, Date{2025, 1, 31}, Holiday, tetVI, tetEN},
		{Date{2025, 2, 1}, Date{2025, 2, 2}, Weekend, weekendVI, weekendEN},
		{Date{2025, 2, 8}, Date{2025, 2, 9}, Weekend, weekendVI, weekendEN},
	}
	if len(x.Skipped) != len(want) {
		t.Fatalf("skipped %+v", x.Skipped)
	}
	for i := range want {
		if x.Skipped[i] != want[i] {
			t.Errorf("span %d: %+v, want %+v", i, x.Skipped[i], want[i])
		}
	}
}

func TestSpanDates(t *testing.T) {
	for _, tc := range []struct {
		from, to Date
		want     string
	}{
		{Date{2025, 2, 3}, Date{2025, 2, 3}, "03/02"},
		{Date{2025, 1, 25}, Date{2025, 1, 26}, "25–26/01"},
		{Date{2025, 1, 27}, Date{2025, 2, 2}, "27/01–02/02"},
		{Date{2022, 12, 31}, Date{2023, 1, 2}, "31/12/2022–02/01/2023"},
	} {
		if got := (Span{From: tc.from, To: tc.to}).Dates(); got != tc.want {
			t.Errorf("%v–%v: %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestWeekdayName(t *testing.T) {
	want := []string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}
	for wd, name := range want {
		if got := WeekdayName(time.Weekday(wd), "vi"); got != name {
			t.Errorf("%d: %q", wd, got)
		}
	}
	if got := WeekdayName(time.Friday, "en"); got != "Friday" {
		t.Errorf("en: %q", got)
	}
}
