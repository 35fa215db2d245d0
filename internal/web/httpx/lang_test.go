package httpx

import (
	"net/http"
	"testing"
)

func TestAcceptLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"":                         "vi",
		"en":                       "en",
		"EN":                       "en",
		"en-GB":                    "en",
		"en-US,en;q=0.9":           "en",
		"vi":                       "vi",
		"vi-VN, en;q=0.8":          "vi",
		"en;q=0.5, vi":             "vi",
		"fr":                       "vi",
		"fr, en;q=0.5":             "en",
		"de, fr;q=0.9":             "vi",
		"*":                        "vi",
		"en;q=0":                   "vi",
		"en;q=abc":                 "vi",
		"en;q=2":                   "vi",
		"english":                  "vi",
		" en ; q=0.7 , vi ; q=0.6": "en",
		",,;;":                     "vi",
	} {
		if got := AcceptLanguage(header); got != want {
			t.Errorf("AcceptLanguage(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestAddVary(t *testing.T) {
	h := http.Header{}
	AddVary(h, "Accept-Encoding")
	AddVary(h, "accept-encoding")
	AddVary(h, "Accept-Language")
	if got := h.Values("Vary"); len(got) != 2 || got[0] != "Accept-Encoding" || got[1] != "Accept-Language" {
		t.Errorf("Vary = %q", got)
	}
	h = http.Header{"Vary": {"Origin, Accept-Encoding"}}
	AddVary(h, "Accept-Encoding")
	if got := h.Values("Vary"); len(got) != 1 {
		t.Errorf("Vary = %q, want the existing line only", got)
	}
}
