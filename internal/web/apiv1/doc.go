// Package apiv1 is the public JSON API under /api/v1/. It has its own
// request and response types (never the domain's), documented in the
// OpenAPI 3.1 document served at /api/v1/openapi.json; tests validate real
// responses against that document.
package apiv1
