package dossier

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/unit"
)

// LookupConfig tunes a LookupService; zero fields take the defaults.
type LookupConfig struct {
	// Window is the fixed window of the attempt counters (15 minutes). It
	// should not be longer than the accounts' window, whose purge job
	// deletes counters of windows that ended.
	Window time.Duration
	// PerIP is how many failed lookups an address may make in a window
	// (20); an IPv6 address counts with its /64.
	PerIP int
	// PerCode is how many failed lookups of one receipt code are allowed
	// in a window, from any address (5): guessing a factor of 4 digits
	// takes years.
	PerCode int
	// TokenTTL is how long the token of a lookup answer lets the applicant
	// subscribe or rate without typing the factor again (30 minutes).
	TokenTTL time.Duration
	// MaxSubscriptions is the most subscriptions a dossier may have,
	// confirmed or pending (3).
	MaxSubscriptions int
	// SMS offers subscriptions by SMS; set it when a gateway is configured.
	SMS bool
	// SubscribePerIP and SubscribePerDossier are how many subscription
	// requests an address, and all addresses for one dossier, may make in
	// a window (10 and 5). Every request counts: each sends a message.
	SubscribePerIP      int
	SubscribePerDossier int
	// ConfirmTTL is how long the link of a confirmation email works (48
	// hours); CodeTTL how long the code of a confirmation SMS works (15
	// minutes), at most MaxCodeAttempts wrong codes (5).
	ConfirmTTL      time.Duration
	CodeTTL         time.Duration
	MaxCodeAttempts int
}

func (c *LookupConfig) defaults() {
	def := func(p *int, v int) {
		if *p <= 0 {
			*p = v
		}
	}
	if c.Window <= 0 {
		c.Window = 15 * time.Minute
	}
	if c.TokenTTL <= 0 {
		c.TokenTTL = 30 * time.Minute
	}
	def(&c.PerIP, 20)
	def(&c.PerCode, 5)
	def(&c.MaxSubscriptions, 3)
	def(&c.SubscribePerIP, 10)
	def(&c.SubscribePerDossier, 5)
	def(&c.MaxCodeAttempts, 5)
	if c.ConfirmTTL <= 0 {
		c.ConfirmTTL = 48 * time.Hour
	}
	if c.CodeTTL <= 0 {
		c.CodeTTL = 15 * time.Minute
	}
}

// RateCounter counts attempts in fixed windows shared by every node;
// *sqlstore.DB implements it.
type RateCounter interface {
	// PeekRate returns the count of key in the window starting at
	// window (0 when it has none), without changing it.
	PeekRate(ctx context.Context, key string, window time.Time) (int, error)
	// HitRate adds one to key in the window starting at window and
	// returns the count.
	HitRate(ctx context.Context, key string, window time.Time) (int, error)
}

// LookupDeps are what a LookupService works with.
type LookupDeps struct {
	Store     PublicStore
	Rates     RateCounter
	Keys      *keyring.Keyring
	Calendars Calendars
	Units     Directory
	Config    LookupConfig
	// Send queues the subscriptions' confirmation messages; nil offers
	// no subscriptions.
	Send Sender
	// BaseURL is the portal's address, for the links in messages ("" for
	// relative links).
	BaseURL string
}

// LookupService is the applicant's side of a dossier: the status lookup
// with the receipt code and the second factor, subscriptions and the
// satisfaction rating. It needs no session: the answer to a lookup carries
// a short-lived token signed with the portal's key, which the following
// requests present instead of the factor. It is safe for concurrent use.
type LookupService struct {
	store   PublicStore
	rates   RateCounter
	keys    *keyring.Keyring
	cals    Calendars
	units   Directory
	cfg     LookupConfig
	send    Sender // nil: no subscriptions
	baseURL string
	now     func() time.Time
}

// NewLookupService returns a LookupService; Internal when a dependency is
// missing.
func NewLookupService(d LookupDeps) (*LookupService, error) {
	if d.Store == nil || d.Rates == nil || d.Keys == nil || d.Calendars == nil || d.Units == nil {
		return nil, errs.E("dossier.NewLookupService", errs.Internal, errors.New("a dependency is missing"))
	}
	d.Config.defaults()
	return &LookupService{store: d.Store, rates: d.Rates, keys: d.Keys, cals: d.Calendars, units: d.Units, cfg: d.Config,
		send: d.Send, baseURL: strings.TrimSuffix(d.BaseURL, "/"), now: time.Now}, nil
}

// SetClock replaces the service's clock, for tests.
func (s *LookupService) SetClock(now func() time.Time) { s.now = now }

// SMS reports whether subscriptions by SMS are offered.
func (s *LookupService) SMS() bool { return s.cfg.SMS }

// LookupRequest is what the applicant types, and where from.
type LookupRequest struct {
	Code     string // the receipt code
	Factor   string // the second factor given at receipt
	ClientIP string
}

// PublicDossier is what the applicant is shown: no personal data but a
// masked name, no internal note, no officer.
type PublicDossier struct {
	ReceiptCode   string
	ProcedureCode string
	ProcedureName string
	CentreName    string // the receiving centre, in Vietnamese
	CentreNameEN  string // "" when the centre has no English name
	// CentreParent and CentreParentEN name the unit above the centre
	// (the People's Committee it serves), for the slip's heading; ""
	// when none.
	CentreParent, CentreParentEN string
	// Place is where the centre's documents are dated: the place name
	// of the city or province it belongs to ("Hà Nội"); "" when unknown.
	Place           string
	ApplicantMasked string // see MaskApplicantName
	Channel         Channel
	Status          Status
	StatusAt        time.Time
	ReceivedAt      time.Time
	AppointmentAt   time.Time // zero when none is known
	// Explanation says how a computed appointment was computed; nil when
	// the centre gave the appointment or none is known.
	Explanation *calendar.Explanation
	FinishedAt  time.Time
	ReturnedAt  time.Time
	OverdueDays int // working days past the appointment now, without a result
	LateDays    int // working days the result came after the appointment
	Updated     time.Time
	History     []PublicEvent // oldest first
	Rating      *Rating       // nil until rated
	// Slips are the apology and new-appointment slips, oldest first.
	Slips []PublicSlip
	// Subscriptions are the dossier's subscriptions, masked, oldest
	// first; those pending by SMS wait for their code on the status page.
	Subscriptions []PublicSubscription
	// Subscribable is false when the portal cannot send the
	// confirmation messages subscriptions need.
	Subscribable bool
	// Token lets the next requests (subscribe, rate) prove the lookup
	// without the factor, until it expires.
	Token string
}

// PublicSlip is an apology slip as the applicant sees it.
type PublicSlip struct {
	Number         int64 // the slip's number (its ID)
	OldAppointment time.Time
	NewAppointment time.Time
	Reason         string // the centre's public note, "" when none
	At             time.Time
}

// PublicSubscription is a subscription as the status page shows it.
type PublicSubscription struct {
	Channel       SubscriptionChannel
	AddressMasked string
	Confirmed     bool
	// Expired is set for a pending subscription whose link or code no
	// longer works (expired, or too many wrong codes): subscribe again.
	Expired bool
}

// AwaitingCode reports whether an SMS subscription waits for its code.
func (p *PublicDossier) AwaitingCode() bool {
	for _, s := range p.Subscriptions {
		if s.Channel == BySMS && !s.Confirmed && !s.Expired {
			return true
		}
	}
	return false
}

// PublicEvent is one step of the history as the applicant sees it.
type PublicEvent struct {
	At         time.Time
	Status     Status // "" for a note without a status
	Note       string // the public note
	UnitName   string // the unit where the dossier was, "" when not said
	UnitNameEN string
}

// Closed reports whether the dossier no longer runs against its
// appointment.
func (p *PublicDossier) Closed() bool { return p.Status.Closed() }

// CanRate reports whether the applicant may rate now: the result was
// returned and no rating was given.
func (p *PublicDossier) CanRate() bool { return p.Status == Returned && p.Rating == nil }

// CanSubscribe reports whether a status change may still come and the
// portal can confirm a subscription.
func (p *PublicDossier) CanSubscribe() bool { return p.Subscribable && !p.Status.Terminal() }

// LatestNote returns the most recent public note, or "".
func (p *PublicDossier) LatestNote() string {
	for i := len(p.History) - 1; i >= 0; i-- {
		if p.History[i].Note != "" {
			return p.History[i].Note
		}
	}
	return ""
}

// Lookup returns the public view of the dossier with r.Code if r.Factor is
// its second factor. A wrong code and a wrong factor get the same error,
// NotFound "lookup.no_match", after the same work (two counter reads, one
// indexed read, one keyed hash, two counter writes). It returns Invalid
// with field errors ("code", "factor") for an empty or malformed code or a
// factor that is not 4 to 20 letters or digits (neither is counted as an
// attempt), RateLimited "lookup.rate_limited" when the address or the code
// has used up its failed attempts for the window, and the store's errors.
//
// Only failures are counted, and the counters are read before checking
// and written after a failure, so a successful lookup writes nothing. A
// burst of concurrent failures can pass a ceiling by the number of
// attempts in flight, once per window: after that every attempt reads a
// counter over its ceiling.
func (s *LookupService) Lookup(ctx context.Context, r LookupRequest) (*PublicDossier, error) {
	const op = "dossier.Lookup"
	code, err := checkLookup(r)
	if err != nil {
		return nil, errs.E(op, err)
	}
	window := s.now().UTC().Truncate(s.cfg.Window)
	keys := []rateKey{{"lookup:ip:" + addrKey(r.ClientIP), s.cfg.PerIP}, {"lookup:code:" + code, s.cfg.PerCode}}
	for _, k := range keys {
		n, err := s.rates.PeekRate(ctx, k.key, window)
		if err != nil {
			return nil, errs.E(op, err)
		}
		if n >= k.max {
			return nil, errs.E(op, errs.RateLimited, "lookup.rate_limited")
		}
	}
	id, stored, err := s.store.FindLookupHash(ctx, code)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, errs.E(op, err)
	}
	// The hash is computed whether or not the code exists, so both
	// failures take the same time.
	want := LookupHash(s.keys, code, r.Factor)
	if err != nil || stored == "" || !keyring.EqualHash(want, stored) {
		for _, k := range keys {
			if _, err := s.rates.HitRate(ctx, k.key, window); err != nil {
				return nil, errs.E(op, err)
			}
		}
		return nil, errs.E(op, errs.NotFound, "lookup.no_match")
	}
	return s.view(ctx, id, stored)
}

// checkLookup validates the form and returns the trimmed code.
func checkLookup(r LookupRequest) (string, error) {
	var fe errs.FieldErrors
	code := strings.TrimSpace(r.Code)
	switch {
	case code == "":
		fe.Add("code", "field.required")
	case !ValidReceiptCode(code):
		fe.Add("code", "lookup.code_invalid")
	}
	switch {
	case strings.TrimSpace(r.Factor) == "":
		fe.Add("factor", "field.required")
	case NormalizeFactor(r.Factor) == "":
		fe.Add("factor", "lookup.factor_invalid")
	}
	return code, fe.Err("dossier.checkLookup")
}

// rateKey is one attempt counter and its ceiling.
type rateKey struct {
	key string
	max int
}

// addrKey is the address a limit counts on: an IPv4 address, or the /64
// of an IPv6 one.
func addrKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// view builds the public view of dossier id, with a fresh token.
func (s *LookupService) view(ctx context.Context, id int64, hash string) (*PublicDossier, error) {
	const op = "dossier.view"
	d, err := s.store.FindDossierByID(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	now := s.now()
	p := &PublicDossier{
		ReceiptCode: d.ReceiptCode, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName,
		ApplicantMasked: MaskApplicantName(d.ApplicantName), Channel: d.Channel,
		Status: d.Status, StatusAt: d.StatusAt, ReceivedAt: d.ReceivedAt, AppointmentAt: d.AppointmentAt,
		FinishedAt: d.FinishedAt, ReturnedAt: d.ReturnedAt, Updated: d.StatusAt,
		OverdueDays: d.OverdueDays(cal, now), LateDays: d.LateDays(cal),
		Token: s.issueToken(d.ReceiptCode, hash, now.Add(s.cfg.TokenTTL)),
	}
	if x, ok := d.ExplainAppointment(cal); ok {
		p.Explanation = &x
	}
	if c, ok := s.unitByID(ctx, d.CentreUnitID); ok {
		p.CentreName, p.CentreNameEN = c.NameVI, c.NameEN
		if u, ok := s.unitByID(ctx, c.ParentID); ok && c.ParentID != 0 {
			p.CentreParent, p.CentreParentEN = u.NameVI, u.NameEN
		}
		if root, ok := s.unitByID(ctx, c.RootID()); ok {
			p.Place = root.PlaceName()
		}
	}
	p.History = s.publicHistory(ctx, d)
	for _, e := range p.History {
		if e.At.After(p.Updated) {
			p.Updated = e.At
		}
	}
	if p.Rating, err = s.store.FindRating(ctx, d.ID); errs.Is(err, errs.NotFound) {
		p.Rating = nil
	} else if err != nil {
		return nil, errs.E(op, err)
	}
	if err := s.addSlipsAndSubscriptions(ctx, p, d.ID); err != nil {
		return nil, errs.E(op, err)
	}
	return p, nil
}

// addSlipsAndSubscriptions fills p's slips and subscriptions.
func (s *LookupService) addSlipsAndSubscriptions(ctx context.Context, p *PublicDossier, id int64) error {
	slips, err := s.store.FindApologySlips(ctx, SlipFilter{DossierID: &id})
	if err != nil {
		return err
	}
	for _, sl := range slips {
		p.Slips = append(p.Slips, PublicSlip{Number: sl.ID, OldAppointment: sl.OldAppointment,
			NewAppointment: sl.NewAppointment, Reason: sl.Reason, At: sl.EventAt})
	}
	p.Subscribable = s.send != nil
	subs, err := s.store.FindDossierSubscriptions(ctx, id)
	if err != nil {
		return err
	}
	now := s.now()
	for _, sub := range subs {
		p.Subscriptions = append(p.Subscriptions, PublicSubscription{Channel: sub.Channel, AddressMasked: sub.AddressMasked,
			Confirmed: sub.Confirmed(), Expired: !sub.Confirmed() && !s.confirmable(sub, now)})
	}
	return nil
}

// publicHistory keeps the events with a status or a public note, with
// the public note only: never the internal note, the centre's own status
// text (it may name an officer) or who acted.
func (s *LookupService) publicHistory(ctx context.Context, d *Dossier) []PublicEvent {
	var out []PublicEvent
	names := map[int64]*PublicEvent{}
	for _, e := range d.History {
		if e.Status == "" && e.PublicNote == "" {
			continue
		}
		pe := PublicEvent{At: e.At, Status: e.Status, Note: e.PublicNote}
		if e.UnitID != 0 {
			n, ok := names[e.UnitID]
			if !ok {
				n = &PublicEvent{}
				if u, ok := s.unitByID(ctx, e.UnitID); ok {
					n.UnitName, n.UnitNameEN = u.NameVI, u.NameEN
				}
				names[e.UnitID] = n
			}
			pe.UnitName, pe.UnitNameEN = n.UnitName, n.UnitNameEN
		}
		out = append(out, pe)
	}
	return out
}

// MaskApplicantName keeps the family name (the first word) and the first
// letter of each other word, followed by a fixed "**" that hides its
// length: "Nguyễn Văn An" → "Nguyễn V** A**". A one-word name keeps only
// its first letter.
func MaskApplicantName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if i == 0 && len(words) > 1 {
			continue
		}
		words[i] = string([]rune(w)[:1]) + "**"
	}
	return strings.Join(words, " ")
}

// unitLookup is a directory that answers by ID from memory
// (unit.Service with its directory cache).
type unitLookup interface {
	Lookup(ctx context.Context, id int64) (*unit.Unit, bool)
}

// unitByID returns unit id for display, from the directory's in-memory
// snapshot when it has one: a lookup names two or more units, and the
// lookup is the citizens' busiest request.
func (s *LookupService) unitByID(ctx context.Context, id int64) (*unit.Unit, bool) {
	if l, ok := s.units.(unitLookup); ok {
		return l.Lookup(ctx, id)
	}
	u, err := s.units.FindUnitByID(ctx, id)
	return u, err == nil
}
