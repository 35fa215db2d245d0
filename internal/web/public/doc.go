// Package public holds the citizens' pages: one file per page, routes in
// routes.go, every page in Vietnamese at its own path and in English under
// /en. Pages work without JavaScript.
package public
