package httpx

import (
	"net/http"
	"strings"
)

// AddVary adds a field name to the response's Vary header unless it is
// already there, so middleware and handlers that each depend on the same
// request header do not repeat it.
func AddVary(h http.Header, name string) {
	for _, v := range h["Vary"] {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), name) {
				return
			}
		}
	}
	h.Add("Vary", name)
}
