package admin

import (
	"errors"
	"mime"
	"net/http"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// Body limits of the procedure forms. A national record reaches hundreds
// of kilobytes of Vietnamese text, which URL encoding triples, so the edit
// form gets more room than the 1 MB of the other staff forms; the import
// takes a file of up to 20 MB.
const (
	maxProcedureForm = 8 << 20
	maxImportFile    = 20 << 20
	maxImportBody    = maxImportFile + 1<<20 // the file and the other parts
	// importMemory is how much of an upload is held in memory; the rest
	// goes to a temporary file until the request ends.
	importMemory = 4 << 20
)

// staffBody is staff for POSTs whose body may be larger than the usual
// limit, or multipart: the session is checked first, then the body is read
// up to limit (413 beyond) and the CSRF token checked.
func (h *Handlers) staffBody(limit int64, next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r, sess := h.session(r)
		switch {
		case sess == nil:
			h.toLogin(w, r)
			return
		case sess.Pending != account.PendingNone:
			http.Redirect(w, r, stepURL(sess.Pending), http.StatusSeeOther)
			return
		}
		err := parseBody(w, r, limit)
		if r.MultipartForm != nil {
			// The server removes the temporary files of its own request
			// only, and r is a copy carrying the actor.
			defer r.MultipartForm.RemoveAll()
		}
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		if err := httpx.CheckCSRF(r); err != nil {
			h.Render.Error(w, r, err)
			return
		}
		next(w, r, sess)
	}
}

// parseBody parses a URL-encoded or multipart body of at most limit bytes.
// Too large a body is TooLarge, a malformed one Invalid.
func parseBody(w http.ResponseWriter, r *http.Request, limit int64) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return httpx.ParseForm(w, r, limit)
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(importMemory); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return errs.E("admin.parseBody", errs.TooLarge, "admin.import_too_large", err)
		}
		return errs.E("admin.parseBody", errs.Invalid, "error.invalid", err)
	}
	return nil
}

// localTime is t in Vietnam, to the minute; "" for the zero time.
func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("02/01/2006 15:04")
}
