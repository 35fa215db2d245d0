package webcheck

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromeFlags are the flags chromium runs with, here and under Lighthouse:
// headless, and quiet on the network. The host resolver maps every name
// to nothing, so a page or the browser itself cannot reach another host
// even by mistake (the server is addressed as 127.0.0.1).
var ChromeFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
	"--no-default-browser-check", "--no-pings", "--metrics-recording-only",
	"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
}

// ChromiumPath returns the chromium to run: $CHROME_PATH, else the first
// of chromium, chromium-browser and google-chrome on PATH, else "".
func ChromiumPath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// NeedChromium returns chromium's path, skipping t when there is none
// (failing it under CI=true, where the browser tests must run).
func NeedChromium(t testing.TB) string {
	t.Helper()
	p := ChromiumPath()
	if p == "" && os.Getenv("CI") == "true" {
		t.Fatal("chromium not found (CI=true: the browser tests must run; make deps-browser installs it)")
	}
	if p == "" {
		t.Skip("chromium not found: browser test skipped (make deps-browser installs it)")
	}
	return p
}

// NewBrowser starts headless chromium with a fresh profile; it stops at
// cleanup. Use Tab for each page.
func NewBrowser(t testing.TB, path string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir())}
	for _, f := range ChromeFlags {
		name, value, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return bctx
}

// Request is one network request of a page.
type Request struct {
	URL    string
	Type   network.ResourceType
	Status int64
	Bytes  int64  // encodedDataLength: headers and (compressed) body as transferred
	Failed string // the error text when it failed
	done   bool
}

// Tab is one page in its own tab, recording its requests and console
// errors from before it navigates.
type Tab struct {
	Ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	reqs   map[network.RequestID]*Request
	order  []network.RequestID
	errors []string // console errors, uncaught exceptions, error log entries
}

// NewTab opens a tab with the network recorded and the cache off, so every
// page load is a first visit.
func NewTab(browser context.Context) (*Tab, error) {
	ctx, cancel := chromedp.NewContext(browser)
	t := &Tab{Ctx: ctx, cancel: cancel, reqs: map[network.RequestID]*Request{}}
	if err := chromedp.Listen(ctx, t.on); err != nil {
		cancel()
		return nil, err
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		cancel()
		return nil, err
	}
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

// on records one browser event; it runs on chromedp's reader goroutine and
// must not block.
func (t *Tab) on(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := t.reqs[e.RequestID]; !ok {
			t.order = append(t.order, e.RequestID)
		}
		t.reqs[e.RequestID] = &Request{URL: e.Request.URL, Type: e.Type}
	case *network.EventResponseReceived:
		if r := t.reqs[e.RequestID]; r != nil {
			r.Status, r.Type = e.Response.Status, e.Type
		}
	case *network.EventLoadingFinished:
		if r := t.reqs[e.RequestID]; r != nil {
			r.Bytes, r.done = int64(e.EncodedDataLength), true
		}
	case *network.EventLoadingFailed:
		if r := t.reqs[e.RequestID]; r != nil {
			r.Failed, r.done = e.ErrorText+" "+string(e.BlockedReason), true
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			t.errors = append(t.errors, "console."+string(e.Type)+": "+argsText(e.Args))
		}
	case *runtime.EventExceptionThrown:
		t.errors = append(t.errors, "uncaught exception: "+exceptionText(e.ExceptionDetails))
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			t.errors = append(t.errors, fmt.Sprintf("log (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if len(a.Value) > 0 {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return fmt.Sprintf("%s at %s:%d:%d", d.Text, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// Load navigates to url, waits for the load event and then until no
// request is in flight for a quarter second (at most 5 s), and returns the
// status of the document.
func (t *Tab) Load(url string) (int64, error) {
	ctx, cancel := context.WithTimeout(t.Ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		return 0, err
	}
	t.settle(ctx)
	return resp.Status, nil
}

func (t *Tab) settle(ctx context.Context) {
	quiet := time.Time{}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && ctx.Err() == nil; {
		if t.inFlight() > 0 {
			quiet = time.Time{}
		} else if quiet.IsZero() {
			quiet = time.Now()
		} else if time.Since(quiet) > 250*time.Millisecond {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (t *Tab) inFlight() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, r := range t.reqs {
		if !r.done {
			n++
		}
	}
	return n
}

// Requests returns the requests so far, in the order they started.
func (t *Tab) Requests() []Request {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Request, 0, len(t.order))
	for _, id := range t.order {
		out = append(out, *t.reqs[id])
	}
	return out
}

// Errors returns the console errors so far.
func (t *Tab) Errors() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.errors...)
}

// Weight is what a page load transferred, by resource type.
type Weight struct {
	Total  int64
	ByType map[string]int64
}

// WeightOf adds up the bytes transferred by reqs.
func WeightOf(reqs []Request) Weight {
	w := Weight{ByType: map[string]int64{}}
	for _, r := range reqs {
		w.Total += r.Bytes
		w.ByType[strings.ToLower(string(r.Type))] += r.Bytes
	}
	return w
}

// Breakdown lists the bytes by type, largest first: "document 9.1 KB,
// stylesheet 2.0 KB".
func (w Weight) Breakdown() string {
	types := make([]string, 0, len(w.ByType))
	for t := range w.ByType {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return w.ByType[types[i]] > w.ByType[types[j]] })
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = t + " " + kbytes(w.ByType[t])
	}
	return strings.Join(parts, ", ")
}

// OtherHost reports whether raw points at another host than base's (data:
// and blob: URLs stay in the page).
func OtherHost(raw, base string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	if u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about" {
		return false
	}
	b, _ := url.Parse(base)
	return u.Host != b.Host
}
