package public

import (
	"net/http"

	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type homeView struct {
	UnitCount int
	Kinds     []kindCount
	UnitsURL  string
}

type kindCount struct {
	Kind  unit.Kind
	Count int
	URL   string
}

func (h *Handlers) home(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	active := true
	v := homeView{UnitsURL: l.Prefix() + unitsPath(l.Lang)}
	for _, k := range unit.Kinds {
		k := k
		_, n, err := h.Units.FindUnits(r.Context(), unit.Filter{Kind: &k, Active: &active, Limit: 1})
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		v.UnitCount += n
		if n > 0 {
			v.Kinds = append(v.Kinds, kindCount{k, n, v.UnitsURL + "?view=list&kind=" + string(k)})
		}
	}
	h.Render.HTML(w, r, http.StatusOK, "home", &httpx.Page{
		L: l, Description: l.T("site.tagline"), Canonical: h.canonical(r), Data: v,
	})
}

func (h *Handlers) redirectEN(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/en/", http.StatusMovedPermanently)
}

// canonical returns the absolute URL of the request path when a base URL
// is configured.
func (h *Handlers) canonical(r *http.Request) string {
	if h.BaseURL == "" {
		return ""
	}
	return h.BaseURL + r.URL.Path
}

func unitsPath(lang string) string {
	if lang == "en" {
		return "/units"
	}
	return "/don-vi"
}
