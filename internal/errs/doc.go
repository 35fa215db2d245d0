// Package errs defines the one error type of the project.
//
// Every error that may reach a user is an *Error with a Code (which decides the
// HTTP status at the edge), a translation key for the message that is safe to
// show, optional per-field errors for forms and the API, and the internal cause,
// which is logged with the request ID and never shown.
//
// Domain and storage code builds errors with E; the web layer reads them with
// CodeOf, KeyOf and FieldsOf. Unknown errors are internal: never a 4xx.
package errs
