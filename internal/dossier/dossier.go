package dossier

import (
	"time"

	"github.com/cong-vn/cong/internal/access"
)

// Dossier is one application handled under a procedure. The fields after
// History are derived from it (see the package documentation); the store
// keeps them for its indexes.
type Dossier struct {
	ID            int64
	ReceiptCode   string // mã hồ sơ; unique across the portal
	ProcedureCode string // the national code of the procedure
	ProcedureName string // a copy of the name at receipt, for pages
	// CentreUnitID is the receiving one-stop centre (a unit of kind
	// centre); only its API clients may write the dossier.
	CentreUnitID    int64
	CentreUnitPath  string  // the centre's tree path, filled when reading; decides staff access
	HandlingUnitIDs []int64 // the units that handle it (competent agencies)
	Channel         Channel
	ApplicantName   string
	// Contact is the applicant's contact in clear. It is never stored as
	// is: services seal it into ContactSealed before writing and open it
	// only to send notifications.
	Contact       Contact
	ContactSealed string
	// LookupHash is LookupHash(receipt code, second factor): the citizen's
	// lookup compares against it; the factor itself is never stored.
	LookupHash string
	ReceivedAt time.Time
	// TimeLimit is the procedure's limit used to compute the appointment;
	// zero when the centre gives the appointment or none is known.
	TimeLimit TimeLimit
	// HeaderAt is the event time of the upsert that last set the fields
	// above; an older upsert arriving later does not overwrite them.
	HeaderAt time.Time
	History  []Event // ordered by event time; ties in arrival order

	// Derived from History by Recompute.
	Status           Status
	StatusAt         time.Time // the time of the latest status event
	AppointmentAt    time.Time // zero when none is known
	AppointmentBasis Basis
	FinishedAt       time.Time // first result (or refusal); zero when none
	ReturnedAt       time.Time // when the result was returned; zero when not

	Version          int
	Created, Updated time.Time
}

// Basis says where an appointment comes from.
type Basis string

// The bases.
const (
	NoAppointment Basis = ""         // none known yet
	Computed      Basis = "computed" // from TimeLimit, ReceivedAt and the pauses
	Given         Basis = "given"    // as given by the centre in an event
)

// EventKind says what an event records.
type EventKind string

// The kinds of event.
const (
	// Upsert records that the centre created or updated the dossier's
	// details; it carries a status only when the centre gave one.
	Upsert EventKind = "upsert"
	// StatusChange records a status (or only a new appointment).
	StatusChange EventKind = "status"
)

// Event is one entry of a dossier's history.
type Event struct {
	ID     int64 // the store's; 0 until stored
	Kind   EventKind
	At     time.Time // when it happened at the centre (event time)
	UnitID int64     // the unit where the dossier was; 0 when not said
	// Status is the canonical status; empty for an upsert that changed
	// only details.
	Status           Status
	CentreStatus     string // the centre's own status code, as sent
	CentreStatusText string // the centre's own status text, as sent
	PublicNote       string // shown to the applicant
	InternalNote     string // staff only
	// AppointmentAt is a new appointment the centre gave with this event;
	// zero when it gave none.
	AppointmentAt time.Time
	// EventID is the centre's own identifier; unique per centre, it makes
	// re-sending harmless. Empty for events not sent by a centre.
	EventID     string
	ReceivedVia string // how it reached the portal: "centre_api", "staff"
	// PayloadHash identifies the content sent under EventID, to tell an
	// identical re-send from a different item reusing the id.
	PayloadHash string
	Created     time.Time // when the portal stored it
}

// Target is the access target of the dossier: its receiving centre.
func (d *Dossier) Target() access.Target {
	return access.Target{UnitID: d.CentreUnitID, UnitPath: d.CentreUnitPath}
}

// ApologySlip is a phiếu xin lỗi và hẹn lại ngày trả kết quả: recorded
// when the centre moves an appointment later after it has passed, to be
// printed and sent to the applicant.
type ApologySlip struct {
	ID             int64
	DossierID      int64
	ReceiptCode    string
	OldAppointment time.Time
	NewAppointment time.Time
	Reason         string    // the event's public note
	EventAt        time.Time // when the centre moved the appointment
	CreatedAt      time.Time
	// SentAt is when the slip's message to the applicant was queued for
	// delivery (see SlipNotifier), in the transaction that recorded the
	// slip; zero when it was not (no contact to send it to), and then the
	// staff print it. NotificationID is that message (its delivery is
	// tracked in the outbox); 0 when none.
	SentAt         time.Time
	NotificationID int64
}
