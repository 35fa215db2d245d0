package public

import (
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/workcal"
)

// Handlers holds what the public pages need.
type Handlers struct {
	Render   *httpx.Renderer
	Units    *unit.Service
	Calendar *workcal.Service
	Search   search.Index
	BaseURL  string // for canonical links and JSON-LD; "" to use relative URLs
	// Sitemap lists the sections other capabilities add to sitemap.xml.
	Sitemap []SitemapSection
	// Procedures is the procedure catalogue; nil leaves its pages out.
	Procedures *procedure.Service
}

// Routes registers the public pages.
func Routes(r httpx.Router, h *Handlers) {
	r.Handle("GET /{$}", h.home)
	r.Handle("GET /en/{$}", h.home)
	r.Handle("GET /en", h.redirectEN)
	r.Handle("GET /sitemap.xml", h.sitemap)
	r.Handle("GET /robots.txt", h.robots)
	httpx.Bilingual(r, "GET", "/don-vi", "/units", h.units)
	httpx.Bilingual(r, "GET", "/don-vi/{code}", "/units/{code}", h.unitPage)
	httpx.Bilingual(r, "GET", "/lich-nghi", "/holidays", h.calendarPage)
	httpx.Bilingual(r, "GET", "/lich-nghi/{year}", "/holidays/{year}", h.calendarPage)
	httpx.Bilingual(r, "GET", "/tim-kiem", "/search", h.searchPage)
	r.Handle("GET /opensearch.xml", h.openSearch)
	if h.Procedures != nil {
		httpx.Bilingual(r, "GET", "/thu-tuc", "/procedures", h.procedures)
		httpx.Bilingual(r, "GET", "/thu-tuc/{code}", "/procedures/{code}", h.procedurePage)
		httpx.Bilingual(r, "GET", "/thu-tuc/{code}/lich-su", "/procedures/{code}/history", h.procedureHistory)
		httpx.Bilingual(r, "GET", "/dich-vu-cong-truc-tuyen", "/online-services", h.onlineServices)
		h.Sitemap = append(h.Sitemap, h.procedureSitemap)
	}
}
