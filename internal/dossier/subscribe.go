package dossier

import (
	"context"
	"log/slog"
	"net/mail"
	"strconv"
	"strings"
	"time"

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
	Token    string // from a lookup answer
	Channel  SubscriptionChannel
	Address  string // an email address, or a phone number for SMS
	Lang     string // the language of the messages
	ClientIP string // where the request comes from, for the rate limits
}

// Subscribe records a pending subscription to the dossier the token names
// and queues, in the same transaction, the message that confirms it: an
// email with a signed link that works for ConfirmTTL, or an SMS with a
// 6-digit code to type on the status page within CodeTTL. No status
// message goes to the address until it is confirmed. Asking again for a
// pending address sends a new link or code. It returns the dossier's view.
//
// Errors: Unauthorized "lookup.token_invalid" for a bad or expired token;
// RateLimited "dossier.subscribe_rate_limited" when the client's address
// or the dossier made SubscribePerIP or SubscribePerDossier requests in
// the window (every request counts, since each sends a message); Invalid
// with field errors ("channel", "address") for an unknown or unoffered
// channel or a malformed address, Invalid "lookup.subscribe_closed" for a
// dossier in a terminal status or when the portal sends no messages, and
// "lookup.subscriptions_full" when it has MaxSubscriptions; Conflict
// "lookup.already_subscribed" for an address already confirmed; and the
// store's and the notification service's errors.
func (s *LookupService) Subscribe(ctx context.Context, r SubscribeRequest) (*PublicDossier, error) {
	const op = "dossier.Subscribe"
	id, hash, err := s.verifyToken(ctx, r.Token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	err = s.hitLimits(ctx, "dossier.subscribe_rate_limited", rateKey{"subscribe:ip:" + addrKey(r.ClientIP), s.cfg.SubscribePerIP},
		rateKey{"subscribe:dossier:" + strconv.FormatInt(id, 10), s.cfg.SubscribePerDossier})
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
	sub, secret, err := s.newSubscription(id, p.ReceiptCode, r, addr)
	if err != nil {
		return nil, errs.E(op, err)
	}
	err = s.store.RequestSubscription(ctx, sub, s.cfg.MaxSubscriptions, func(tx job.Tx) error {
		return s.sendConfirmation(ctx, tx, sub, p, addr, secret)
	})
	if err != nil {
		return nil, errs.E(op, err)
	}
	return s.view(ctx, id, hash)
}

// newSubscription builds the pending subscription of addr (checked) and
// returns it with its confirmation secret: a random link secret for an
// email, a 6-digit code for an SMS.
func (s *LookupService) newSubscription(id int64, code string, r SubscribeRequest, addr string) (*Subscription, string, error) {
	sealed, err := s.keys.Seal(subscriptionPurpose, []byte(addr), []byte(code))
	if err != nil {
		return nil, "", err
	}
	now := s.now().UTC()
	sub := &Subscription{DossierID: id, Channel: r.Channel, AddressSealed: sealed,
		AddressHash:   s.keys.Hash(subscriptionHashKey, code, strings.ToLower(addr)),
		AddressMasked: notify.Mask(notify.Channel(r.Channel), addr), Lang: lang(r.Lang), Created: now}
	secret, ttl := linkSecret(), s.cfg.ConfirmTTL
	if r.Channel == BySMS {
		secret, ttl = smsCode(), s.cfg.CodeTTL
	}
	// Whole seconds: the link carries the expiry as Unix seconds.
	sub.ConfirmExpires = now.Add(ttl).Truncate(time.Second)
	sub.ConfirmHash = s.confirmHash(sub, secret)
	return sub, secret, nil
}

// The notification templates of the confirmation messages.
const (
	ConfirmLinkTemplate = "dossier.subscription_confirm" // email: the link
	ConfirmCodeTemplate = "dossier.subscription_code"    // SMS: the code
)

// sendConfirmation queues the message that confirms sub (stored, so with
// its ID) in tx. The templates get Code, Procedure, UnsubscribeURL and,
// for the email (ConfirmLinkTemplate), ConfirmURL and Hours; for the SMS
// (ConfirmCodeTemplate), ConfirmCode and Minutes.
func (s *LookupService) sendConfirmation(ctx context.Context, tx job.Tx, sub *Subscription, p *PublicDossier, addr, secret string) error {
	data := map[string]any{"Code": p.ReceiptCode, "Procedure": p.ProcedureName,
		"UnsubscribeURL": s.baseURL + unsubscribePath(sub.Lang) + "?t=" + unsubscribeToken(s.keys, sub)}
	key := ConfirmLinkTemplate
	if sub.Channel == BySMS {
		key = ConfirmCodeTemplate
		data["ConfirmCode"], data["Minutes"] = secret, int(s.cfg.CodeTTL/time.Minute)
	} else {
		data["ConfirmURL"] = s.baseURL + confirmPath(sub.Lang) + "?t=" + confirmToken(sub, secret)
		data["Hours"] = int(s.cfg.ConfirmTTL / time.Hour)
	}
	_, err := s.send.Send(ctx, tx, notify.Message{Channel: notify.Channel(sub.Channel), To: addr, Lang: sub.Lang,
		TemplateKey: key, Data: data})
	return err
}

// hitLimits adds one to each counter of the current window and returns
// RateLimited key when one of them passes its ceiling.
func (s *LookupService) hitLimits(ctx context.Context, key string, limits ...rateKey) error {
	over, err := s.hit(ctx, limits)
	if err == nil && over {
		err = errs.E("dossier.hitLimits", errs.RateLimited, key)
	}
	return err
}

// hit adds one to each counter of the current window and reports
// whether one of them passed its ceiling.
func (s *LookupService) hit(ctx context.Context, limits []rateKey) (over bool, err error) {
	window := s.now().UTC().Truncate(s.cfg.Window)
	for _, k := range limits {
		n, err := s.rates.HitRate(ctx, k.key, window)
		if err != nil {
			return false, err
		}
		over = over || n > k.max
	}
	return over, nil
}

// peekLimits returns RateLimited key when a counter of the current window
// has reached its ceiling, without counting.
func (s *LookupService) peekLimits(ctx context.Context, key string, limits ...rateKey) error {
	window := s.now().UTC().Truncate(s.cfg.Window)
	for _, k := range limits {
		n, err := s.rates.PeekRate(ctx, k.key, window)
		if err != nil {
			return err
		}
		if n >= k.max {
			return errs.E("dossier.peekLimits", errs.RateLimited, key)
		}
	}
	return nil
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
// queues one message per confirmed subscription of each dossier whose
// canonical status changed, in the transaction of the change, so nothing
// is sent if the change rolls back. A pending subscription gets nothing.
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
// appointment, or ""), TrackURL (the lookup page) and UnsubscribeURL
// (the page that ends the subscription, without login). A
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
	subs, err := n.store.FindConfirmedSubscriptions(ctx, tx, ids)
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
	m := notify.Message{Channel: notify.Channel(sub.Channel), To: string(addr), Lang: sub.Lang, TemplateKey: StatusTemplate,
		UnitID: d.CentreUnitID, Data: map[string]any{
			"Code": d.ReceiptCode, "Procedure": d.ProcedureName, "Title": n.cat.T(sub.Lang, "lookup.status."+string(d.Status)),
			"Reason": latestNote(ch), "DueDate": dueDate(d), "TrackURL": n.baseURL + lookupPath(sub.Lang),
			"UnsubscribeURL": n.baseURL + unsubscribePath(sub.Lang) + "?t=" + unsubscribeToken(n.keys, sub),
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
