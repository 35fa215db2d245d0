package dossier

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

// The keyring purposes of the subscriptions' confirmation secrets and
// unsubscribe links.
const (
	confirmPurpose     = "dossier-subscription-confirm"
	unsubscribePurpose = "dossier-subscription-unsubscribe"
)

// The public pages that messages link to (the web layer serves them).
func lookupPath(lang string) string {
	if lang == "en" {
		return "/en/dossier-status"
	}
	return "/tra-cuu-ho-so"
}

func confirmPath(lang string) string { return lookupPath(lang) + pick(lang, "/xac-nhan", "/confirm") }

func unsubscribePath(lang string) string {
	return lookupPath(lang) + pick(lang, "/huy-theo-doi", "/unsubscribe")
}

func pick(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}

// linkSecret returns the random part of a confirmation link: 128 bits,
// base64url.
func linkSecret() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// smsCode returns a random 6-digit code.
func smsCode() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000))
	return fmt.Sprintf("%06d", n.Int64())
}

// confirmHash is the stored hash of a confirmation secret: a keyed hash
// binding it to the subscription's channel, address and expiry, so
// neither the secret nor a changed expiry can be used on another
// subscription or after its time.
func (s *LookupService) confirmHash(sub *Subscription, secret string) string {
	return s.keys.Hash(confirmPurpose, string(sub.Channel), sub.AddressHash, strconv.FormatInt(sub.ConfirmExpires.Unix(), 10), secret)
}

// confirmToken is the token of a confirmation link:
// "<subscription id>.<expiry, Unix seconds>.<secret>". The stored keyed
// hash of the secret, the address and the expiry signs it: a link whose
// parts were changed does not match, one past its expiry is refused, and
// a new request for the address replaces the secret.
func confirmToken(sub *Subscription, secret string) string {
	return strconv.FormatInt(sub.ID, 10) + "." + strconv.FormatInt(sub.ConfirmExpires.Unix(), 10) + "." + secret
}

// unsubscribeToken is the token of the link that ends a subscription:
// "<subscription id>.<keyed hash of the id and the address, 128 bits>".
// It does not expire (a message may be read long after), and it stops
// working when the subscription is gone.
func unsubscribeToken(keys *keyring.Keyring, sub *Subscription) string {
	id := strconv.FormatInt(sub.ID, 10)
	return id + "." + keys.Hash(unsubscribePurpose, id, sub.AddressHash)[:32]
}

// confirmable reports whether a pending subscription's secret still
// works at now: not expired and, for a code, not tried too often.
func (s *LookupService) confirmable(sub *Subscription, now time.Time) bool {
	return now.Before(sub.ConfirmExpires) && (sub.Channel != BySMS || sub.ConfirmAttempts < s.cfg.MaxCodeAttempts)
}

// SubscriptionInfo is what the pages of a confirmation or unsubscribe
// link show: which dossier and address, masked.
type SubscriptionInfo struct {
	ReceiptCode   string
	Channel       SubscriptionChannel
	AddressMasked string
	Lang          string
	// Confirmed is whether the subscription is confirmed (for
	// ConfirmLink: whether it was before this request).
	Confirmed bool
}

// CheckConfirmLink returns what the confirmation link with token names,
// changing nothing (the link's page asks the subscriber to press a
// button: mail scanners that open links must not confirm). It returns
// Unauthorized "dossier.confirm_link_invalid" for a malformed or forged
// token, one replaced by a newer request or whose subscription is gone,
// Unauthorized "dossier.confirm_link_expired" for an expired link of a
// subscription still pending, and the store's errors.
func (s *LookupService) CheckConfirmLink(ctx context.Context, token string) (*SubscriptionInfo, error) {
	_, info, err := s.checkConfirmLink(ctx, token)
	if err != nil {
		return nil, errs.E("dossier.CheckConfirmLink", err)
	}
	return info, nil
}

// ConfirmLink confirms the subscription the link's token names, from
// then on it gets status messages; confirming twice is harmless. Errors
// are those of CheckConfirmLink.
func (s *LookupService) ConfirmLink(ctx context.Context, token string) (*SubscriptionInfo, error) {
	const op = "dossier.ConfirmLink"
	sub, info, err := s.checkConfirmLink(ctx, token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if info.Confirmed {
		return info, nil
	}
	if err := s.store.ConfirmSubscription(ctx, sub.ID, s.now().UTC()); err != nil {
		if errs.Is(err, errs.NotFound) {
			return nil, errs.E(op, errs.Unauthorized, "dossier.confirm_link_invalid", err)
		}
		return nil, errs.E(op, err)
	}
	return info, nil
}

func (s *LookupService) checkConfirmLink(ctx context.Context, token string) (*Subscription, *SubscriptionInfo, error) {
	const op = "dossier.checkConfirmLink"
	bad := errs.E(op, errs.Unauthorized, "dossier.confirm_link_invalid")
	parts := strings.Split(token, ".")
	if len(parts) != 3 || len(token) > 256 {
		return nil, nil, bad
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil {
		return nil, nil, bad
	}
	sub, err := s.store.FindSubscription(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return nil, nil, bad
	}
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	if sub.Channel != ByEmail || sub.ConfirmExpires.Unix() != exp || !keyring.EqualHash(sub.ConfirmHash, s.confirmHash(sub, parts[2])) {
		return nil, nil, bad
	}
	info, err := s.subscriptionInfo(ctx, sub)
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	if !info.Confirmed && !s.now().Before(sub.ConfirmExpires) {
		return nil, nil, errs.E(op, errs.Unauthorized, "dossier.confirm_link_expired")
	}
	return sub, info, nil
}

// subscriptionInfo describes sub for a page.
func (s *LookupService) subscriptionInfo(ctx context.Context, sub *Subscription) (*SubscriptionInfo, error) {
	d, err := s.store.FindDossierByID(ctx, sub.DossierID)
	if err != nil {
		return nil, err
	}
	return &SubscriptionInfo{ReceiptCode: d.ReceiptCode, Channel: sub.Channel, AddressMasked: sub.AddressMasked,
		Lang: sub.Lang, Confirmed: sub.Confirmed()}, nil
}

// ConfirmCodeRequest is the code of a confirmation SMS, typed on the
// status page.
type ConfirmCodeRequest struct {
	Token    string // from a lookup answer
	Code     string
	ClientIP string
}

// ConfirmCode confirms the pending SMS subscription of the dossier the
// token names whose code is r.Code, and returns the dossier's view. Like
// the lookup, only wrong codes are counted: per client address (PerIP)
// and per dossier (PerCode) in a window, and per subscription
// (MaxCodeAttempts, after which its code stops working).
//
// Errors: Unauthorized "lookup.token_invalid" for a bad or expired token;
// Invalid with a field error on "code" — "dossier.confirm_code_format"
// for anything but 6 digits (not counted), "dossier.confirm_code_wrong"
// for a wrong code, "dossier.confirm_code_expired" when no code of the
// dossier works any more; RateLimited "dossier.confirm_rate_limited" when
// the wrong codes reached a ceiling; and the store's errors.
func (s *LookupService) ConfirmCode(ctx context.Context, r ConfirmCodeRequest) (*PublicDossier, error) {
	const op = "dossier.ConfirmCode"
	id, hash, err := s.verifyToken(ctx, r.Token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	code := strings.Join(strings.Fields(r.Code), "")
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		var fe errs.FieldErrors
		fe.Add("code", "dossier.confirm_code_format")
		return nil, fe.Err(op)
	}
	limits := []rateKey{{"confirm:ip:" + addrKey(r.ClientIP), s.cfg.PerIP}, {"confirm:dossier:" + strconv.FormatInt(id, 10), s.cfg.PerCode}}
	if err := s.peekLimits(ctx, "dossier.confirm_rate_limited", limits...); err != nil {
		return nil, errs.E(op, err)
	}
	subs, err := s.store.FindDossierSubscriptions(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	now := s.now()
	var tried []int64
	for _, sub := range subs {
		if sub.Channel != BySMS || sub.Confirmed() || !s.confirmable(sub, now) {
			continue
		}
		if keyring.EqualHash(sub.ConfirmHash, s.confirmHash(sub, code)) {
			if err := s.store.ConfirmSubscription(ctx, sub.ID, now.UTC()); err != nil {
				return nil, errs.E(op, err)
			}
			return s.view(ctx, id, hash)
		}
		tried = append(tried, sub.ID)
	}
	return nil, errs.E(op, s.wrongCode(ctx, tried, limits))
}

// wrongCode counts a wrong code against the limits and the subscriptions
// tried, and returns the field error to show.
func (s *LookupService) wrongCode(ctx context.Context, tried []int64, limits []rateKey) error {
	if _, err := s.hit(ctx, limits); err != nil {
		return err
	}
	var fe errs.FieldErrors
	if len(tried) == 0 {
		fe.Add("code", "dossier.confirm_code_expired")
		return fe.Err("dossier.wrongCode")
	}
	if err := s.store.AddConfirmAttempts(ctx, tried); err != nil {
		return err
	}
	fe.Add("code", "dossier.confirm_code_wrong")
	return fe.Err("dossier.wrongCode")
}

// CheckUnsubscribe returns what the unsubscribe link with token names,
// changing nothing (its page asks for a button press, so a mail scanner
// opening the link does not unsubscribe). It returns Unauthorized
// "dossier.unsubscribe_invalid" for a malformed or forged token or a
// subscription already ended, and the store's errors.
func (s *LookupService) CheckUnsubscribe(ctx context.Context, token string) (*SubscriptionInfo, error) {
	_, info, err := s.checkUnsubscribe(ctx, token)
	if err != nil {
		return nil, errs.E("dossier.CheckUnsubscribe", err)
	}
	return info, nil
}

// Unsubscribe ends the subscription the link's token names: it gets no
// more messages. It needs no login or lookup: the link in every message
// is the proof. Errors are those of CheckUnsubscribe.
func (s *LookupService) Unsubscribe(ctx context.Context, token string) (*SubscriptionInfo, error) {
	const op = "dossier.Unsubscribe"
	sub, info, err := s.checkUnsubscribe(ctx, token)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if err := s.store.DeleteSubscription(ctx, sub.ID); err != nil {
		if errs.Is(err, errs.NotFound) {
			return nil, errs.E(op, errs.Unauthorized, "dossier.unsubscribe_invalid", err)
		}
		return nil, errs.E(op, err)
	}
	return info, nil
}

func (s *LookupService) checkUnsubscribe(ctx context.Context, token string) (*Subscription, *SubscriptionInfo, error) {
	const op = "dossier.checkUnsubscribe"
	bad := errs.E(op, errs.Unauthorized, "dossier.unsubscribe_invalid")
	idText, _, ok := strings.Cut(token, ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || len(token) > 128 {
		return nil, nil, bad
	}
	sub, err := s.store.FindSubscription(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return nil, nil, bad
	}
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	if !keyring.EqualHash(token, unsubscribeToken(s.keys, sub)) {
		return nil, nil, bad
	}
	info, err := s.subscriptionInfo(ctx, sub)
	if err != nil {
		return nil, nil, errs.E(op, err)
	}
	return sub, info, nil
}
