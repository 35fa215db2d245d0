package job_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

func TestCancel(t *testing.T) {
	cause := errors.New("recipient gone")
	err := job.Cancel(cause)
	if got, ok := job.IsCancel(err); !ok || got != cause || !errors.Is(err, cause) {
		t.Fatalf("IsCancel(%v) = %v, %v", err, got, ok)
	}
	if _, ok := job.IsCancel(cause); ok {
		t.Error("a plain error counted as a cancel")
	}
	if _, ok := job.IsCancel(job.Cancel(nil)); !ok {
		t.Error("Cancel(nil)")
	}
}

func TestAttempt(t *testing.T) {
	ctx := job.WithAttempt(context.Background(), job.Attempt{JobID: 1, Number: 2, MaxAttempts: 3})
	a, ok := job.AttemptFrom(ctx)
	if !ok || a.Last() {
		t.Errorf("attempt 2 of 3: %+v last=%v", a, a.Last())
	}
	if a, ok := job.AttemptFrom(context.Background()); ok || !a.Last() {
		t.Error("outside a job the attempt must count as the last")
	}
}

// fakeAdmin records calls.
type fakeAdmin struct {
	filter job.Filter
}

func (f *fakeAdmin) FindJobs(_ context.Context, fl job.Filter) ([]*job.Info, error) {
	f.filter = fl
	return nil, nil
}
func (f *fakeAdmin) CountJobs(context.Context) (map[job.State]int, error) { return nil, nil }
func (f *fakeAdmin) RetryJob(_ context.Context, id int64) (*job.Info, error) {
	return &job.Info{ID: id, Kind: "notify.deliver"}, nil
}
func (f *fakeAdmin) CancelJob(_ context.Context, id int64) (*job.Info, error) {
	if id == 0 {
		return nil, errs.E("fake", errs.NotFound)
	}
	return &job.Info{ID: id, Kind: "notify.deliver"}, nil
}

type fakeAudit struct{ entries []*audit.Entry }

func (f *fakeAudit) AppendAudit(_ context.Context, e *audit.Entry) error {
	f.entries = append(f.entries, e)
	return nil
}
func (f *fakeAudit) FindAudit(context.Context, audit.Filter) ([]*audit.Entry, int, error) {
	return nil, 0, nil
}

func TestServiceChecksAndAudits(t *testing.T) {
	a, log := &fakeAdmin{}, &fakeAudit{}
	svc := job.NewService(a, log)
	admin := access.WithActor(context.Background(), &access.Actor{UserID: 9, Name: "Quản trị", Grants: []access.Grant{{Role: access.PortalAdmin, UnitID: 1}}})
	if _, err := svc.FindJobs(admin, job.Filter{Limit: 10_000}); err != nil || a.filter.Limit != 500 {
		t.Errorf("limit %d, %v", a.filter.Limit, err)
	}
	bad := job.State("lost")
	if _, err := svc.FindJobs(admin, job.Filter{State: &bad}); !errs.Is(err, errs.Invalid) {
		t.Errorf("bad state: %v", err)
	}
	if _, err := svc.RetryJob(admin, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CancelJob(admin, 0); !errs.Is(err, errs.NotFound) {
		t.Errorf("cancel missing: %v", err)
	}
	if len(log.entries) != 1 || log.entries[0].Action != "job.retry" || log.entries[0].ObjectID != "5" || log.entries[0].ActorID != 9 {
		t.Errorf("audit %+v", log.entries)
	}
	unitAdmin := access.WithActor(context.Background(), &access.Actor{UserID: 2, Grants: []access.Grant{{Role: access.UnitAdmin, UnitID: 1, Subtree: true, UnitPath: "/1/"}}})
	for name, ctx := range map[string]context.Context{"anonymous": context.Background(), "unit admin": unitAdmin} {
		if _, err := svc.CancelJob(ctx, 5); err == nil {
			t.Errorf("%s cancelled a job", name)
		}
		if _, err := svc.CountJobs(ctx); err == nil {
			t.Errorf("%s counted jobs", name)
		}
	}
	if key, _ := errs.KeyOf(func() error { _, err := svc.RetryJob(unitAdmin, 5); return err }()); key != "error.forbidden" {
		t.Errorf("forbidden key %q", key)
	}
}
