package centreapi

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// The connectivity windows.
const (
	ConnectedWithin = 24 * time.Hour // "connected" means a successful contact this recent
	TrafficDays     = 7              // days of traffic the figures cover, today included
)

// Connectivity is how well the centres are connected.
type Connectivity struct {
	Connected int // centres with a successful contact within ConnectedWithin
	Total     int // active centre units
	Centres   []CentreConnectivity
	At        time.Time
}

// CentreConnectivity is one centre's figures over the last TrafficDays.
type CentreConnectivity struct {
	UnitID      int64
	UnitCode    string
	UnitName    string // in Vietnamese
	Clients     int    // active API clients
	LastSuccess time.Time
	Connected   bool
	Days        []Traffic // one per day, oldest first, zeros included
	// EventsPerDay is the mean of items accepted per day.
	EventsPerDay float64
	// ErrorRate is errors / attempts, where each item of an answered
	// request is an attempt (an error when refused) and each failed
	// request is one attempt and one error (its items are unknown). It is
	// 0 without attempts.
	ErrorRate float64
}

// Connectivity returns every active centre's figures and how many are
// connected ("connected: N of M"). The figures are not personal and the
// public page shows the count, so it needs no actor. It returns Internal
// or Unavailable when the store fails.
func (s *Service) Connectivity(ctx context.Context) (*Connectivity, error) {
	const op = "centreapi.Connectivity"
	active, kind := true, unit.Centre
	centres, _, err := s.units.FindUnits(ctx, unit.Filter{Kind: &kind, Active: &active})
	if err != nil {
		return nil, errs.E(op, err)
	}
	clients, err := s.store.FindClients(ctx, 0)
	if err != nil {
		return nil, errs.E(op, err)
	}
	now := s.now()
	days := lastDays(now, TrafficDays)
	traffic, err := s.store.FindTraffic(ctx, days[0])
	if err != nil {
		return nil, errs.E(op, err)
	}
	out := &Connectivity{Total: len(centres), At: now.UTC()}
	for _, u := range centres {
		c := figures(u, clients, traffic, days, now)
		if c.Connected {
			out.Connected++
		}
		out.Centres = append(out.Centres, c)
	}
	return out, nil
}

// figures computes one centre's connectivity.
func figures(u *unit.Unit, clients []*Client, traffic []Traffic, days []string, now time.Time) CentreConnectivity {
	c := CentreConnectivity{UnitID: u.ID, UnitCode: u.Code, UnitName: u.NameVI}
	for _, cl := range clients {
		if cl.UnitID != u.ID {
			continue
		}
		if !cl.Disabled {
			c.Clients++
		}
		if cl.LastSuccess.After(c.LastSuccess) {
			c.LastSuccess = cl.LastSuccess
		}
	}
	c.Connected = !c.LastSuccess.IsZero() && now.Sub(c.LastSuccess) <= ConnectedWithin
	byDay := map[string]Traffic{}
	for _, t := range traffic {
		if t.UnitID == u.ID {
			byDay[t.Day] = t
		}
	}
	var items, errors, attempts int
	for _, d := range days {
		t := byDay[d]
		t.UnitID, t.Day = u.ID, d
		c.Days = append(c.Days, t)
		items += t.Items
		errors += t.ItemErrors + t.FailedRequests
		attempts += t.Items + t.Duplicates + t.ItemErrors + t.FailedRequests
	}
	c.EventsPerDay = float64(items) / float64(len(days))
	if attempts > 0 {
		c.ErrorRate = float64(errors) / float64(attempts)
	}
	return c
}

// lastDays returns the n days up to today (Vietnam time), oldest first.
func lastDays(now time.Time, n int) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = day(now.AddDate(0, 0, i-n+1))
	}
	return out
}
