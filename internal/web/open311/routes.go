package open311

import (
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// Handlers holds what the Open311 endpoints need.
type Handlers struct {
	Catalog    *i18n.Catalog
	Procedures *procedure.Service
}

// Routes registers the endpoints; without a procedure service there are
// none.
func Routes(r httpx.Router, h *Handlers) {
	if h.Procedures == nil {
		return
	}
	r.Handle("GET /open311/v2/services.json", h.services)
	r.Handle("GET /open311/v2/services.xml", h.services)
	r.Handle("GET /open311/v2/services/{file}", h.definition)
}
