// Package dossier is the domain of dossiers (hồ sơ) received at the
// one-stop centres: their receipt codes, canonical statuses and history,
// the appointment date (ngày hẹn trả) and how it was computed, pauses
// while a supplement is awaited, overdue days, and the apology and
// new-appointment slips (phiếu xin lỗi và hẹn lại ngày trả kết quả).
//
// A dossier's state is a function of its history: the current status is
// that of the latest status event by event time (events that arrive out of
// order are placed by their time), the result and return times are those
// of the first such events, supplement requests pause the clock from the
// request until the next status, and the appointment is the one the centre
// gave last (by event time) or, when it gave none, the one computed with
// the working-day calendar from the procedure's time limit, the receipt
// time and the pauses. Dossier.AddEvent and Dossier.Recompute keep these
// derived fields; the store keeps them for indexes and statistics, but
// they are never set by hand.
//
// Overdue is computed, never stored: Dossier.OverdueDays counts the
// working time past the appointment, in working days, for a dossier
// without a result.
//
// Personal data: the applicant's contact is sealed (encrypted) before it
// is stored and masks itself when printed or logged; the second lookup
// factor is stored only as a keyed hash bound to the receipt code (see
// LookupHash). The procedures domain is reached through ProcedureLookup,
// a port the command wires, so this package does not depend on it.
package dossier
