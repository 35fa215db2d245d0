package apiv1

import (
	_ "embed"
	"net/http"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/workcal"
)

// OpenAPI is the API's OpenAPI 3.1 document.
//
//go:embed openapi.json
var OpenAPI []byte

// Handlers holds what the API needs.
type Handlers struct {
	Render   *httpx.Renderer
	Units    *unit.Service
	Calendar *workcal.Service
	Search   search.Index
	Version  string
	// Procedures is the procedure catalogue; nil leaves its endpoints out.
	Procedures *procedure.Service
	// Centre is the centres' integration API; nil answers 503.
	Centre *centreapi.Service
}

// Routes registers the API.
func Routes(r httpx.Router, h *Handlers) {
	r.Handle("GET /api/v1/openapi.json", h.openapi)
	r.Handle("GET /api/v1/units", h.listUnits)
	r.Handle("GET /api/v1/units/{code}", h.getUnit)
	r.Handle("GET /api/v1/calendar/{year}", h.getCalendar)
	r.Handle("GET /api/v1/search", h.searchAPI)
	r.Handle("GET /api/v1/search/suggest", h.suggest)
	if h.Procedures != nil {
		r.Handle("GET /api/v1/procedures", h.listProcedures)
		r.Handle("GET /api/v1/procedures/{code}", h.getProcedure)
	}
	r.Handle("POST /api/v1/centre/events", h.centreEvents)
}

func (h *Handlers) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(OpenAPI)
}

// public marks a response as cacheable open data readable from any origin.
func public(w http.ResponseWriter) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "public, max-age=60")
}
