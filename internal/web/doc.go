// Package web is the HTTP transport of the portal: it assembles the
// middleware chain, the public pages (package public), the staff
// administration (package admin) and the JSON API (package apiv1), and runs
// the server with timeouts and graceful shutdown.
//
// web calls domain services, never SQL. Errors reach users through
// httpx.Renderer.Error only.
package web
