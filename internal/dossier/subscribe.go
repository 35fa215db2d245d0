package dossier

import (
	"context"
	"log/slog"
	"net/mail"
	"strings"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
)

// The keyring purposes of subscription addresses.
const (
	subscriptionPurpose = "dossier-subscription"      // sealing
	subscriptionHashKey = "dossier-subscription-hash" // the keyed hash
)

// SubscribeRequest asks for messages on every status change.
type SubscribeRequest struct {
	Token   string // from a lookup answer
	Channel SubscriptionChannel
	Address string // an email address, or a phone number for SMS
	Lang    string // the language of the messages
}

// Subscribe records a subscription to the dossier the token names and
// returns the dossier's view. It returns Unauthorized
// "lookup.token_invalid" for a bad or expired token; Invalid with field
// errors ("channel", "address") for an unknown or unoffered channel or a
// malformed address, Invalid "lookup.subscribe_closed" for a dossier in a
// terminal status and "lookup.subscriptions_full" when it has
// MaxSubscriptions; Conflict "lookup.already_subscribed" for an address
// already subscribed; and the store's errors.
func (s *LookupService) Subscribe(ctx context.Context, r SubscribeRequest) (*PublicDossier, error) {
	const op = "dossier.Subscribe"
	id, hash, err := s.verifyToken(ctx, r.Token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	addr, err := s.checkAddress(r.Channel, r.Address)
	if err != nil {
		return nil, errs.E(op, err)
	}
	p, err := s.view(ctx, id, hash)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if !p.CanSubscribe() {
		return nil, errs.E(op, errs.Invalid, "lookup.subscribe_closed")
	}
	sealed, err := s.keys.Seal(subscriptionPurpose, []byte(addr), []byte(p.ReceiptCode))
	if err != nil {
		return nil, errs.E(op, err)
	}
	sub := &Subscription{DossierID: id, Channel: r.Channel, AddressSealed: sealed,
		AddressHash:   s.keys.Hash(subscriptionHashKey, p.ReceiptCode, strings.ToLower(addr)),
		AddressMasked: notify.Mask(notify.Channel(r.Channel), addr), Lang: lang(r.Lang), Created: s.now().UTC()}
	if err := s.store.CreateSubscription(ctx, sub, s.cfg.MaxSubscriptions); err != nil {
		return nil, errs.E(op, err)
	}
	return p, nil
}

// checkAddress validates the channel and the address and returns the
// address as stored: an email as typed (trimmed), a phone number as its
// digits with an optional leading +.
func (s *LookupService) checkAddress(ch SubscriptionChannel, address string) (string, error) {
	var fe errs.FieldErrors
	address = strings.TrimSpace(address)
	switch {
	case ch != ByEmail && (ch != BySMS || !s.cfg.SMS):
		fe.Add("channel", "lookup.channel_invalid")
	case address == "":
		fe.Add("address", "field.required")
	case ch == ByEmail:
		if a, err := mail.ParseAddress(address); err != nil || a.Address != address || a.Name != "" || len(address) > 254 {
			fe.Add("address", "field.email")
		}
	default:
		address = strings.Map(func(r rune) rune {
			if r == '+' || (r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, address)
		if d := strings.TrimPrefix(address, "+"); len(d) < 8 || len(d) > 15 || strings.Contains(d, "+") {
			fe.Add("address", "field.phone")
		}
	}
	return address, fe.Err("dossier.checkAddress")
}

func lang(l string) string {
	if strings.EqualFold(l, "en") {
		return "en"
	}
	return "vi"
}

// Sender queues a notification in the caller's transaction;
// *notify.Service implements it.
type Sender interface {
	Send(ctx context.Context, tx job.Tx, m notify.Message) (int64, error)
}

// StatusTemplate is the notification template of a status change.
const StatusTemplate = "dossier.status_changed"

// StatusNotifier tells subscribers of status changes. As a ChangeHook it
// queues one message per subscription of each dossier whose canonical
// status changed, in the transaction of the change, so nothing is sent if
// the change rolls back.
type StatusNotifier struct {
	store   PublicStore
	keys    *keyring.Keyring
	send    Sender
	cat     *i18n.Catalog
	baseURL string
	log     *slog.Logger
}

// NewStatusNotifier returns a StatusNotifier. baseURL is the portal's
// address, for the link to the lookup page ("" gives a relative link).
func NewStatusNotifier(store PublicStore, keys *keyring.Keyring, send Sender, cat *i18n.Catalog, baseURL string, log *slog.Logger) *StatusNotifier {
	if log == nil {
		log = slog.Default()
	}
	return &StatusNotifier{store: store, keys: keys, send: send, cat: cat, baseURL: strings.TrimSuffix(baseURL, "/"), log: log}
}

// DossiersChanged queues the messages of the status changes. The
// template (StatusTemplate) gets Code, Procedure, Title (the new status,
// translated), Reason (the public note, or ""), DueDate (the
// appointment, or "") and TrackURL (the lookup page). A
// subscription whose message is refused (its address no longer valid) is
// logged and skipped; the store's and the queue's other errors are
// returned and roll the change back.
func (n *StatusNotifier) DossiersChanged(ctx context.Context, tx job.Tx, changes []Changed) error {
	const op = "dossier.StatusNotifier"
	changed := map[int64]Changed{}
	var ids []int64
	for _, ch := range changes {
		if ch.Before != nil && ch.After != nil && ch.After.ID != 0 && ch.Before.Status != ch.After.Status {
			changed[ch.After.ID] = ch
			ids = append(ids, ch.After.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	subs, err := n.store.FindSubscriptions(ctx, tx, ids)
	if err != nil {
		return errs.E(op, err)
	}
	for _, sub := range subs {
		if err := n.notify(ctx, tx, sub, changed[sub.DossierID]); err != nil {
			return errs.E(op, err)
		}
	}
	return nil
}

// notify queues the message of one subscription.
func (n *StatusNotifier) notify(ctx context.Context, tx job.Tx, sub *Subscription, ch Changed) error {
	d := ch.After
	addr, err := n.keys.Open(subscriptionPurpose, sub.AddressSealed, []byte(d.ReceiptCode))
	if err != nil {
		n.log.Warn("subscription does not open", "subscription", sub.ID, "err", err)
		return nil
	}
	path := "/tra-cuu-ho-so"
	if sub.Lang == "en" {
		path = "/en/dossier-status"
	}
	m := notify.Message{Channel: notify.Channel(sub.Channel), To: string(addr), Lang: sub.Lang, TemplateKey: StatusTemplate,
		UnitID: d.CentreUnitID, Data: map[string]any{
			"Code": d.ReceiptCode, "Procedure": d.ProcedureName, "Title": n.cat.T(sub.Lang, "lookup.status."+string(d.Status)),
			"Reason": latestNote(ch), "DueDate": dueDate(d), "TrackURL": n.baseURL + path,
		}}
	if _, err := n.send.Send(ctx, tx, m); err != nil {
		if errs.Is(err, errs.Invalid) {
			n.log.Warn("status message refused", "subscription", sub.ID, "err", err)
			return nil
		}
		return err
	}
	return nil
}

// dueDate is d's appointment as a date, "" when there is none or the
// dossier has its result.
func dueDate(d *Dossier) string {
	if d.AppointmentAt.IsZero() || d.Status.Closed() {
		return ""
	}
	return d.AppointmentAt.In(calendar.Zone()).Format("02/01/2006")
}

// latestNote is the public note of the newest event the change added
// (events not stored yet have no ID), or "".
func latestNote(ch Changed) string {
	h := ch.After.History
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].ID == 0 && h[i].PublicNote != "" {
			return h[i].PublicNote
		}
	}
	return ""
}
