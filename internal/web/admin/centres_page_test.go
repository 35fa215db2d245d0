package admin

import (
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/i18n"
)

func TestGraceText(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		d    time.Duration
		want string
	}{
		{"vi", time.Hour, "1 giờ"},
		{"vi", 24 * time.Hour, "24 giờ"},
		{"vi", 90 * time.Minute, "90 phút"},
		{"vi", 15 * time.Minute, "15 phút"},
		{"en", 2 * time.Hour, "2 h"},
		{"en", 30 * time.Minute, "30 min"},
	} {
		if got := graceText(c.For(tc.lang), tc.d); got != tc.want {
			t.Errorf("graceText(%s, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}
