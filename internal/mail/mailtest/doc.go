// Package mailtest is a small SMTP server for tests: enough of RFC 5321
// (EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for the
// mail adapter to deliver to it over STARTTLS or implicit TLS, with a
// self-signed certificate the client is told to trust. It keeps every
// message it accepts and can reject chosen recipients.
package mailtest
