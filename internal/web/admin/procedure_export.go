package admin

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procexport"
)

// procedureExport downloads the procedures of the list's filter (all
// pages) as CSV, XLSX or JSON: the newest version of each procedure the
// actor may see as staff, drafts included.
func (h *Handlers) procedureExport(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	format, err := procexport.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		h.Render.Error(w, r, errs.E("admin.procedureExport", errs.Invalid, "admin.procedure_export_format", err))
		return
	}
	units, err := h.allUnits(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	q := readProcQuery(r)
	list, err := h.allProcedures(r.Context(), procFilter(&q, units))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	// Written to a buffer first, so a failure is a clean error page
	// rather than half a file.
	var buf bytes.Buffer
	if err := procexport.Export(&buf, format, list); err != nil {
		h.Render.Error(w, r, errs.E("admin.procedureExport", err))
		return
	}
	name := fmt.Sprintf("thu-tuc-%s.%s", time.Now().In(vietnam).Format("20060102-1504"), format)
	hd := w.Header()
	hd.Set("Content-Type", format.ContentType())
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}
