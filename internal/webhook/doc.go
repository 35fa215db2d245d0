// Package webhook is the webhook channel adapter: it POSTs a JSON body to
// another system's endpoint, signed so the receiver can check it came
// from the portal and was not replayed.
//
// Each request carries
//
//	X-Cong-Timestamp: <Unix seconds>
//	X-Cong-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>
//
// keyed with the endpoint's secret. A receiver recomputes the HMAC over
// the raw body (Verify does it) and rejects old timestamps. A 2xx reply is
// success; redirects are not followed; 408, 429, 5xx replies and network
// errors are Unavailable, other replies Invalid. Retries and failure
// counting are the notification service's.
package webhook
