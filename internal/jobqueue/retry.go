package jobqueue

import (
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river/rivertype"
)

// MaxBackoff bounds the delay between two attempts of a job.
const MaxBackoff = 6 * time.Hour

// DefaultBackoff is the delay before retry n: n⁴ seconds (1 s, 16 s, 81 s,
// 4 min, 10 min, 22 min, 40 min, 68 min, 1.8 h…) capped at MaxBackoff, with
// ±10 % jitter so jobs that failed together do not retry together. With
// the default 10 attempts a job is discarded about 7 hours after its first
// failure.
func DefaultBackoff(n int) time.Duration {
	n = max(n, 1)
	d := MaxBackoff
	if n < 150 { // 150⁴ s is far past the cap; avoid overflow
		d = min(time.Duration(n*n*n*n)*time.Second, MaxBackoff)
	}
	jitter := (rand.Float64()*0.2 - 0.1) * float64(d)
	return d + time.Duration(jitter)
}

// backoffPolicy is River's retry policy built on a backoff function.
type backoffPolicy struct {
	backoff func(n int) time.Duration
}

// NextRetry schedules the retry after the job's latest failure. The error
// count, not the attempt, numbers retries (as River's default does), so a
// rescued job continues the same schedule.
func (p backoffPolicy) NextRetry(row *rivertype.JobRow) time.Time {
	return time.Now().UTC().Add(p.backoff(len(row.Errors) + 1))
}
