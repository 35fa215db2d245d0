package unit

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Versioner reports a number that changes whenever any unit changes, on
// any node (the search feed's latest unit sequence). *sqlstore.DB
// implements it.
type Versioner interface {
	KindVersion(ctx context.Context, kind string) (int64, error)
}

// DefaultRecheck is how long a directory snapshot is trusted before the
// version is read again; it bounds how late another node's change shows up.
const DefaultRecheck = time.Second

// directory is an immutable snapshot of every unit, without leaders. Unit
// lists, the tree and counts are served from it: a city has at most some
// thousands of units, which fit in memory many times over.
type directory struct {
	all     []*Unit // in the store's order: depth, sort order, name
	keys    []string
	byID    map[int64]*Unit
	version int64
	checked atomic.Int64 // unix nanoseconds of the last version check
}

// dirCache holds the current snapshot.
type dirCache struct {
	versions Versioner
	recheck  time.Duration
	cur      atomic.Pointer[directory]
	mu       sync.Mutex // serialises reloads
}

// WithDirectoryCache makes the service answer FindUnits and Tree from an
// in-memory snapshot, reloaded when versions reports a change (checked at
// most once per recheck, normally DefaultRecheck) or after a write through
// this service.
func (s *Service) WithDirectoryCache(versions Versioner, recheck time.Duration) *Service {
	s.dir = &dirCache{versions: versions, recheck: recheck}
	return s
}

// Invalidate drops the snapshot, so the next read reloads it.
func (s *Service) Invalidate() {
	if s.dir != nil {
		s.dir.cur.Store(nil)
	}
}

func (c *dirCache) get(ctx context.Context, store Store) (*directory, error) {
	d := c.cur.Load()
	if d != nil && time.Since(time.Unix(0, d.checked.Load())) < c.recheck {
		return d, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d2 := c.cur.Load(); d2 != nil && d2 != d {
		return d2, nil // another request reloaded meanwhile
	}
	v, err := c.versions.KindVersion(ctx, "unit")
	if err != nil {
		return nil, err
	}
	if d != nil && v == d.version {
		d.checked.Store(time.Now().UnixNano())
		return d, nil
	}
	all, _, err := store.FindUnits(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	d = newDirectory(all, v)
	c.cur.Store(d)
	return d, nil
}

func newDirectory(all []*Unit, version int64) *directory {
	d := &directory{all: all, keys: make([]string, len(all)), byID: make(map[int64]*Unit, len(all)), version: version}
	for i, u := range all {
		d.keys[i] = u.SearchKey()
		d.byID[u.ID] = u
	}
	d.checked.Store(time.Now().UnixNano())
	return d
}

// find applies f to the snapshot, as the store's FindUnits would.
func (d *directory) find(f Filter, folded string) ([]*Unit, int) {
	var out []*Unit
	total := 0
	for i, u := range d.all {
		if !matches(u, d.keys[i], f, folded) {
			continue
		}
		if total >= f.Offset && (f.Limit == 0 || len(out) < f.Limit) {
			out = append(out, u)
		}
		total++
	}
	return out, total
}

func matches(u *Unit, key string, f Filter, folded string) bool {
	switch {
	case folded != "" && !strings.Contains(key, folded):
		return false
	case f.Kind != nil && u.Kind != *f.Kind:
		return false
	case f.ParentID != nil && u.ParentID != *f.ParentID:
		return false
	case f.Active != nil && u.Active != *f.Active:
		return false
	case f.SuccessorID != nil && u.SuccessorID != *f.SuccessorID:
		return false
	}
	return true
}

// Lookup returns a unit by id from the snapshot (without leaders), for
// showing names and links; ok is false when there is none.
func (s *Service) Lookup(ctx context.Context, id int64) (*Unit, bool) {
	if s.dir == nil {
		u, err := s.store.FindUnitByID(ctx, id)
		return u, err == nil
	}
	d, err := s.dir.get(ctx, s.store)
	if err != nil {
		return nil, false
	}
	u, ok := d.byID[id]
	return u, ok
}
