// Package account is the domain of staff accounts: users and the roles
// granted to them on units, passwords, the TOTP second factor, server-side
// sessions, login and its rate limits.
//
// # Authorisation
//
// Every use case asks access.Can. A user belongs to the units of its grants.
// An actor may see a user when it may ManageStaff on at least one of them,
// and may change the account (profile, password reset, disable) only when it
// may ManageStaff on all of them; a user outside the actor's units is
// NotFound, never Forbidden, so staff cannot probe other units' accounts.
// Only a portal admin may see, create or change a portal admin, and users
// without any grant are visible to portal admins only. Giving or removing a
// grant needs ManageStaff on the grant's unit, and a Subtree grant needs it on
// the whole subtree.
//
// # Passwords
//
// Argon2id (m=19456 KiB, t=2, p=1, the OWASP minimum) in the PHC string
// format, behind a semaphore sized to GOMAXPROCS so that a flood of logins
// queues instead of exhausting memory. The policy is NIST SP 800-63B's:
// 12 to 256 characters, no composition rules, not in the embedded list of
// common passwords, not the username.
//
// # Login and rate limits
//
// Failed logins are counted in fixed windows shared by every node (the
// store's rate counters): per client address (an IPv6 address counts as its
// /64), per (username, address) pair, and per account. The account's
// counter must not let anyone lock a real user out by failing logins from
// elsewhere, so it is shared only by browsers the user never logged in
// from: a successful login gives the browser a device token (a random
// identifier with a keyed hash bound to the username, kept in a long-lived
// cookie), and attempts that present one are counted per device instead.
// An attacker spreading guesses over many addresses thus gets at most
// AccountFailures guesses per window at one account, on top of the cost
// of argon2id, the common password list and, for portal admins, the
// required TOTP, while the user goes on logging in from their own
// browsers; only a browser new to the user waits for the window's end
// during such an attack. An attempt over a limit is refused before the
// password is checked. Unknown users and wrong
// passwords give the same error after the same work.
//
// # Sessions
//
// The client holds a random 256-bit token; the store keeps only its SHA-256,
// so a leaked database does not yield live sessions. A session ends after an
// idle timeout and an absolute lifetime, is replaced by a new token at login
// and when the second factor passes, and carries a CSRF token for forms.
// Disabling a user, or changing or resetting a password, ends every session
// of the user.
//
// A session whose second factor is still due is Pending: its actor has no
// grants, so it can do nothing but the pending step (a TOTP code, TOTP
// enrolment for a portal admin without it, or a required password change).
package account
