// Package keyring derives the portal's working keys from its one secret
// key (CONG_SECRET_KEY) and uses them: keyed hashes (HMAC-SHA256) for
// values that must be compared but never stored in clear, such as a
// dossier's second lookup factor, and sealed boxes (AES-256-GCM) for
// values the portal must read back, such as a centre client's signing
// secret or an applicant's contact.
//
// Every use names a purpose; each purpose gets its own key,
// HMAC-SHA256(secret, "cong/keyring/v1/" + purpose), so a value hashed or
// sealed for one purpose is useless for another. Changing the secret key
// makes every stored hash and box unreadable: the secret is for the life of
// the installation (there is no re-keying yet), and every node of a
// cluster needs the same one.
package keyring
