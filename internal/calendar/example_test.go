package calendar_test

import (
	"fmt"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
)

// A dossier received on the Friday before Tết 2025 with a limit of five
// working days, with Tết placed as the government announced it.
func ExampleCalendar_AddWorkingDays() {
	cal := calendar.New(calendar.Options{}, calendar.TetOverrides(2025, 2))
	received := time.Date(2025, 1, 24, 16, 0, 0, 0, calendar.Zone())
	due, why := cal.AddWorkingDays(received, 5, nil)
	fmt.Println(due.Format("02/01/2006 15:04"))
	fmt.Println(why.Text("vi"))
	fmt.Println(why.Text("en"))
	// Output:
	// 07/02/2025 17:00
	// Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00; bỏ qua 25–26/01 (nghỉ cuối tuần), 27–31/01 (Tết Nguyên đán), 01–02/02 (nghỉ cuối tuần); hạn trả 07/02/2025.
	// Received Friday 24/01/2025 at 16:00; skipped 25–26/01 (weekend), 27–31/01 (Tết holiday), 01–02/02 (weekend); due 07/02/2025.
}

func ExampleSolarToLunar() {
	fmt.Println(calendar.SolarToLunar(calendar.NewDate(2025, 4, 7)))
	fmt.Println(calendar.LunarNewYear(2030))
	// Output:
	// 10/3/2025
	// 2030-02-02
}

func ExampleCalendar_NonWorkingDays() {
	cal := calendar.New(calendar.Options{}, nil)
	for _, d := range cal.NonWorkingDays(2023) {
		if d.Date.Month == time.September {
			fmt.Println(d.Date, d.Kind, d.NameVI)
		}
	}
	// Output:
	// 2023-09-01 holiday Quốc khánh
	// 2023-09-02 holiday Quốc khánh
	// 2023-09-03 weekend Nghỉ cuối tuần
	// 2023-09-04 compensatory Nghỉ bù Quốc khánh
	// 2023-09-09 weekend Nghỉ cuối tuần
	// 2023-09-10 weekend Nghỉ cuối tuần
	// 2023-09-16 weekend Nghỉ cuối tuần
	// 2023-09-17 weekend Nghỉ cuối tuần
	// 2023-09-23 weekend Nghỉ cuối tuần
	// 2023-09-24 weekend Nghỉ cuối tuần
	// 2023-09-30 weekend Nghỉ cuối tuần
}
