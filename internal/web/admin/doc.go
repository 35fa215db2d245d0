// Package admin is the staff area under /quan-tri/: login with a second
// factor, the dashboard, units, accounts and roles, the audit log,
// procedures (drafting, approval, publication, import and export), and for
// portal administrators the background jobs, the outbox of notifications,
// webhook endpoints and the calendar's yearly overrides.
//
// Every page needs a complete session (see session.go); every form that
// changes something carries the session's CSRF token. Authorisation is
// decided by the domain services, never here: handlers only pass the
// actor along in the request context.
package admin
