// Package mail is the email channel adapter: it sends notify.Mail through
// an SMTP server with go-mail.
//
// The server is configured by one URL (CONG_SMTP_URL):
//
//	smtp://user:pass@host:587   STARTTLS, required (the default port is 587)
//	smtps://user:pass@host:465  TLS from the first byte (implicit TLS)
//
// On smtp:// the query parameter tls=opportunistic allows a server without
// STARTTLS, and tls=none never starts TLS (a local test server only).
// Credentials are optional; when given they are sent only over TLS.
//
// A recipient rejected with a permanent (5xx) reply is an Invalid error,
// which the notification service does not retry; every other failure is
// Unavailable.
package mail
