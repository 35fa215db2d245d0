package upload

import (
	"context"
	"errors"
	"sort"
)

const sweepBatch = 500

// RegisterOwner makes the owners of kind known to SweepOrphans. Files of
// an owner kind nobody registered are never swept.
func (s *Service) RegisterOwner(kind string, o Owners) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.owners[kind] = o
}

func (s *Service) ownersOf(kind string) Owners {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.owners[kind]
}

// SweepOrphans removes the files whose owner no longer exists, and the
// stored objects, under the kinds' prefixes, that have no row and are
// older than OrphanGrace (younger ones may belong to an upload in
// progress). It returns how many it removed; it is the daily periodic
// job's work and is safe to run at any time.
func (s *Service) SweepOrphans(ctx context.Context) (int, error) {
	n1, err1 := s.sweepOwners(ctx)
	n2, err2 := s.sweepObjects(ctx)
	return n1 + n2, errors.Join(err1, err2)
}

func (s *Service) sweepOwners(ctx context.Context) (int, error) {
	kinds, err := s.store.OwnerKinds(ctx)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, kind := range kinds {
		owners := s.ownersOf(kind)
		if owners == nil {
			s.log.WarnContext(ctx, "files of an unregistered owner kind are not swept", "owner_kind", kind)
			continue
		}
		n, err := s.sweepKind(ctx, kind, owners)
		removed += n
		if err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// sweepKind pages through kind's owner IDs and removes the files of those
// that no longer exist.
func (s *Service) sweepKind(ctx context.Context, kind string, owners Owners) (int, error) {
	removed := 0
	for after := int64(0); ; {
		ids, err := s.store.OwnerIDs(ctx, kind, after, sweepBatch)
		if err != nil || len(ids) == 0 {
			return removed, err
		}
		exist, err := owners.ExistingOwners(ctx, ids)
		if err != nil {
			return removed, err
		}
		for _, id := range ids {
			if exist[id] {
				continue
			}
			n, err := s.removeOwner(ctx, kind, id)
			if removed += n; err != nil {
				return removed, err
			}
		}
		after = ids[len(ids)-1]
	}
}

func (s *Service) removeOwner(ctx context.Context, kind string, id int64) (int, error) {
	files, err := s.store.FindFilesByOwner(ctx, kind, id)
	if err != nil {
		return 0, err
	}
	for i, f := range files {
		if err := s.remove(ctx, f); err != nil {
			return i, err
		}
	}
	s.log.InfoContext(ctx, "swept files of a missing owner", "owner_kind", kind, "owner_id", id, "count", len(files))
	return len(files), nil
}

// sweepObjects removes old objects without a row, in batches.
func (s *Service) sweepObjects(ctx context.Context) (int, error) {
	cutoff := s.now().Add(-s.o.OrphanGrace)
	removed := 0
	for _, prefix := range s.prefixes() {
		var batch []string
		for info, err := range s.blobs.List(ctx, prefix) {
			if err != nil {
				return removed, err
			}
			if info.ModTime.After(cutoff) {
				continue
			}
			if batch = append(batch, info.Key); len(batch) == sweepBatch {
				n, err := s.sweepKeys(ctx, batch)
				if removed, batch = removed+n, batch[:0]; err != nil {
					return removed, err
				}
			}
		}
		n, err := s.sweepKeys(ctx, batch)
		if removed += n; err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// prefixes are the key prefixes of the kinds, the only part of the store
// the sweep touches.
func (s *Service) prefixes() []string {
	var out []string
	for k := range s.o.Policies {
		out = append(out, string(k)+"/")
	}
	sort.Strings(out)
	return out
}

func (s *Service) sweepKeys(ctx context.Context, keys []string) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	known, err := s.store.KnownKeys(ctx, keys)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, k := range keys {
		if known[k] {
			continue
		}
		if err := s.blobs.Delete(ctx, k); err != nil {
			return removed, err
		}
		removed++
		s.log.InfoContext(ctx, "swept an unreferenced object", "key", k)
	}
	return removed, nil
}
