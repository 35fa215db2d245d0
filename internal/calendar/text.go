package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Text renders the explanation as one sentence in lang: English for a tag
// starting with "en", Vietnamese otherwise. For example (vi):
//
//	Nhận hồ sơ thứ Sáu 24/01/2025 lúc 16:00; bỏ qua 25–26/01 (nghỉ cuối tuần),
//	27–31/01 (Tết Nguyên đán), 01–02/02 (nghỉ cuối tuần); hạn trả 07/02/2025.
//
// The due time is shown with its hour unless it is the end of a working
// day of a limit in days.
func (e Explanation) Text(lang string) string {
	w := viWords
	if isEnglish(lang) {
		w = enWords
	}
	var b strings.Builder
	fmt.Fprintf(&b, w.received, w.weekday(e.Received), dmy(e.Received), hm(e.Received))
	if e.Moved() {
		fmt.Fprintf(&b, w.counted, w.weekday(e.Start), dmy(e.Start), hm(e.Start))
	}
	e.writeSkipped(&b, w)
	e.writePauses(&b, w)
	fmt.Fprintf(&b, w.due, dmy(e.Due))
	if !e.DueAtDayEnd || e.Hours > 0 {
		fmt.Fprintf(&b, w.at, hm(e.Due))
	}
	b.WriteString(".")
	return b.String()
}

// writeSkipped writes the clause of skipped spans, if any.
func (e Explanation) writeSkipped(b *strings.Builder, w words) {
	for i, s := range e.Skipped {
		if i == 0 {
			b.WriteString(w.skipped)
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%s (%s)", s.Dates(), w.spanName(s))
	}
}

// writePauses writes the clause of pauses, if any.
func (e Explanation) writePauses(b *strings.Builder, w words) {
	for i, p := range e.Pauses {
		if i == 0 {
			b.WriteString(w.paused)
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%s %s–%s %s (%s)", dmy(p.From), hm(p.From), dmy(p.To), hm(p.To), w.duration(p.Working, e.dayLen))
	}
}

// Dates formats the span's dates compactly: "03/02", "25–26/01",
// "27/01–02/02", or with years when it crosses one.
func (s Span) Dates() string {
	f, t := s.From, s.To
	switch {
	case f == t:
		return fmt.Sprintf("%02d/%02d", f.Day, f.Month)
	case f.Year != t.Year:
		return fmt.Sprintf("%02d/%02d/%d–%02d/%02d/%d", f.Day, f.Month, f.Year, t.Day, t.Month, t.Year)
	case f.Month != t.Month:
		return fmt.Sprintf("%02d/%02d–%02d/%02d", f.Day, f.Month, t.Day, t.Month)
	}
	return fmt.Sprintf("%02d–%02d/%02d", f.Day, t.Day, t.Month)
}

// Name returns the span's name in lang (see Day.Name).
func (s Span) Name(lang string) string {
	if isEnglish(lang) {
		return s.NameEN
	}
	return s.NameVI
}

// WeekdayName returns the name of wd in lang, capitalised as at the start
// of a sentence: "Thứ Hai" … "Thứ Bảy", "Chủ nhật"; "Monday" … "Sunday".
func WeekdayName(wd time.Weekday, lang string) string {
	if isEnglish(lang) {
		return wd.String()
	}
	return viWeekdays[wd]
}

var viWeekdays = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// words holds the phrases of Text in one language.
type words struct {
	lang                      string
	received, counted         string // formats: weekday, date, time
	skipped, paused           string
	due, at                   string // formats: date; time
	weekend                   string
	day, days, hour, hours    string
	minute, minutes, workTime string // workTime formats the joined parts
}

var viWords = words{
	lang: "vi", received: "Nhận hồ sơ %s %s lúc %s", counted: ", tính từ %s %s lúc %s",
	skipped: "; bỏ qua ", paused: "; tạm dừng ", due: "; hạn trả %s", at: " lúc %s",
	weekend: "nghỉ cuối tuần", day: "ngày", days: "ngày", hour: "giờ", hours: "giờ",
	minute: "phút", minutes: "phút", workTime: "%s làm việc",
}

var enWords = words{
	lang: "en", received: "Received %s %s at %s", counted: ", counted from %s %s at %s",
	skipped: "; skipped ", paused: "; paused ", due: "; due %s", at: " at %s",
	weekend: "weekend", day: "day", days: "days", hour: "hour", hours: "hours",
	minute: "minute", minutes: "minutes", workTime: "%s of working time",
}

// weekday names t's weekday as it reads inside a sentence.
func (w words) weekday(t time.Time) string {
	name := WeekdayName(t.Weekday(), w.lang)
	if w.lang == "vi" {
		return strings.ToLower(name[:1]) + name[1:] // "thứ Sáu", "chủ nhật"
	}
	return name
}

// spanName names a span inside a sentence: weekends by a lower-case
// phrase, other days by their names, lower-casing the generated prefix of a
// compensatory day ("nghỉ bù Quốc khánh").
func (w words) spanName(s Span) string {
	name := s.Name(w.lang)
	switch {
	case s.Kind == Weekend:
		return w.weekend
	case strings.HasPrefix(name, compPrefixVI), strings.HasPrefix(name, compPrefixEN):
		return strings.ToLower(name[:1]) + name[1:]
	}
	return name
}

// duration formats working time in working days, hours and minutes.
func (w words) duration(d, dayLen time.Duration) string {
	if dayLen <= 0 {
		dayLen = 8 * time.Hour
	}
	var parts []string
	add := func(n int64, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(int64(d/dayLen), w.day, w.days)
	add(int64(d%dayLen/time.Hour), w.hour, w.hours)
	add(int64(d%time.Hour/time.Minute), w.minute, w.minutes)
	if len(parts) == 0 {
		parts = append(parts, "0 "+w.minutes)
	}
	return fmt.Sprintf(w.workTime, strings.Join(parts, " "))
}

func dmy(t time.Time) string { return t.Format("02/01/2006") }

func hm(t time.Time) string { return t.Format("15:04") }
