package i18n

import (
	"strings"
	"testing"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	vi, en := c.Keys("vi"), c.Keys("en")
	inEN := map[string]bool{}
	for _, k := range en {
		inEN[k] = true
	}
	for _, k := range vi {
		if !inEN[k] {
			t.Errorf("key %q missing from en.json", k)
		}
		delete(inEN, k)
	}
	for k := range inEN {
		t.Errorf("key %q missing from vi.json", k)
	}
}

func TestFormatVerbsMatch(t *testing.T) {
	c := MustLoad()
	for _, k := range c.Keys("vi") {
		if a, b := strings.Count(c.T("vi", k), "%"), strings.Count(c.T("en", k), "%"); a != b {
			t.Errorf("key %q: vi has %d verbs, en %d", k, a, b)
		}
	}
}

func TestFallback(t *testing.T) {
	c := MustLoad()
	if got := c.T("en", "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key rendered as %q", got)
	}
	if c.For("fr").Lang != "vi" {
		t.Error("unknown language did not fall back to vi")
	}
}
