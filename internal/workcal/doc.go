// Package workcal is the service around the working-day calendar: it keeps
// the administrators' per-year overrides (the government's yearly
// announcements of the Tết spread, swapped working days and extra days off)
// in a Store, with their full history, and builds from them the
// calendar.Calendar that every time limit of the portal is counted with.
// Package calendar stays pure: no storage, no actors, no clock.
//
// # History
//
// A stored override is never changed in place. Editing one is removing it
// (a soft removal that records who and when) and adding a new one, so the
// history of a year is every override ever added, active or removed, in the
// order they were added — which is also the order the active ones apply in
// (see calendar.Override). Only portal administrators (access.Administer)
// add or remove overrides; each change is audited in the transaction that
// makes it ("calendar.override_add", "calendar.override_remove").
//
// # Caching across nodes
//
// Building a Calendar is cheap but not free, and every page that shows a
// due date needs one, so the Service keeps the one it built. Every change
// to the overrides also increments a generation counter in the store, in
// the same transaction. A change made through this Service drops the cached
// calendar at once; a change made on another node (or by `cong seed`) is
// seen when this node next reads the generation, at most Recheck (10 s by
// default) after its previous read: one primary-key lookup, no rebuild
// unless the number moved. So another node may count with the old overrides
// for up to Recheck after an administrator's change, which is harmless for
// announcements made weeks ahead.
//
// # Seeding
//
// SeedAnnounced stores the announcements of 2025 and 2026 that the built-in
// rules do not already give (see Announced); it is idempotent and never
// re-adds an override an administrator removed.
package workcal
