package centreapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// MaxBatch is the most items a batch may hold.
const MaxBatch = 1000

// ItemType says what an item is.
type ItemType string

// The item types.
const (
	DossierItem ItemType = "dossier" // create or update a dossier (an upsert)
	StatusItem  ItemType = "status"  // a status event, or a new appointment
)

// Item is one entry of a batch as a centre sends it. Times are RFC 3339
// with a zone ("2025-02-10T09:30:00+07:00"). Fields marked "dossier" are
// read only on dossier items.
type Item struct {
	Type    ItemType
	EventID string // the centre's own id, 1–128 characters; required
	// At is when the event happened at the centre; required on status
	// items, and the receipt time when left out of a dossier item.
	At string
	// ReceiptCode names the dossier; required on status items. A dossier
	// item without one gets a code from the portal's receipt format.
	ReceiptCode   string
	Status        string // the centre's status code, mapped to a canonical status
	StatusText    string // the centre's own status text, kept as sent
	Unit          string // code of the unit where the dossier now is
	PublicNote    string // shown to the applicant
	InternalNote  string // staff only
	AppointmentAt string // a new appointment; on a dossier item, the appointment given at receipt

	ProcedureCode string   // dossier: the national code; required
	ProcedureName string   // dossier: used when the portal does not know the procedure
	Channel       string   // dossier: in_person, post or online; required
	ApplicantName string   // dossier: required
	Email         string   // dossier: for notifications; with Phone, kept as it was when both are left out
	Phone         string   // dossier: for notifications
	LookupFactor  string   // dossier: the second lookup factor; the phone's last 4 digits when left out
	ReceivedAt    string   // dossier: required
	HandlingUnits []string // dossier: codes of the handling units; kept as they were when left out

	// Malformed is set by the transport when the item could not be read
	// (a wrong JSON type, an unknown field); the item then fails as
	// invalid with this text.
	Malformed string
}

// The item error codes, as results report them.
const (
	CodeInvalid             = "invalid"
	CodeUnmappedStatus      = "unmapped_status"
	CodeUnknownUnit         = "unknown_unit"
	CodeUnknownDossier      = "unknown_dossier"
	CodeForbidden           = "forbidden"
	CodeInvalidTransition   = "invalid_transition"
	CodeEventIDReused       = "event_id_reused"
	CodeAppointmentRequired = "appointment_required"
)

// itemError is the failure of one item: its code, and the error whose
// key, arguments and fields say what to fix.
type itemError struct {
	code string
	err  error
}

func failure(code string, args ...any) *itemError {
	return &itemError{code: code, err: errs.E("centreapi.item", errs.Invalid, "centre.item_"+code, errs.MsgArgs(args))}
}

func invalid(f errs.FieldErrors) *itemError {
	return &itemError{code: CodeInvalid, err: errs.E("centreapi.item", errs.Invalid, "error.invalid", map[string]string(f))}
}

// parsed is an item checked and converted, ready to apply.
type parsed struct {
	item        *Item
	fail        *itemError
	at          time.Time
	received    time.Time
	appointment time.Time
	status      dossier.Status
	unitID      int64
	handling    []int64
	procedure   dossier.ProcedureInfo
	channel     dossier.Channel
	factor      string
	hash        string
}

// parseTime parses an RFC 3339 time; "" is the zero time.
func parseTime(f *errs.FieldErrors, field, s string, required bool) time.Time {
	if s == "" {
		if required {
			f.Add(field, "field.required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 2000 || t.Year() > 2200 {
		f.Add(field, "centre.time_invalid")
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// checkText adds an error when s is longer than limit runes or holds
// control characters (other than new lines in notes).
func checkText(f *errs.FieldErrors, field, s string, limit int) {
	if utf8.RuneCountInString(s) > limit {
		f.Add(field, "field.too_long")
		return
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
		f.Add(field, "field.invalid_text")
	}
}

// checkCommon checks the fields both item types share.
func checkCommon(f *errs.FieldErrors, it *Item) {
	if it.EventID == "" {
		f.Add("event_id", "field.required")
	}
	checkText(f, "event_id", it.EventID, 128)
	if it.ReceiptCode != "" && !dossier.ValidReceiptCode(it.ReceiptCode) {
		f.Add("receipt_code", "centre.receipt_code_invalid")
	}
	checkText(f, "status_text", it.StatusText, 200)
	checkText(f, "public_note", it.PublicNote, 2000)
	checkText(f, "internal_note", it.InternalNote, 4000)
	if it.Status != "" && !statusCodeRE.MatchString(it.Status) {
		f.Add("status", "centre.status_code_invalid")
	}
}

// checkDossier checks the fields of a dossier item.
func checkDossier(f *errs.FieldErrors, it *Item, p *parsed) {
	p.received = parseTime(f, "received_at", it.ReceivedAt, true)
	if it.At == "" {
		p.at = p.received
	}
	if p.channel = dossier.Channel(it.Channel); !p.channel.Valid() {
		f.Add("channel", "field.choose")
	}
	if it.ProcedureCode == "" {
		f.Add("procedure_code", "field.required")
	}
	checkText(f, "procedure_code", it.ProcedureCode, 40)
	checkText(f, "procedure_name", it.ProcedureName, 1000)
	if strings.TrimSpace(it.ApplicantName) == "" {
		f.Add("applicant_name", "field.required")
	}
	checkText(f, "applicant_name", it.ApplicantName, 200)
	dossier.Contact{Email: it.Email, Phone: it.Phone}.Validate(f, "email", "phone")
	p.factor = it.LookupFactor
	if p.factor == "" {
		p.factor = dossier.PhoneFactor(it.Phone)
	}
	if dossier.NormalizeFactor(p.factor) == "" {
		f.Add("lookup_factor", "centre.lookup_factor_invalid")
	}
	if len(it.HandlingUnits) > 20 {
		f.Add("handling_units", "field.too_long")
	}
}

// hashItem identifies an item's content: the SHA-256 of its fields with
// times normalised to UTC, so a re-send formatted differently is still
// the same item.
func hashItem(it *Item, p *parsed) string {
	c := *it
	c.At, c.ReceivedAt, c.AppointmentAt = norm(p.at), norm(p.received), norm(p.appointment)
	b, _ := json.Marshal(c)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func norm(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
