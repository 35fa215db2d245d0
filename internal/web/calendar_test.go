package web_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/workcal"
)

// newCalendarFixture is the server with the announced 2025 overrides
// stored before the first request builds the calendar.
func newCalendarFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	if _, err := workcal.SeedAnnounced(context.Background(), f.db); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCalendarPages(t *testing.T) {
	f := newCalendarFixture(t)
	this := strconv.Itoa(time.Now().In(calendar.Zone()).Year())
	for _, sc := range []scenario{
		{name: "current year", path: "/lich-nghi", status: 200, want: []string{
			"Lịch nghỉ lễ, tết năm " + this, `href="/en/holidays"`, "<caption>", `<th scope="col">`, "Điều 112",
		}},
		{name: "2025", path: "/lich-nghi/2025", status: 200, want: []string{
			`<html lang="vi">`, "Lịch nghỉ lễ, tết năm 2025",
			`<th scope="row"><time datetime="2025-01-27">27/01/2025</time></th><td>Thứ Hai</td><td>Tết Nguyên đán`,
			`<time datetime="2025-04-26">26/04/2025</time></th><td>Thứ Bảy</td><td>Làm việc bù cho ngày 02/05`, "Làm việc bù</td>",
			`<time datetime="2025-05-02">`, "Nghỉ theo thông báo",
			"Giỗ Tổ Hùng Vương", "Quốc khánh",
			`href="/lich-nghi/2024" rel="prev"`, `href="/lich-nghi/2026" rel="next"`,
			`href="/en/holidays/2025"`, `href="/api/v1/calendar/2025"`,
			"ngày nghỉ hằng tuần",
			`<label for="f-received">`, `id="f-received-hint"`, `aria-describedby="f-received-hint`,
		}, notWant: []string{"Nghỉ cuối tuần</td>", `datetime="2025-02-01"`, "Cách tính:"}},
		{name: "2025 en", path: "/en/holidays/2025", status: 200, want: []string{
			`<html lang="en">`, "Public holidays 2025", "Tết holiday", "Monday", "Make-up working day",
			`href="/en/holidays/2026"`, `href="/lich-nghi/2025"`, "Labour Code 2019",
		}},
		{name: "first year has no previous", path: "/lich-nghi/2000", status: 200, want: []string{`href="/lich-nghi/2001"`}, notWant: []string{`rel="prev"`}},
		{name: "last year has no next", path: "/en/holidays/2100", status: 200, want: []string{`href="/en/holidays/2099"`}, notWant: []string{`rel="next"`}},
		{name: "year too early", path: "/lich-nghi/1999", status: 404, want: []string{"Chỉ có lịch của các năm từ 2000 đến 2100"}},
		{name: "year too late", path: "/en/holidays/2101", status: 404},
		{name: "not a year", path: "/lich-nghi/abc", status: 404},
		{name: "padded year", path: "/lich-nghi/02025", status: 404},
		{name: "negative year", path: "/en/holidays/-2025", status: 404},
		{name: "calculator", path: "/lich-nghi/2025?received=2025-01-24&time=16%3A00&days=5", status: 200, want: []string{
			"Hạn trả kết quả", "Thứ Sáu 07/02/2025, 17:00", `datetime="2025-02-07T17:00:00&#43;07:00"`,
			"Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00; bỏ qua 25–26/01 (nghỉ cuối tuần), 27–31/01 (Tết Nguyên đán), 01–02/02 (nghỉ cuối tuần); hạn trả 07/02/2025.",
			`value="2025-01-24"`, `value="16:00"`, `value="5"`,
		}},
		{name: "calculator en across the May swap", path: "/en/holidays?received=2025-04-29&time=09:00&days=1", status: 200, want: []string{
			"Due date", "Monday 05/05/2025, 17:00", "Received Tuesday 29/04/2025 at 09:00",
		}},
		{name: "calculator errors", path: "/lich-nghi/2025?received=24%2F01%2F2025&time=25%3A00&days=-1", status: 422, want: []string{
			`role="alert"`,
			`aria-invalid="true" aria-describedby="f-received-hint f-received-err"`, `<p class="error" id="f-received-err">Ngày phải có dạng`,
			`aria-describedby="f-time-hint f-time-err"`, `id="f-time-err">Giờ phải có dạng`,
			`aria-describedby="f-days-hint f-days-err"`, `id="f-days-err">Vui lòng nhập một số nguyên từ 0 đến 1000.`,
			"Lịch nghỉ lễ, tết năm 2025",
		}, notWant: []string{"Hạn trả kết quả"}},
		{name: "calculator year out of range", path: "/en/holidays?received=1990-01-02&time=08:00&days=3", status: 422, want: []string{
			`id="f-received-err">The year must be between 2000 and 2100.`,
		}, notWant: []string{"f-time-err", "f-days-err"}},
		{name: "calculator escapes input", path: "/lich-nghi/2025?received=%3Cscript%3E&time=08:00&days=1", status: 422, want: []string{"&lt;script&gt;"}, notWant: []string{"<script>"}},
		{name: "nav link", path: "/", status: 200, want: []string{`href="/lich-nghi">Lịch ngày nghỉ</a>`}},
		{name: "nav link en", path: "/en/", status: 200, want: []string{`href="/en/holidays">Public holidays</a>`}},
		{name: "sitemap", path: "/sitemap.xml", status: 200, want: []string{"/lich-nghi</loc>", "/en/holidays</loc>"}},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

func TestCalendarAPI(t *testing.T) {
	f := newCalendarFixture(t)
	api := loadOpenAPI(t)
	const tmpl = "/api/v1/calendar/{year}"
	for _, c := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/api/v1/calendar/2025", 200, []string{
			`"year":2025`,
			`{"date":"2025-01-04","name_vi":"Nghỉ cuối tuần","name_en":"Weekend","kind":"weekend"}`,
			`{"date":"2025-01-27","name_vi":"Tết Nguyên đán","name_en":"Tết holiday","kind":"holiday","note":"`,
			`"date":"2025-04-26","name_vi":"Làm việc bù cho ngày 02/05","name_en":"Working day in exchange for 2 May","kind":"swapped"`,
			`"date":"2025-05-02","name_vi":"Nghỉ hoán đổi dịp 30/4–1/5","name_en":"Day off swapped with Saturday 26 April","kind":"extra"`,
		}},
		{"/api/v1/calendar/2023", 200, []string{`{"date":"2023-09-04","name_vi":"Nghỉ bù Quốc khánh","name_en":"Compensatory day off for National Day","kind":"compensatory"}`}},
		{"/api/v1/calendar/2000", 200, []string{`"year":2000`}},
		{"/api/v1/calendar/1999", 404, []string{`"code":"not_found"`}},
		{"/api/v1/calendar/2101", 404, []string{`"code":"not_found"`}},
		{"/api/v1/calendar/abc", 422, []string{`"code":"invalid"`, `"year":`}},
		{"/api/v1/calendar/2025.5", 422, []string{`"year":`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			_, body := f.run(t, scenario{path: c.path, status: c.status, want: c.want})
			api.validate(t, "GET", tmpl, c.status, body)
		})
	}

	// Every day of 2025 is listed once, in order; weekends included.
	_, body := f.run(t, scenario{path: "/api/v1/calendar/2025", status: 200})
	var y struct {
		Days []struct{ Date, Kind string }
	}
	if err := json.Unmarshal([]byte(body), &y); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for i, d := range y.Days {
		kinds[d.Kind]++
		if i > 0 && d.Date <= y.Days[i-1].Date {
			t.Errorf("day %d (%s) out of order", i, d.Date)
		}
		if !strings.HasPrefix(d.Date, "2025-") {
			t.Errorf("day of another year: %s", d.Date)
		}
	}
	// 104 weekend days in 2025, less the Saturday worked (26/04) and the
	// weekend days that are Tết or holidays.
	if kinds["weekend"] < 95 || kinds["swapped"] != 1 || kinds["extra"] != 1 || kinds["holiday"] != 11 {
		t.Errorf("kinds of 2025: %v", kinds)
	}
}

// A change made through the service shows at once on the page and in the
// API, although the calendar is cached.
func TestCalendarFollowsOverrides(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{path: "/api/v1/calendar/2026", status: 200, notWant: []string{`"kind":"extra"`}})
	admin := access.WithActor(context.Background(), &access.Actor{UserID: 1, Name: "admin", Grants: []access.Grant{{Role: access.PortalAdmin}}})
	o, err := f.cal.AddOverride(admin, calendar.Override{Date: calendar.NewDate(2026, 1, 2), Kind: calendar.DayOff, NameVI: "Nghỉ hoán đổi Tết Dương lịch", NameEN: "New Year swap"})
	if err != nil {
		t.Fatal(err)
	}
	f.run(t, scenario{path: "/api/v1/calendar/2026", status: 200, want: []string{`{"date":"2026-01-02","name_vi":"Nghỉ hoán đổi Tết Dương lịch","name_en":"New Year swap","kind":"extra"}`}})
	f.run(t, scenario{path: "/en/holidays/2026", status: 200, want: []string{"New Year swap", "Announced day off"}})
	if err := f.cal.RemoveOverride(admin, o.ID); err != nil {
		t.Fatal(err)
	}
	f.run(t, scenario{path: "/lich-nghi/2026", status: 200, notWant: []string{"Nghỉ hoán đổi Tết Dương lịch"}})
}
