package job

import (
	"context"
	"time"
)

// State is where a job is in its life.
type State string

// The states, in the order the admin page shows them. Discarded is the
// dead-letter state: the job failed its last attempt.
const (
	Available State = "available" // waiting for a worker
	Scheduled State = "scheduled" // waiting for its time
	Running   State = "running"
	Retryable State = "retryable" // failed, will be retried
	Completed State = "completed"
	Cancelled State = "cancelled" // stopped by a handler or an admin
	Discarded State = "discarded" // failed every attempt
	Pending   State = "pending"   // inserted on hold; the portal does not use it yet
)

// States lists every state, in display order.
var States = []State{Available, Scheduled, Running, Retryable, Completed, Cancelled, Discarded, Pending}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, x := range States {
		if x == s {
			return true
		}
	}
	return false
}

// AttemptError is the failure of one attempt.
type AttemptError struct {
	Attempt int
	At      time.Time
	Message string // the handler's error text; never contact details in clear
}

// Info describes one job for the admin page.
type Info struct {
	ID          int64
	Kind        string
	Queue       string
	State       State
	Args        string // the arguments as JSON (IDs, no personal data)
	Attempt     int    // attempts made so far
	MaxAttempts int
	Errors      []AttemptError // oldest first
	CreatedAt   time.Time
	ScheduledAt time.Time
	FinishedAt  time.Time // zero until completed, cancelled or discarded
}

// LastError returns the message of the latest failed attempt, or "".
func (i *Info) LastError() string {
	if len(i.Errors) == 0 {
		return ""
	}
	return i.Errors[len(i.Errors)-1].Message
}

// Filter selects jobs, newest first. Nil fields are not filtered on.
type Filter struct {
	State *State
	Kind  *string
	// BeforeID continues a listing after its last row: only jobs with a
	// smaller ID are returned. 0 starts at the newest.
	BeforeID int64
	Limit    int // 0 means 50; at most 500
}

// Admin is what the queue adapter offers the admin use cases. It does no
// authorisation; Service does.
type Admin interface {
	// FindJobs returns the matching jobs, newest first.
	FindJobs(ctx context.Context, f Filter) ([]*Info, error)
	// CountJobs returns how many jobs are in each state.
	CountJobs(ctx context.Context) (map[State]int, error)
	// RetryJob makes a job that is not running available again now, with
	// its attempt budget extended when it was exhausted. NotFound when
	// there is no such job.
	RetryJob(ctx context.Context, id int64) (*Info, error)
	// CancelJob stops a job for good: a waiting job is cancelled at once, a
	// running one is asked to stop. Finished jobs are left as they are.
	// NotFound when there is no such job.
	CancelJob(ctx context.Context, id int64) (*Info, error)
}
