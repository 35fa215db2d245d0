package account

import (
	"context"
	"net/netip"
	"strconv"
	"time"
)

// limit is one fixed-window failure counter and its ceiling.
type limit struct {
	key string
	max int
}

// loginLimits returns the counters a login attempt of username from ip
// with the device token device uses: the address, the (username, address)
// pair, and either the device, when device is a token of this username
// (a browser where the user logged in before), or the account, shared by
// every other browser. A guesser spreading attempts over many addresses
// is stopped by the account's counter, while the user still logs in from a
// browser of theirs; see the package documentation. Without keys there
// are no device tokens, and no account counter either (it would lock the
// user out).
func (s *Service) loginLimits(username, ip, device string) []limit {
	addr := addrKey(ip)
	ls := []limit{
		{key: "login:ip:" + addr, max: s.cfg.IPFailures},
		{key: "login:user_ip:" + username + "|" + addr, max: s.cfg.PairFailures},
	}
	switch id := s.deviceOf(username, device); {
	case s.cfg.Keys == nil:
	case id != "":
		ls = append(ls, limit{key: "login:device:" + id, max: s.cfg.PairFailures})
	default:
		ls = append(ls, limit{key: "login:user:" + username, max: s.cfg.AccountFailures})
	}
	return ls
}

// totpLimits returns the counter of TOTP failures of a user. Reaching it
// needs the user's password, so a per-account ceiling locks out no one but
// an attacker who already has the password.
func (s *Service) totpLimits(userID int64) []limit {
	return []limit{{key: "totp:user:" + strconv.FormatInt(userID, 10), max: s.cfg.TOTPFailures}}
}

// passwordLimits returns the counter of wrong current passwords given to
// ChangePassword, so a stolen session cannot guess the password.
func (s *Service) passwordLimits(userID int64) []limit {
	return []limit{{key: "password:user:" + strconv.FormatInt(userID, 10), max: s.cfg.PairFailures}}
}

// addrKey is the address a limit counts on: an IPv4 address, or the /64 of
// an IPv6 one (one subscriber usually holds a whole /64). Anything else is
// used as given.
func addrKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// window returns the start of the current fixed window.
func (s *Service) window(now time.Time) time.Time {
	return now.Truncate(s.cfg.FailureWindow)
}

// reserve counts an attempt against every limit before it is checked, so
// that concurrent attempts on several nodes cannot all slip under a
// ceiling; a successful attempt gives its count back (refund). It reports
// whether any ceiling was already passed.
func (s *Service) reserve(ctx context.Context, limits []limit, window time.Time) (bool, error) {
	over := false
	for _, l := range limits {
		n, err := s.store.HitRate(ctx, l.key, window)
		if err != nil {
			return false, err
		}
		over = over || n > l.max
	}
	return over, nil
}

// refund takes back the counts of a successful attempt: only failures count.
func (s *Service) refund(ctx context.Context, limits []limit, window time.Time) error {
	for _, l := range limits {
		if err := s.store.RefundRate(ctx, l.key, window); err != nil {
			return err
		}
	}
	return nil
}

// PurgeRateCounters deletes the counters of past windows and returns how
// many, for a periodic job.
func (s *Service) PurgeRateCounters(ctx context.Context) (int, error) {
	return s.store.DeleteRateCounters(ctx, s.window(s.now()))
}
