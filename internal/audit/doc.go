// Package audit is the port of the append-only audit log: every staff action
// and every login attempt, with who, what, which object, which unit, when
// (UTC) and from where. Stores write an Entry in the same transaction as the
// change it records, so a committed change is never missing from the log.
package audit
