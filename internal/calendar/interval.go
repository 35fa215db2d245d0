package calendar

import (
	"cmp"
	"slices"
	"time"
)

// Interval is a span of time [From, To) during which the clock of a time
// limit stops, e.g. while a supplement from the applicant is awaited. An
// interval whose To is not after From is ignored; an open pause (still
// running) should be closed at the current time by the caller. Intervals
// may overlap and come in any order.
type Interval struct {
	From, To time.Time
}

// normalize converts intervals to sorted, merged local spans, dropping
// empty ones. It returns nil (no allocation) when there is nothing left.
func normalize(in []Interval) []span {
	var out []span
	for _, iv := range in {
		if s := (span{toLocal(iv.From), toLocal(iv.To)}); s.to > s.from {
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		return out
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	merged := out[:1]
	for _, s := range out[1:] {
		last := &merged[len(merged)-1]
		if s.from <= last.to {
			last.to = max(last.to, s.to)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}
