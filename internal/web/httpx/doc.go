// Package httpx is what every HTTP area of the portal shares: the request
// context (language, request ID, actor, session), the renderer of HTML pages
// and JSON, the one place errors reach users, JSON decoding with limits, and
// the static assets at content-hash URLs.
//
// It imports domain ports only; handlers live in public, admin and apiv1.
package httpx
