// Package centreapi is the one-stop centres' integration: the API clients
// bound to centre units, request signing, and the ingestion of batches of
// dossier upserts and status events into the dossier domain.
//
// # Clients and secrets
//
// A client is bound to one unit of kind centre and holds a key id (public,
// "ck_…") and a secret (shown once, at creation or rotation). The server
// must recompute each request's HMAC, so it cannot keep only a one-way hash
// of the secret: it stores the secret sealed with AES-256-GCM under a key
// derived from the portal's secret key (keyring purpose
// "centre-client-secret", bound to the key id). A copy of the database
// alone does not reveal the secrets; the database and CONG_SECRET_KEY
// together do.
//
// Rotation issues a new secret under the same key id. The previous secret
// stays valid for a grace period (Config.RotationGrace, one hour by
// default) so a centre can switch without downtime; a rotation with grace
// 0 invalidates it at once (use it when a secret leaked). Disabling a
// client refuses every request from it at once.
//
// # Signing
//
// Each request carries
//
//	Authorization: Cong-HMAC-SHA256 KeyId=<key id>, Timestamp=<unix seconds>, Nonce=<nonce>, Signature=<hex>
//
// where Signature is the lower-case hex HMAC-SHA256, keyed with the
// secret, of the string to sign (see StringToSign):
//
//	Cong-HMAC-SHA256 \n METHOD \n request URI (path and query, as sent) \n timestamp \n nonce \n hex SHA-256 of the body
//
// A timestamp more than MaxSkew (5 minutes) from the server's clock is
// refused; a nonce (16 to 64 characters of [A-Za-z0-9_-]) is accepted once
// per key id within NonceTTL (10 minutes): nonces are kept in the database,
// so every node refuses a replay. Failures answer 401 with a message that
// says what to fix (clock, nonce) without telling a wrong key from a
// wrong signature.
//
// # Batches
//
// A batch holds 1 to MaxBatch items, each a dossier upsert ("dossier") or a
// status event ("status") with the centre's own event id. Items are
// validated one by one (unknown fields, bad times, unmapped status codes,
// unknown units or dossiers, forbidden transitions are item errors) and
// every valid item of the batch is committed in one transaction before the
// answer: a 2xx answer means durably committed. An event id already stored
// for the centre answers "duplicate" and changes nothing, which makes
// re-sending any batch harmless. Status codes go through the centre's
// mapping table (centre code → canonical status); a code without a mapping
// is the item error "unmapped_status", never a guess.
//
// A centre writes only its own dossiers: an item about a receipt code that
// another centre registered is the item error "forbidden".
package centreapi
