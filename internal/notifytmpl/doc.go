// Package notifytmpl renders notification messages from templates: for each
// message key and language (vi, en) a plain-text template
// "<key>.<lang>.txt.tmpl" (text/template) defining "subject" and,
// optionally, a short "sms" form besides its body, and an HTML template
// "<key>.<lang>.html.tmpl" (html/template) defining "content", which is
// laid out by _layout.html.tmpl.
//
// The templates are embedded; an operator may override any of them by
// putting a file of the same name in a directory (New's override). Every
// template sees .Lang, .Subject and .Data (the message's data); a field
// missing from .Data is an error, not an empty string.
package notifytmpl
