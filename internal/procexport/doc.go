// Package procexport writes the procedure catalogue, or any list of
// procedures, as CSV, XLSX (Excel) or JSON.
//
// CSV and XLSX hold one row per procedure with the columns of Columns:
// Vietnamese headers and labels, the repeating parts (channels with their
// time limits and fees, documents, legal basis) as one line each within a
// cell. The CSV starts with a UTF-8 byte order mark so that spreadsheet
// programs read the Vietnamese letters correctly. JSON holds the whole
// content of each procedure as stored, with its status, version and owning
// unit.
package procexport
