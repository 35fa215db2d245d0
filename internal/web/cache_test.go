package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowPage counts renders and answers "v<n>" after waiting on gate.
type slowPage struct {
	renders atomic.Int64
	gate    chan struct{}
}

func (p *slowPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.renders.Add(1)
	if p.gate != nil {
		<-p.gate
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "v%d", n)
}

func get(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/trang", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	return rec.Body.String()
}

// waitFor polls cond for up to a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestPageCacheRendersAMissingPageOnce(t *testing.T) {
	page := &slowPage{gate: make(chan struct{})}
	c := newPageCache(time.Minute)
	h := c.middleware(page)
	const n = 16
	bodies := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { bodies[i] = get(t, h) })
	}
	waitFor(t, "the first render", func() bool { return page.renders.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // give the others time to (wrongly) render too
	close(page.gate)
	wg.Wait()
	if got := page.renders.Load(); got != 1 {
		t.Errorf("%d concurrent requests for a missing page rendered it %d times, want 1", n, got)
	}
	for i, b := range bodies {
		if b != "v1" {
			t.Errorf("request %d got %q, want v1", i, b)
		}
	}
}

func TestPageCacheServesAnExpiredPageWhileOneRendersItsSuccessor(t *testing.T) {
	page := &slowPage{}
	c := newPageCache(time.Minute)
	h := c.middleware(page)
	if b := get(t, h); b != "v1" {
		t.Fatalf("first answer %q", b)
	}
	// The entry outlives its time to live; the next request renders the
	// successor (held at the gate) while another is served the old page.
	c.mu.Lock()
	c.entries["/trang"].stored = time.Now().Add(-2 * time.Minute)
	c.mu.Unlock()
	page.gate = make(chan struct{})
	leader := make(chan string)
	go func() { leader <- get(t, h) }()
	waitFor(t, "the refresh", func() bool { return page.renders.Load() == 2 })
	if b := get(t, h); b != "v1" {
		t.Errorf("during the refresh another request got %q, want the expired v1", b)
	}
	close(page.gate)
	if b := <-leader; b != "v2" {
		t.Errorf("the refreshing request got %q, want v2", b)
	}
	if b := get(t, h); b != "v2" {
		t.Errorf("after the refresh: %q, want v2", b)
	}
}

func TestPageCacheNeverServesAPageOfOlderContent(t *testing.T) {
	page := &slowPage{}
	c := newPageCache(time.Minute)
	h := c.middleware(page)
	get(t, h)
	c.Invalidate()
	page.gate = make(chan struct{})
	leader := make(chan string)
	go func() { leader <- get(t, h) }()
	waitFor(t, "the render", func() bool { return page.renders.Load() == 2 })
	follower := make(chan string)
	go func() { follower <- get(t, h) }()
	select {
	case b := <-follower:
		t.Fatalf("after a change a request got %q before the new page was rendered", b)
	case <-time.After(30 * time.Millisecond):
	}
	close(page.gate)
	if a, b := <-leader, <-follower; a != "v2" || b != "v2" {
		t.Errorf("after a change: leader %q, follower %q, want v2 for both", a, b)
	}
	if got := page.renders.Load(); got != 2 {
		t.Errorf("renders = %d, want 2", got)
	}
}

func TestPageCacheRendersUncacheablePagesForEveryRequest(t *testing.T) {
	var renders atomic.Int64
	h := newPageCache(time.Minute).middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, "private")
	}))
	for range 3 {
		if b := get(t, h); b != "private" {
			t.Fatalf("got %q", b)
		}
	}
	if got := renders.Load(); got != 3 {
		t.Errorf("a no-store page was rendered %d times for 3 requests, want 3", got)
	}
}

func TestPageCacheStoresAPageWithAQueryOnItsSecondRender(t *testing.T) {
	page := &slowPage{}
	c := newPageCache(time.Minute)
	h := c.middleware(page)
	at := func(target string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec.Body.String()
	}
	// A path without a query is stored at once.
	if a, b := at("/trang"), at("/trang"); a != "v1" || b != "v1" {
		t.Fatalf("plain path: %q then %q, want v1 twice", a, b)
	}
	// A one-off query is rendered and not stored ...
	if got := at("/tim-kiem?q=mot"); got != "v2" {
		t.Fatalf("first search: %q", got)
	}
	for i := range 100 {
		at(fmt.Sprintf("/tim-kiem?q=khac-%d", i))
	}
	if got := len(c.entries); got != 1 {
		t.Errorf("101 one-off queries left %d entries, want only the plain page's", got)
	}
	// ... and a query asked again is stored on that second render.
	if a, b := at("/tim-kiem?q=mot"), at("/tim-kiem?q=mot"); a != b || a == "v2" {
		t.Errorf("a query asked again: %q then %q, want a new render then the same from the cache", a, b)
	}
}
