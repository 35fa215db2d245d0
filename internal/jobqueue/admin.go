package jobqueue

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/sqlstore"
)

var _ job.Admin = (*Queue)(nil)

// FindJobs implements job.Admin.
func (q *Queue) FindJobs(ctx context.Context, f job.Filter) ([]*job.Info, error) {
	const op = "jobqueue.FindJobs"
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(max(f.Limit, 1))
	if f.State != nil {
		p = p.States(rivertype.JobState(*f.State))
	}
	if f.Kind != nil {
		p = p.Kinds(*f.Kind)
	}
	if f.BeforeID > 0 {
		p = p.Where("id < @before_id", river.NamedArgs{"before_id": f.BeforeID})
	}
	res, err := q.client.JobList(ctx, p)
	if err != nil {
		return nil, errs.E(op, err)
	}
	out := make([]*job.Info, len(res.Jobs))
	for i, row := range res.Jobs {
		out[i] = info(row)
	}
	return out, nil
}

// CountJobs implements job.Admin.
func (q *Queue) CountJobs(ctx context.Context) (map[job.State]int, error) {
	const op = "jobqueue.CountJobs"
	rows, err := q.db.Query(ctx, "SELECT state, COUNT(*) FROM river_job GROUP BY state")
	if err != nil {
		return nil, sqlstore.MapErr(op, err)
	}
	defer rows.Close()
	out := map[job.State]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, sqlstore.MapErr(op, err)
		}
		out[job.State(s)] = n
	}
	return out, sqlstore.MapErr(op, rows.Err())
}

// RetryJob implements job.Admin.
func (q *Queue) RetryJob(ctx context.Context, id int64) (*job.Info, error) {
	row, err := q.client.JobRetry(ctx, id)
	if err != nil {
		return nil, adminErr("jobqueue.RetryJob", err)
	}
	return info(row), nil
}

// CancelJob implements job.Admin.
func (q *Queue) CancelJob(ctx context.Context, id int64) (*job.Info, error) {
	row, err := q.client.JobCancel(ctx, id)
	if err != nil {
		return nil, adminErr("jobqueue.CancelJob", err)
	}
	return info(row), nil
}

func adminErr(op string, err error) error {
	if errors.Is(err, rivertype.ErrNotFound) {
		return errs.E(op, errs.NotFound, "job.not_found", err)
	}
	return errs.E(op, err)
}

// info converts River's row to the port's type.
func info(row *rivertype.JobRow) *job.Info {
	i := &job.Info{
		ID: row.ID, Kind: row.Kind, Queue: row.Queue, State: job.State(row.State),
		Args: string(row.EncodedArgs), Attempt: row.Attempt, MaxAttempts: row.MaxAttempts,
		CreatedAt: row.CreatedAt.UTC(), ScheduledAt: row.ScheduledAt.UTC(),
		FinishedAt: timeOrZero(row.FinalizedAt),
	}
	for _, e := range row.Errors {
		i.Errors = append(i.Errors, job.AttemptError{Attempt: e.Attempt, At: e.At.UTC(), Message: e.Error})
	}
	return i
}

func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
