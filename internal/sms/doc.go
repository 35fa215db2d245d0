// Package sms is the SMS channel adapter: an HTTP gateway described by
// configuration alone, so no provider is built in.
//
// The request is made from templates in which {to} and {text} are
// replaced by the recipient's number and the message, each escaped for
// where it stands (a URL query, a form body or a JSON string):
//
//	URL:    https://gw.example/send?to={to}&text={text}   (method GET)
//	URL:    https://gw.example/api/sms                     (method POST)
//	Body:   {"phone":"{to}","message":"{text}"}            (application/json)
//
// Credentials are HTTP basic auth or a token in a header of choice. A 2xx
// reply is success (and must contain SuccessMatch when it is set); 429 and
// 5xx replies and network errors are Unavailable, other replies Invalid.
// Error texts never contain the request URL, which holds the number.
package sms
