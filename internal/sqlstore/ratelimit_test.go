package sqlstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/storetest"
)

func TestHitRateWindows(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	w1 := acctTime
	w2 := w1.Add(15 * time.Minute)
	steps := []struct {
		name   string
		window time.Time
		want   int
	}{
		{"first hit", w1, 1},
		{"second hit", w1, 2},
		{"third hit", w1, 3},
		{"next window restarts", w2, 1},
		{"a late node's earlier window counts on", w1, 2},
		{"same window again", w2, 3},
	}
	for _, s := range steps {
		n, err := db.HitRate(ctx, "login:ip:192.0.2.1", s.window)
		if err != nil || n != s.want {
			t.Errorf("%s: count %d (%v), want %d", s.name, n, err, s.want)
		}
	}
	if n, _ := db.HitRate(ctx, "other", w1); n != 1 {
		t.Errorf("keys are independent: other = %d", n)
	}
}

func TestRefundRate(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	w1, w2 := acctTime, acctTime.Add(15*time.Minute)
	db.HitRate(ctx, "k", w1)
	db.HitRate(ctx, "k", w1)
	if err := db.RefundRate(ctx, "k", w1); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.HitRate(ctx, "k", w1); n != 2 {
		t.Errorf("after refund and hit: %d, want 2", n)
	}
	// A refund for a window that has passed does not touch the new one.
	db.HitRate(ctx, "k", w2)
	db.RefundRate(ctx, "k", w1)
	if n, _ := db.HitRate(ctx, "k", w2); n != 2 {
		t.Errorf("stale refund changed the new window: %d, want 2", n)
	}
	// Refunds stop at zero.
	for range 5 {
		db.RefundRate(ctx, "k", w2)
	}
	if n, _ := db.HitRate(ctx, "k", w2); n != 1 {
		t.Errorf("after many refunds: %d, want 1", n)
	}
}

// Concurrent hits are each counted once: the upsert is atomic.
func TestHitRateConcurrent(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	var wg sync.WaitGroup
	seen := make([]int, 20)
	for i := range seen {
		wg.Go(func() {
			n, err := db.HitRate(ctx, "burst", acctTime)
			if err != nil {
				t.Error(err)
			}
			seen[i] = n
		})
	}
	wg.Wait()
	got := map[int]bool{}
	for _, n := range seen {
		got[n] = true
	}
	if len(got) != len(seen) || !got[1] || !got[len(seen)] {
		t.Errorf("counts %v are not 1..%d once each", seen, len(seen))
	}
}

func TestDeleteRateCounters(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	db.HitRate(ctx, "old", acctTime)
	db.HitRate(ctx, "current", acctTime.Add(15*time.Minute))
	n, err := db.DeleteRateCounters(ctx, acctTime.Add(15*time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("deleted %d (%v), want 1", n, err)
	}
	if n, _ := db.HitRate(ctx, "current", acctTime.Add(15*time.Minute)); n != 2 {
		t.Errorf("current counter lost: %d", n)
	}
}
