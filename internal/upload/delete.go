package upload

import (
	"context"
	"errors"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// DeleteFile removes one file: its row first, so no row ever points at a
// missing object, then its object (one left behind by a failure here is
// swept later). NotFound when there is no such file.
func (s *Service) DeleteFile(ctx context.Context, id int64) error {
	const op = "upload.DeleteFile"
	f, err := s.store.FindFileByID(ctx, id)
	if err != nil {
		return errs.E(op, err)
	}
	if err := s.remove(ctx, f); err != nil {
		return errs.E(op, err)
	}
	return nil
}

func (s *Service) remove(ctx context.Context, f *File) error {
	if err := s.store.DeleteFile(ctx, f.ID); err != nil {
		return err
	}
	return s.blobs.Delete(ctx, f.Key)
}

// DeleteOwnerFilesTx enqueues, in the transaction that deletes an owner,
// the job that deletes its files; they go only if the owner does.
func (s *Service) DeleteOwnerFilesTx(ctx context.Context, tx job.Tx, ownerKind string, ownerID int64) error {
	return s.jobs.EnqueueTx(ctx, tx, DeleteOwnerFilesArgs{OwnerKind: ownerKind, OwnerID: ownerID}, nil)
}

// DeleteOwnerFiles is the handler of DeleteOwnerFilesArgs. Run again
// after a partial failure, it finishes the work.
func (s *Service) DeleteOwnerFiles(ctx context.Context, a DeleteOwnerFilesArgs) error {
	files, err := s.store.FindFilesByOwner(ctx, a.OwnerKind, a.OwnerID)
	if err != nil {
		return err
	}
	var errList []error
	for _, f := range files {
		errList = append(errList, s.remove(ctx, f))
	}
	s.log.InfoContext(ctx, "deleted owner files", "owner_kind", a.OwnerKind, "owner_id", a.OwnerID, "count", len(files))
	return errors.Join(errList...)
}
