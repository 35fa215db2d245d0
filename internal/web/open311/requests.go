package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// RequestHandlers serve dossiers as GeoReport v2 service requests:
//
//	GET /open311/v2/requests/{receipt code}.json?factor=1234   (and .xml)
//
// A dossier is personal: unlike the specification's open "GET Service
// Request", the answer needs the dossier's second factor in the factor
// parameter (an extension of this portal), goes through the citizens'
// lookup with its attempt limits, and holds no personal field (no
// description, address, position or media). A wrong code and a wrong
// factor both answer 404; a missing factor 400; too many failed attempts
// 429. Answers are never cached. Listing requests is not offered.
type RequestHandlers struct {
	Catalog *i18n.Catalog
	// Lookup is the citizens' lookup; nil leaves the endpoint out.
	Lookup *dossier.LookupService
}

// RequestRoutes registers the endpoint.
func RequestRoutes(r httpx.Router, h *RequestHandlers) {
	if h.Lookup != nil {
		r.Handle("GET /open311/v2/requests/{file}", h.request)
	}
}

// Request is a service request ("GET Service Request") limited to the
// fields that are not personal. Times are ISO 8601 with Vietnam's offset.
type Request struct {
	XMLName           xml.Name `json:"-" xml:"request"`
	ID                string   `json:"service_request_id" xml:"service_request_id"`
	Status            string   `json:"status" xml:"status"` // open or closed
	StatusNotes       string   `json:"status_notes" xml:"status_notes"`
	ServiceName       string   `json:"service_name" xml:"service_name"`
	ServiceCode       string   `json:"service_code" xml:"service_code"`
	AgencyResponsible string   `json:"agency_responsible" xml:"agency_responsible"`
	Requested         string   `json:"requested_datetime" xml:"requested_datetime"`
	Updated           string   `json:"updated_datetime" xml:"updated_datetime"`
	Expected          string   `json:"expected_datetime" xml:"expected_datetime"`
}

type xmlRequests struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []Request `xml:"request"`
}

// request answers one dossier as a one-element list, as the
// specification does.
func (h *RequestHandlers) request(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	file := r.PathValue("file")
	i := strings.LastIndexByte(file, '.')
	if i < 0 {
		i = len(file)
	}
	code, format := file[:i], strings.TrimPrefix(file[i:], ".")
	fail := (&Handlers{Catalog: h.Catalog}).fail
	if format != "json" && format != "xml" {
		fail(w, r, "json", errs.E("open311.request", errs.NotFound))
		return
	}
	factor := r.URL.Query().Get("factor")
	if strings.TrimSpace(factor) == "" {
		fail(w, r, format, errs.E("open311.request", errs.Malformed, "open311.factor_required"))
		return
	}
	p, err := h.Lookup.Lookup(r.Context(), dossier.LookupRequest{Code: code, Factor: factor, ClientIP: httpx.From(r).ClientIP})
	if errs.Is(err, errs.Invalid) {
		err = errs.E("open311.request", errs.NotFound, "lookup.no_match")
	}
	if err != nil {
		if errs.Is(err, errs.RateLimited) {
			w.Header().Set("Retry-After", "900")
		}
		fail(w, r, format, err)
		return
	}
	writeRequest(w, format, toRequest(p))
}

func toRequest(p *dossier.PublicDossier) Request {
	status := "open"
	if p.Closed() {
		status = "closed"
	}
	return Request{ID: p.ReceiptCode, Status: status, StatusNotes: p.LatestNote(), ServiceName: p.ProcedureName,
		ServiceCode: p.ProcedureCode, AgencyResponsible: p.CentreName, Requested: stamp(p.ReceivedAt),
		Updated: stamp(p.Updated), Expected: stamp(p.AppointmentAt)}
}

// stamp formats t for GeoReport, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone()).Format(time.RFC3339)
}

// writeRequest writes the one-element list, never cached.
func writeRequest(w http.ResponseWriter, format string, req Request) {
	var b []byte
	var err error
	ct := "application/json; charset=utf-8"
	if format == "xml" {
		ct = "application/xml; charset=utf-8"
		b, err = xml.Marshal(xmlRequests{Requests: []Request{req}})
		b = append([]byte(xml.Header), b...)
	} else {
		b, err = json.Marshal([]Request{req})
	}
	if err != nil {
		http.Error(w, "500 Internal Server Error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}
