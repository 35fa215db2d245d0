// Package unitimport loads a province and its wards and communes from the
// published list of Vietnam's administrative units after the July 2025
// merger (the simplified JSON of vn-provinces-db), checks their codes and
// names against the official GSO list (letters 1027/CTK-CSCL and
// 915/CTK-CSCL as kept by the dvhcvn project), and applies them to the unit
// store.
//
// Load reads; CheckOfficial compares; Apply writes. Apply is idempotent:
// units are matched by GSO code (which is also their unit code), missing
// ones are created, changed names are updated with the version read, and a
// second run changes nothing. Apply writes through the store, as the
// operator's "cong import units" command: it asks no access rule.
package unitimport
