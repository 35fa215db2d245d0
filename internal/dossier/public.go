package dossier

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/job"
)

// The citizens' side of dossiers: the status lookup with the receipt code
// and the second factor (LookupService), subscriptions to status changes
// confirmed by their subscriber (StatusNotifier sends them), the apology
// slips (SlipNotifier sends them to the applicant; the status page prints
// them), satisfaction ratings, and the published statistics
// (StatsService, kept up to date by StatsKeeper).

// Subscription asks for a message on every status change of a dossier.
// The address is personal data: it is stored sealed (AddressSealed, bound
// to the receipt code) and as a keyed hash (AddressHash, to refuse a
// second subscription of the same address), and shown only masked.
//
// A subscription starts pending and gets no status message until the
// subscriber confirms it (double opt-in): with the signed link of the
// email sent to the address, or with the 6-digit code of the SMS typed on
// the status page. Every message it then gets carries a link that ends it.
type Subscription struct {
	ID            int64
	DossierID     int64
	Channel       SubscriptionChannel
	AddressSealed string
	AddressHash   string
	AddressMasked string
	Lang          string // "vi" or "en": the language of the messages
	Created       time.Time
	// ConfirmedAt is when the subscriber confirmed; zero while pending.
	ConfirmedAt time.Time
	// ConfirmHash is the keyed hash of the confirmation secret (the
	// link's random part, or the SMS code), bound to the address and to
	// ConfirmExpires; the secret itself is never stored.
	ConfirmHash    string
	ConfirmExpires time.Time
	// ConfirmAttempts counts the wrong codes typed for it; at
	// LookupConfig.MaxCodeAttempts its code stops working.
	ConfirmAttempts int
}

// Confirmed reports whether the subscriber confirmed the subscription.
func (s *Subscription) Confirmed() bool { return !s.ConfirmedAt.IsZero() }

// SubscriptionChannel is how a subscriber is told.
type SubscriptionChannel string

// The subscription channels.
const (
	ByEmail SubscriptionChannel = "email"
	BySMS   SubscriptionChannel = "sms"
)

// Rating is the applicant's satisfaction with a dossier's handling
// (Decree 61/2018, art. 35): once per dossier, after the result.
type Rating struct {
	DossierID int64
	Score     int    // 1 (very dissatisfied) to 5 (very satisfied)
	Comment   string // optional, at most MaxRatingComment characters
	Created   time.Time
}

// PublicStore is what the citizens' side reads and writes.
type PublicStore interface {
	// FindLookupHash returns the id and stored lookup hash of the dossier
	// with receipt code code, or NotFound. It is one indexed read of one
	// row, so a lookup takes as long for an unknown code as for a known one.
	FindLookupHash(ctx context.Context, code string) (id int64, hash string, err error)
	// FindDossierByID returns the dossier with its history, or NotFound.
	FindDossierByID(ctx context.Context, id int64) (*Dossier, error)
	// RequestSubscription stores the pending subscription s (setting its
	// ID) and runs then in the same transaction (to queue the
	// confirmation message), so the subscription exists only if its
	// message was queued; then's error rolls it back. A pending
	// subscription of the same address is replaced by s, keeping its ID
	// (asking again sends a new secret; the old one stops working). It
	// returns Conflict "lookup.already_subscribed" when the address has a
	// confirmed subscription, and Invalid "lookup.subscriptions_full" when
	// the dossier has max subscriptions confirmed or still pending at
	// s.Created.
	RequestSubscription(ctx context.Context, s *Subscription, max int, then func(tx job.Tx) error) error
	// FindSubscription returns subscription id, or NotFound.
	FindSubscription(ctx context.Context, id int64) (*Subscription, error)
	// FindDossierSubscriptions returns a dossier's subscriptions, confirmed
	// or not, oldest first.
	FindDossierSubscriptions(ctx context.Context, dossierID int64) ([]*Subscription, error)
	// FindConfirmedSubscriptions returns the confirmed subscriptions of the
	// dossiers, read in tx (the transaction that changes them).
	FindConfirmedSubscriptions(ctx context.Context, tx job.Tx, dossierIDs []int64) ([]*Subscription, error)
	// ConfirmSubscription marks subscription id confirmed at at (once: a
	// confirmed one keeps its time). It returns NotFound when it is gone.
	ConfirmSubscription(ctx context.Context, id int64, at time.Time) error
	// AddConfirmAttempts counts one more wrong code for each subscription.
	AddConfirmAttempts(ctx context.Context, ids []int64) error
	// DeleteSubscription deletes subscription id, or returns NotFound.
	DeleteSubscription(ctx context.Context, id int64) error
	// FindApologySlips returns the slips matching f, oldest first.
	FindApologySlips(ctx context.Context, f SlipFilter) ([]*ApologySlip, error)
	// CreateRating stores r and adds delta to the statistics in one
	// transaction. It returns Conflict "lookup.already_rated" when the
	// dossier was rated.
	CreateRating(ctx context.Context, r *Rating, delta StatsRow) error
	// FindRating returns the rating of a dossier, or NotFound.
	FindRating(ctx context.Context, dossierID int64) (*Rating, error)
}

// Changed is one dossier a write transaction changed: as it was before
// (nil for a new dossier) and as it is written.
type Changed struct {
	Before, After *Dossier
}

// ChangeHook is told of the dossiers a write changed, inside the
// transaction that writes them and after the rows are written (so After
// has its ID), so whatever it writes commits or rolls back with them. An
// error rolls the whole write back.
type ChangeHook interface {
	DossiersChanged(ctx context.Context, tx job.Tx, changes []Changed) error
}

// ChangeHooks runs several hooks in order, stopping at the first error.
type ChangeHooks []ChangeHook

// DossiersChanged runs every hook.
func (hs ChangeHooks) DossiersChanged(ctx context.Context, tx job.Tx, changes []Changed) error {
	for _, h := range hs {
		if err := h.DossiersChanged(ctx, tx, changes); err != nil {
			return err
		}
	}
	return nil
}

// Imported is a dossier written whole by an import (the demo seed, the
// load generator): its history, its rating if any, and what it adds to the
// statistics (Contribution and RatingContribution).
type Imported struct {
	Dossier *Dossier
	Rating  *Rating
	Stats   []StatsRow
}

// Importer writes imported dossiers; *sqlstore.DB implements it.
type Importer interface {
	// ImportDossiers inserts the items whose receipt code is free, with
	// everything they carry, in one transaction, skipping the others
	// whole, and returns how many it inserted. It raises the receipt
	// sequences to at least the values given.
	ImportDossiers(ctx context.Context, items []Imported, sequences map[string]int64) (int, error)
}
