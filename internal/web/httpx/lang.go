package httpx

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/i18n"
)

// AcceptLanguage picks the supported language (i18n.Languages) that an
// Accept-Language header value prefers: "en", "en-GB" or
// "fr, en;q=0.5" give "en". It gives i18n.Default (Vietnamese) when the
// header is empty or malformed, names no supported language, or prefers
// "*". Weights follow RFC 9110: the highest wins, the earlier on a tie, and
// q=0 refuses a language. Pages do not use it, their path sets the
// language; the JSON API, which has no English paths, does.
func AcceptLanguage(header string) string {
	best, bestQ := i18n.Default, 0.0
	for part := range strings.SplitSeq(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q, ok := weight(params)
		if !ok || q <= bestQ {
			continue
		}
		if lang := supported(strings.TrimSpace(tag)); lang != "" {
			best, bestQ = lang, q
		}
	}
	return best
}

// supported maps a language range to a supported language: its primary
// subtag, case-insensitively ("EN-us" → "en"), or the default for "*".
func supported(tag string) string {
	if tag == "*" {
		return i18n.Default
	}
	primary, _, _ := strings.Cut(tag, "-")
	for _, l := range i18n.Languages {
		if strings.EqualFold(primary, l) {
			return l
		}
	}
	return ""
}

// weight parses the parameters of a language range (" q=0.8"), giving 1
// when there is no q and false when q is malformed.
func weight(params string) (float64, bool) {
	params = strings.TrimSpace(params)
	if params == "" {
		return 1, true
	}
	v, ok := strings.CutPrefix(params, "q=")
	if !ok {
		v, ok = strings.CutPrefix(params, "Q=")
	}
	if !ok {
		return 0, false
	}
	q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || q < 0 || q > 1 {
		return 0, false
	}
	return q, true
}

// LangFromHeader reports whether r's language comes from its
// Accept-Language header (AcceptLanguage) rather than its path: true for
// the JSON API under /api/, which has no English paths.
func LangFromHeader(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
