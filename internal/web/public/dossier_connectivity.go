package public

import (
	"net/http"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// connectivityView is the public page of the centres' connectivity: how
// many one-stop centres' systems reached the portal in the last 24 hours,
// and for each whether it did and the date of its last successful
// contact. No error rate, traffic or error detail: those are for staff.
type connectivityView struct {
	Connected, Total int
	Rows             []connectivityRow
	At               string
	StatsURL         string
}

// connectivityRow is one centre.
type connectivityRow struct {
	Name      string // in Vietnamese: the centres have no English name here
	Connected bool
	Last      string // "" when never
	LastISO   string
}

func connectivityPath(lang string) string {
	if lang == "en" {
		return "/en/statistics/connectivity"
	}
	return "/thong-ke/ket-noi"
}

// connectivity shows "connected centres: N of M" and the table of
// centres. Figures may be five minutes old (public caching).
func (h *DossierHandlers) connectivity(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	c, err := h.Centre.Connectivity(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := newConnectivityView(c)
	v.StatsURL = statsPath(l)
	title := l.T("dossier.conn_title")
	w.Header().Set("Cache-Control", "public, max-age=300")
	crumbs := []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}}
	if h.Stats != nil {
		crumbs = append(crumbs, httpx.Crumb{Label: l.T("stats.title"), URL: statsPath(l)})
	} else {
		v.StatsURL = ""
	}
	other := "en"
	if l.Lang == "en" {
		other = "vi"
	}
	// The language switch translates only a path's first segment.
	h.Render.HTML(w, r, http.StatusOK, "dossier_connectivity", &httpx.Page{
		L: l, Title: title, Description: l.T("dossier.conn_description"), AltLangURL: connectivityPath(other),
		Crumbs: append(crumbs, httpx.Crumb{Label: title}), Data: v,
	})
}

func newConnectivityView(c *centreapi.Connectivity) connectivityView {
	v := connectivityView{Connected: c.Connected, Total: c.Total, At: datetimeVN(c.At)}
	for _, cc := range c.Centres {
		row := connectivityRow{Name: cc.UnitName, Connected: cc.Connected}
		if !cc.LastSuccess.IsZero() {
			row.Last, row.LastISO = dateVN(cc.LastSuccess), iso(cc.LastSuccess)
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}
