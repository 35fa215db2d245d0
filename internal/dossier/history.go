package dossier

import (
	"slices"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
)

// Header is the part of a dossier an upsert sets.
type Header struct {
	ProcedureCode   string
	ProcedureName   string
	TimeLimit       TimeLimit
	Channel         Channel
	ApplicantName   string
	ContactSealed   string // kept when empty
	LookupHash      string // kept when empty
	ReceivedAt      time.Time
	HandlingUnitIDs []int64 // kept when nil
}

// SetHeader replaces d's details with h if the upsert made at at is not
// older than the one that last set them, and reports whether it did. An
// older upsert arriving late changes nothing (its event still counts for
// the history). Call Recompute afterwards: the receipt time and the limit
// feed the appointment.
func (d *Dossier) SetHeader(h Header, at time.Time) bool {
	if !d.HeaderAt.IsZero() && at.Before(d.HeaderAt) {
		return false
	}
	d.ProcedureCode, d.ProcedureName, d.TimeLimit = h.ProcedureCode, h.ProcedureName, h.TimeLimit
	d.Channel, d.ApplicantName, d.ReceivedAt = h.Channel, h.ApplicantName, h.ReceivedAt
	if h.ContactSealed != "" {
		d.ContactSealed = h.ContactSealed
	}
	if h.LookupHash != "" {
		d.LookupHash = h.LookupHash
	}
	if h.HandlingUnitIDs != nil {
		d.HandlingUnitIDs = h.HandlingUnitIDs
	}
	d.HeaderAt = at
	return true
}

// AddEvent places ev in the history after every event with a time not
// after its own (so out-of-order events land where they belong and ties
// keep arrival order), checks that the statuses still follow one another
// by CanTransition, and recomputes the derived fields with cal. When the
// centre moved a given appointment later after it had passed, it returns
// the apology slip to record (DossierID and ReceiptCode set, CreatedAt
// not). It returns Invalid — "dossier.event_invalid" for a zero time or an
// unknown status, "dossier.transition_invalid" for a status that may not
// follow the one before it or precede the one after it — and then leaves
// d unchanged.
func (d *Dossier) AddEvent(ev Event, cal *calendar.Calendar) (*ApologySlip, error) {
	const op = "dossier.AddEvent"
	if ev.At.IsZero() || (ev.Status != "" && !ev.Status.Valid()) {
		return nil, errs.E(op, errs.Invalid, "dossier.event_invalid")
	}
	i := len(d.History)
	for i > 0 && d.History[i-1].At.After(ev.At) {
		i--
	}
	history := slices.Insert(slices.Clone(d.History), i, ev)
	if from, to, ok := checkChain(history); !ok {
		return nil, errs.E(op, errs.Invalid, "dossier.transition_invalid", errs.MsgArgs{string(from), string(to)})
	}
	old, oldBasis := d.AppointmentAt, d.AppointmentBasis
	d.History = history
	d.Recompute(cal)
	return d.apology(ev, old, oldBasis), nil
}

// checkChain returns the first pair of consecutive statuses that may not
// follow one another, and ok when there is none.
func checkChain(history []Event) (from, to Status, ok bool) {
	var prev Status
	for _, e := range history {
		if e.Status == "" {
			continue
		}
		if prev != "" && !CanTransition(prev, e.Status) {
			return prev, e.Status, false
		}
		prev = e.Status
	}
	return "", "", true
}

// apology returns the slip due when ev moved a given appointment later
// after it had passed (by ev's time), or nil.
func (d *Dossier) apology(ev Event, old time.Time, oldBasis Basis) *ApologySlip {
	moved := d.AppointmentBasis == Given && ev.AppointmentAt.Equal(d.AppointmentAt) && d.AppointmentAt.After(old)
	if !moved || old.IsZero() || oldBasis == NoAppointment || !ev.At.After(old) {
		return nil
	}
	return &ApologySlip{
		DossierID: d.ID, ReceiptCode: d.ReceiptCode,
		OldAppointment: old, NewAppointment: d.AppointmentAt,
		Reason: ev.PublicNote, EventAt: ev.At,
	}
}

// Recompute derives the status, result and return times and the
// appointment from the history, the receipt time and the limit. The
// status of a dossier without status events is Received at ReceivedAt.
func (d *Dossier) Recompute(cal *calendar.Calendar) {
	d.Status, d.StatusAt = Received, d.ReceivedAt
	d.FinishedAt, d.ReturnedAt = time.Time{}, time.Time{}
	var given time.Time
	for _, e := range d.History {
		if !e.AppointmentAt.IsZero() {
			given = e.AppointmentAt
		}
		if e.Status == "" {
			continue
		}
		d.Status, d.StatusAt = e.Status, e.At
		if e.Status.Finished() && d.FinishedAt.IsZero() {
			d.FinishedAt = e.At
		}
		if e.Status == Returned && d.ReturnedAt.IsZero() {
			d.ReturnedAt = e.At
		}
	}
	d.AppointmentAt, d.AppointmentBasis = d.appointment(cal, given)
}

// appointment returns the appointment given last, else the one computed
// from the limit with the pauses that have ended (a running pause moves
// it only once it ends; OverdueDays does not count it meanwhile).
func (d *Dossier) appointment(cal *calendar.Calendar, given time.Time) (time.Time, Basis) {
	if !given.IsZero() {
		return given, Given
	}
	if cal == nil || d.ReceivedAt.IsZero() {
		return time.Time{}, NoAppointment
	}
	due, _, ok := d.TimeLimit.Due(cal, d.ReceivedAt, d.Pauses(time.Time{}))
	if !ok {
		return time.Time{}, NoAppointment
	}
	return due.UTC(), Computed
}
