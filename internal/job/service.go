package job

import (
	"context"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
)

// Service is the admin use cases of the job queue: the jobs page and its
// retry and cancel buttons. Only portal administrators (access.Administer)
// may use it. It is safe for concurrent use.
type Service struct {
	admin Admin
	audit audit.Store // may be nil
	now   func() time.Time
}

// NewService returns a Service on admin. Retries and cancellations are
// written to log when it is not nil.
func NewService(admin Admin, log audit.Store) *Service {
	return &Service{admin: admin, audit: log, now: func() time.Time { return time.Now().UTC() }}
}

// FindJobs returns the jobs matching f, newest first. Unauthorized for an
// anonymous actor, Forbidden for one without Administer, Invalid for an
// unknown state.
func (s *Service) FindJobs(ctx context.Context, f Filter) ([]*Info, error) {
	const op = "job.FindJobs"
	if err := s.allowed(ctx); err != nil {
		return nil, errs.E(op, err)
	}
	if f.State != nil && !f.State.Valid() {
		return nil, errs.E(op, errs.Invalid, map[string]string{"state": "job.state_unknown"})
	}
	f.Limit = clampLimit(f.Limit)
	return s.admin.FindJobs(ctx, f)
}

// CountJobs returns the number of jobs in each state, for the page's tabs.
// Errors as FindJobs.
func (s *Service) CountJobs(ctx context.Context) (map[State]int, error) {
	if err := s.allowed(ctx); err != nil {
		return nil, errs.E("job.CountJobs", err)
	}
	return s.admin.CountJobs(ctx)
}

// RetryJob runs a failed, discarded or cancelled job again now. Errors as
// FindJobs, and NotFound.
func (s *Service) RetryJob(ctx context.Context, id int64) (*Info, error) {
	const op = "job.RetryJob"
	if err := s.allowed(ctx); err != nil {
		return nil, errs.E(op, err)
	}
	info, err := s.admin.RetryJob(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return info, s.record(ctx, "job.retry", info)
}

// CancelJob discards a waiting or running job for good. Errors as FindJobs,
// and NotFound.
func (s *Service) CancelJob(ctx context.Context, id int64) (*Info, error) {
	const op = "job.CancelJob"
	if err := s.allowed(ctx); err != nil {
		return nil, errs.E(op, err)
	}
	info, err := s.admin.CancelJob(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	return info, s.record(ctx, "job.cancel", info)
}

// allowed decides access: the queue is portal-wide, so the target is no
// unit and only a portal administrator passes.
func (s *Service) allowed(ctx context.Context) error {
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return errs.E(errs.Unauthorized)
	}
	if !access.Can(actor, access.Administer, access.Target{}) {
		return errs.E("job.allowed", errs.Forbidden, "error.forbidden")
	}
	return nil
}

func (s *Service) record(ctx context.Context, action string, info *Info) error {
	if s.audit == nil {
		return nil
	}
	e := &audit.Entry{At: s.now(), Action: action, ObjectKind: "job", ObjectID: strconv.FormatInt(info.ID, 10),
		IP: audit.IPFrom(ctx), Outcome: "ok", Detail: info.Kind}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	return s.audit.AppendAudit(ctx, e)
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}
