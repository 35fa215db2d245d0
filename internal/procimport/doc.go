// Package procimport imports administrative procedures from the national
// procedure database (Cơ sở dữ liệu quốc gia về thủ tục hành chính, as
// exported by dichvucong.gov.vn and structured one JSON object per line,
// the "dvcqg" format) into the procedure catalogue.
//
// Read parses a file into records; Map turns each record into a
// procedure.Procedure and lists, per record and field, whatever it could
// not map exactly (a time limit given only as text, a fee in another
// currency, a legal reference without a document number, an unknown
// field...); Apply announces the procedures through the procedure service
// and reports what it created, updated and left unchanged.
//
// What is kept and how:
//   - Every text is kept. Time limits such as "05 Ngày làm việc" become a
//     number and a unit besides the published text; fees such as "Phí : 0
//     Đồng" become an amount in đồng, anything else stays text.
//   - "Không có thông tin" (no information) becomes an empty field, and a
//     condition of "Không" means none.
//   - The national record does not state the online level of Decree
//     42/2022: a procedure with an online channel is recorded as partial
//     online, one without as not online. Administrators raise it to full
//     online where it is.
//   - The owning unit is the unit whose name the implementing agency
//     states (after dropping "thành phố Hà Nội"), else the city's root unit;
//     the report lists the agencies that fell back to the root.
//
// Apply is idempotent: a procedure whose mapped content hashes like its
// current published version is left unchanged; a changed one becomes a new
// published version (the record's announcing decision is its basis); the
// history keeps every version. Apply writes as the actor in ctx, which
// needs the approver's rights on the owning units (the command line's
// system actor has them).
package procimport
