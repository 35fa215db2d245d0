package apiv1

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// CentreBodyLimit is the largest body POST /api/v1/centre/events reads.
const CentreBodyLimit = 8 << 20

// CentreItem is one item of a batch as sent on the wire; see
// centreapi.Item for the meaning of the fields.
type CentreItem struct {
	Type          string   `json:"type"`
	EventID       string   `json:"event_id"`
	At            string   `json:"at,omitempty"`
	ReceiptCode   string   `json:"receipt_code,omitempty"`
	Status        string   `json:"status,omitempty"`
	StatusText    string   `json:"status_text,omitempty"`
	Unit          string   `json:"unit,omitempty"`
	PublicNote    string   `json:"public_note,omitempty"`
	InternalNote  string   `json:"internal_note,omitempty"`
	AppointmentAt string   `json:"appointment_at,omitempty"`
	ProcedureCode string   `json:"procedure_code,omitempty"`
	ProcedureName string   `json:"procedure_name,omitempty"`
	Channel       string   `json:"channel,omitempty"`
	ApplicantName string   `json:"applicant_name,omitempty"`
	Email         string   `json:"email,omitempty"`
	Phone         string   `json:"phone,omitempty"`
	LookupFactor  string   `json:"lookup_factor,omitempty"`
	ReceivedAt    string   `json:"received_at,omitempty"`
	HandlingUnits []string `json:"handling_units,omitempty"`
}

// CentreBatchResult is the answer to a batch.
type CentreBatchResult struct {
	Received  int                `json:"received"`
	OK        int                `json:"ok"`
	Duplicate int                `json:"duplicate"`
	Error     int                `json:"error"`
	Results   []CentreItemResult `json:"results"`
}

// CentreItemResult is the outcome of one item.
type CentreItemResult struct {
	Index       int              `json:"index"`
	EventID     string           `json:"event_id,omitempty"`
	Result      string           `json:"result"`
	ReceiptCode string           `json:"receipt_code,omitempty"`
	Error       *CentreItemError `json:"error,omitempty"`
}

// CentreItemError says why an item was refused.
type CentreItemError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// centreEvents answers POST /api/v1/centre/events: a signed batch of
// dossier upserts and status events from a centre's system. 200 means
// every item reported "ok" is durably stored; 400 malformed JSON, 401 a
// bad signature, 413 a body over CentreBodyLimit, 422 a batch of the
// wrong size.
func (h *Handlers) centreEvents(w http.ResponseWriter, r *http.Request) {
	const op = "apiv1.centreEvents"
	w.Header().Set("Cache-Control", "no-store")
	if h.Centre == nil {
		h.Render.Error(w, r, errs.E(op, errs.Unavailable, errors.New("the centre API is not configured")))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, CentreBodyLimit))
	if err != nil {
		h.Render.Error(w, r, errs.E(op, errs.TooLarge, err))
		return
	}
	client, err := h.Centre.Authenticate(r.Context(), centreapi.SignedRequest{Method: r.Method,
		RequestURI: requestURI(r), Authorization: r.Header.Get("Authorization"), Body: body})
	if err != nil {
		w.Header().Set("WWW-Authenticate", centreapi.Scheme)
		h.Render.Error(w, r, err)
		return
	}
	items, err := decodeBatch(w, r, body)
	if err != nil {
		h.Centre.RequestFailed(r.Context(), client)
		h.Render.Error(w, r, err)
		return
	}
	res, err := h.Centre.Ingest(r.Context(), client, items)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.Render.JSON(w, r, http.StatusOK, h.batchResult(r, res))
}

// requestURI is the request target as the client sent (and signed) it.
func requestURI(r *http.Request) string {
	if r.RequestURI != "" {
		return r.RequestURI
	}
	return r.URL.RequestURI()
}

// decodeBatch reads {"items": [...]}: malformed JSON fails the batch
// (Malformed "error.bad_json", a 400 saying where), while an item that does not fit
// CentreItem becomes a malformed item, reported on its own.
func decodeBatch(w http.ResponseWriter, r *http.Request, body []byte) ([]centreapi.Item, error) {
	var batch struct {
		Items []json.RawMessage `json:"items"`
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := httpx.DecodeJSON(w, r, &batch, CentreBodyLimit); err != nil {
		return nil, err
	}
	items := make([]centreapi.Item, len(batch.Items))
	for i, raw := range batch.Items {
		items[i] = decodeItem(raw)
	}
	return items, nil
}

func decodeItem(raw json.RawMessage) centreapi.Item {
	var c CentreItem
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		var loose struct {
			Type    any `json:"type"`
			EventID any `json:"event_id"`
		}
		json.Unmarshal(raw, &loose)
		id, _ := loose.EventID.(string)
		return centreapi.Item{EventID: id, Malformed: itemDecodeError(err)}
	}
	return centreapi.Item{Type: centreapi.ItemType(c.Type), EventID: c.EventID, At: c.At, ReceiptCode: c.ReceiptCode,
		Status: c.Status, StatusText: c.StatusText, Unit: c.Unit, PublicNote: c.PublicNote, InternalNote: c.InternalNote,
		AppointmentAt: c.AppointmentAt, ProcedureCode: c.ProcedureCode, ProcedureName: c.ProcedureName, Channel: c.Channel,
		ApplicantName: c.ApplicantName, Email: c.Email, Phone: c.Phone, LookupFactor: c.LookupFactor,
		ReceivedAt: c.ReceivedAt, HandlingUnits: c.HandlingUnits}
}

// itemDecodeError says what is wrong with an item, without echoing its
// values (they may be personal data).
func itemDecodeError(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return "field \"" + typ.Field + "\" must be " + typ.Type.String()
	}
	if msg := err.Error(); len(msg) > 5 && msg[:5] == "json:" {
		return msg[6:]
	}
	return "not a JSON object"
}

// batchResult converts the result, translating item errors.
func (h *Handlers) batchResult(r *http.Request, res *centreapi.Result) CentreBatchResult {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	out := CentreBatchResult{Received: len(res.Items), OK: res.OK, Duplicate: res.Duplicates, Error: res.Errors,
		Results: make([]CentreItemResult, len(res.Items))}
	for i, it := range res.Items {
		out.Results[i] = CentreItemResult{Index: it.Index, EventID: it.EventID, Result: string(it.Outcome), ReceiptCode: it.ReceiptCode}
		if it.Outcome != centreapi.Failed {
			continue
		}
		key, args := errs.KeyOf(it.Err)
		e := &CentreItemError{Code: it.ErrorCode, Message: l.T(key, args...)}
		for f, k := range errs.FieldsOf(it.Err) {
			if e.Fields == nil {
				e.Fields = map[string]string{}
			}
			e.Fields[f] = l.T(k)
		}
		out.Results[i].Error = e
	}
	return out
}
