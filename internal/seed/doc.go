// Package seed loads the demo data of the portal: the unit tree of Hanoi.
//
// units.json (embedded) holds, as facts, the city, its 126 wards and
// communes since 1 July 2025 (GSO codes and names from the published
// post-merger list, checked against the official list 1027/CTK-CSCL), the
// city's departments and agencies after the reorganisation of 1 March 2025,
// one-stop centres, and six former district-level units, inactive since
// 1 July 2025 and pointing at their successor. The leaders (invented names
// and biographies), phone numbers, e-mail addresses, agency identifiers and
// most street addresses are demo data: a city replaces them with its own.
//
// Former districts are stored with kind District, inactive, and their
// 3-digit GSO district code; see the comment in units.json.
//
// Units is idempotent: units are matched by code, existing ones are left
// untouched, and running it again creates nothing.
package seed
