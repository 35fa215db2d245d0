package calendar

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/errs"
)

func TestDateAgreesWithTime(t *testing.T) {
	ref := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	d := NewDate(1800, 1, 1)
	for ref.Year() < 2201 {
		y, m, dd := ref.Date()
		if d != (Date{y, m, dd}) || d.Weekday() != ref.Weekday() || d.YearDay() != ref.YearDay() {
			t.Fatalf("%v: got %v %v day %d", ref, d, d.Weekday(), d.YearDay())
		}
		if !d.IsValid() {
			t.Fatalf("%v not valid", d)
		}
		ref, d = ref.AddDate(0, 0, 1), d.AddDays(1)
	}
}

func TestDateMethods(t *testing.T) {
	a, b := NewDate(2025, 1, 31), NewDate(2025, 2, 1)
	if !a.Before(b) || a.After(b) || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Before/After/Compare wrong")
	}
	if got := b.Sub(a); got != 1 {
		t.Errorf("Sub = %d", got)
	}
	if got := NewDate(2025, 2, 29); got != (Date{2025, 3, 1}) {
		t.Errorf("NewDate does not normalise: %v", got)
	}
	if got := a.AddDays(-366); got != (Date{2024, 1, 31}) {
		t.Errorf("AddDays(-366) = %v", got)
	}
	if (Date{2025, 2, 29}).IsValid() || (Date{2024, 13, 1}).IsValid() || !(Date{2024, 2, 29}).IsValid() {
		t.Error("IsValid wrong")
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero wrong")
	}
	if got := a.At(16 * time.Hour).Format(time.RFC3339); got != "2025-01-31T16:00:00+07:00" {
		t.Errorf("At = %s", got)
	}
}

func TestDateOfUsesVietnamZone(t *testing.T) {
	utc := time.Date(2025, 1, 28, 17, 30, 0, 0, time.UTC) // 00:30 on the 29th in Hanoi
	if got := DateOf(utc); got != (Date{2025, 1, 29}) {
		t.Errorf("DateOf = %v", got)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2025-01-29", true}, {"1900-02-28", true}, {"2024-02-29", true},
		{"2025-02-29", false}, {"29/01/2025", false}, {"", false}, {"2025-1-2", false},
	} {
		d, err := ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) error %v", tc.in, err)
			continue
		}
		if !tc.ok {
			if errs.CodeOf(err) != errs.Invalid {
				t.Errorf("ParseDate(%q) code %v", tc.in, errs.CodeOf(err))
			}
			continue
		}
		if d.String() != tc.in {
			t.Errorf("round trip %q → %q", tc.in, d.String())
		}
	}
}

func TestDateJSON(t *testing.T) {
	in := struct{ D Date }{NewDate(2025, 9, 2)}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"D":"2025-09-02"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out struct{ D Date }
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("Unmarshal = %v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2025-02-30"}`), &out); err == nil {
		t.Error("Unmarshal accepted 2025-02-30")
	}
}
