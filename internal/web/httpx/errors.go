package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
)

// MethodNotAllowed is the code of a request whose path exists but not for
// its method (405). Only the router gives it, never a domain service, so it
// lives here rather than among the domain's codes in errs.
const MethodNotAllowed errs.Code = "method_not_allowed"

// Status maps an error code to its HTTP status. Unknown errors are 500,
// never a 4xx.
func Status(err error) int {
	switch errs.CodeOf(err) {
	case MethodNotAllowed:
		return http.StatusMethodNotAllowed
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.Malformed:
		return http.StatusBadRequest
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.RateLimited:
		return http.StatusTooManyRequests
	case errs.TooLarge:
		return http.StatusRequestEntityTooLarge
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON envelope of an API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes an API error in the client's language.
type ErrorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id"`
}

// IsAPI reports whether the request gets JSON errors.
func IsAPI(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/open311/")
}

// Error is the one place errors reach users: a JSON envelope for the API, an
// HTML page otherwise, in the request's language (Info.Lang). Internal
// causes are logged with the request ID, never shown. A 405 keeps the Allow
// header the caller set.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, err error) {
	info := From(r)
	status := Status(err)
	if status >= 500 {
		info.Logger.Error("request failed", "status", status, "err", err)
	} else {
		info.Logger.Debug("request refused", "status", status, "err", err)
	}
	l := rd.Catalog.For(info.Lang)
	key, args := errs.KeyOf(err)
	msg := l.T(key, args...)
	fields := map[string]string{}
	for f, k := range errs.FieldsOf(err) {
		fields[f] = l.T(k)
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "60")
	}
	if IsAPI(r) {
		if LangFromHeader(r) {
			// Shared caches must keep one answer per language.
			AddVary(w.Header(), "Accept-Language")
		}
		w.Header().Set("Content-Language", l.Lang)
		body := ErrorBody{ErrorDetail{Code: string(errs.CodeOf(err)), Message: msg, Fields: fields, RequestID: info.RequestID}}
		if len(fields) == 0 {
			body.Error.Fields = nil
		}
		rd.JSON(w, r, status, body)
		return
	}
	// The language switch of an error page leads to the other language's
	// home: the same path in the other language may not exist.
	alt := "/en/"
	if l.Lang == "en" {
		alt = "/"
	}
	rd.HTML(w, r, status, "error", &Page{L: l, Title: l.T("error.title"), Noindex: true, AltLangURL: alt, Data: ErrorView{
		Status: status, Message: msg, Fields: fields, RequestID: info.RequestID,
	}})
}

// ErrorView is the data of the error page.
type ErrorView struct {
	Status    int
	Message   string
	Fields    map[string]string
	RequestID string
}

// DecodeJSON reads a JSON body of at most limit bytes into dst. It returns
// TooLarge (413) past the limit, and Malformed (400, "error.bad_json")
// naming where the JSON went wrong; unknown fields are refused so typos are
// not ignored.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any, limit int64) error {
	const op = "httpx.DecodeJSON"
	body := http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{"trailing data after the JSON value"})
		}
		return nil
	}
	var maxErr *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return errs.E(op, errs.TooLarge, err)
	case errors.As(err, &syn):
		return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{fmt.Sprintf("%s (byte %d)", syn.Error(), syn.Offset)}, err)
	case errors.As(err, &typ):
		return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{fmt.Sprintf("field %q must be %s (byte %d)", typ.Field, typ.Type, typ.Offset)}, err)
	case errors.Is(err, io.EOF):
		return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{"empty body"})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{"unexpected end of JSON"})
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{strings.TrimPrefix(err.Error(), "json: ")})
	}
	return errs.E(op, errs.Malformed, "error.bad_json", errs.MsgArgs{err.Error()}, err)
}

func asMaxBytes(err error, target **http.MaxBytesError) bool { return errors.As(err, target) }
