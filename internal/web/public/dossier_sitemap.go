package public

import "net/http"

// Sitemap is the sitemap section of the dossier pages that have a URL of
// their own: the statistics, the centres' connectivity and the lookup
// form (its answers are POST-only and personal, so never listed).
func (h *DossierHandlers) Sitemap(*http.Request) ([][2]string, error) {
	var out [][2]string
	if h.Lookup != nil {
		out = append(out, [2]string{"/tra-cuu-ho-so", "/en/dossier-status"})
	}
	if h.Stats != nil {
		out = append(out, [2]string{"/thong-ke", "/en/statistics"})
	}
	if h.Centre != nil {
		out = append(out, [2]string{connectivityPath("vi"), connectivityPath("en")})
	}
	return out, nil
}
