// Package procedure is the domain of administrative procedures (thủ tục
// hành chính): the catalogue a city publishes of everything citizens and
// businesses can ask its units to do, in the shape of the national
// procedure database (Cơ sở dữ liệu quốc gia về thủ tục hành chính).
//
// A Procedure carries every field of a national record: its national code
// (1.002425), name, levels, field, agencies, steps, channels each with its
// time limit and fees, required documents, applicants, result, conditions,
// legal basis, forms, where to submit and collect, the announcing decision,
// effective dates, the online level and the owning unit.
//
// # Versions and lifecycle
//
// Nothing is overwritten. Every change of content appends a new version,
// kept whole with who made it, when, why and under which decision; the
// history is readable with Versions and Version. A procedure moves
// draft → approved → published; editing a procedure makes a new draft
// version, while the last published version stays public until the new one
// is published in turn. Abolishing (by decision) appends a final version
// with status abolished. Announce records a procedure that a competent
// authority has already announced by decision (imports, the demo seed): it
// creates or amends the procedure as a published version in one step.
//
// Edits name the version they read; a stale one is a Conflict with key
// "error.stale".
//
// # Authorisation
//
// Rules are decided here, on the owning unit, with access.Can: editors
// (EditContent) create and edit; approvers (ApproveContent) approve,
// publish, abolish and announce. Anyone may read published procedures;
// only staff with ViewPrivate on the owning unit see drafts and unpublished
// versions, and to everyone else such procedures do not exist (NotFound).
// Every change is written with its audit entry in the same transaction.
package procedure
