package webcheck

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// AdminLogin is the staff login page. It is checked like a public page once
// it exists; before that a 404 is "not yet present" unless a page links to
// it.
const AdminLogin = "/quan-tri/dang-nhap"

// maxFetches bounds the crawl, so a bug that makes links endless cannot
// make the gates run forever.
const maxFetches = 5000

// Page is one fetched HTML page.
type Page struct {
	Path   string // path and query, e.g. /don-vi?view=list
	Type   string // language, route pattern and query names: "vi GET /don-vi ?view"
	Status int    // the status it answered with
	HTML   []byte // the body as the server sent it (uncompressed)
	From   string // the page that linked to it, or "sitemap" or "probe"
}

// probe is a page that no sitemap entry or link needs to reach.
type probe struct {
	path   string
	status int // the status it must answer with
}

// probes are the page types only a user's input or a mistake reaches.
var probes = []probe{
	{"/khong-co-trang-nay", http.StatusNotFound},
	{"/en/no-such-page", http.StatusNotFound},
	{"/don-vi?q=hoan+kiem", http.StatusOK},
	{"/en/units?q=zzzz-nothing", http.StatusOK},
}

// Discovery is what the crawl found.
type Discovery struct {
	// Types maps each page type to its pages, in the order they were found.
	Types map[string][]*Page
	// Failures are pages that answered with the wrong status (broken links,
	// a sitemap entry that fails).
	Failures []Failure
	// Notes are facts for the report that fail nothing.
	Notes []string
	// Fetched counts the URLs fetched.
	Fetched int
}

// Representatives returns one or two pages of each type: the first found
// and the largest, sorted by type.
func (d *Discovery) Representatives() []*Page {
	var out []*Page
	for _, typ := range d.sortedTypes() {
		pages := d.Types[typ]
		first, big := pages[0], pages[0]
		for _, p := range pages {
			if len(p.HTML) > len(big.HTML) {
				big = p
			}
		}
		out = append(out, first)
		if big != first {
			out = append(out, big)
		}
	}
	return out
}

func (d *Discovery) sortedTypes() []string {
	types := make([]string, 0, len(d.Types))
	for t := range d.Types {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// Discover crawls the server from its sitemap, the probes and the admin
// login page, following the links of the first page of each new type.
func Discover(ctx context.Context, s *Server) (*Discovery, error) {
	c := &crawler{srv: s, seen: map[string]bool{}, links: map[string]string{},
		d: &Discovery{Types: map[string][]*Page{}}}
	start, err := c.sitemap(ctx)
	if err != nil {
		return nil, err
	}
	queue := make([]link, 0, len(start)+len(probes)+1)
	for _, p := range start {
		queue = append(queue, link{path: p, from: "sitemap", status: http.StatusOK})
	}
	for _, p := range probes {
		queue = append(queue, link{path: p.path, from: "probe", status: p.status})
	}
	queue = append(queue, link{path: AdminLogin, from: "probe", status: http.StatusOK})
	for len(queue) > 0 && c.d.Fetched < maxFetches {
		queue = c.round(ctx, queue)
	}
	c.adminVerdict()
	return c.d, nil
}

// link is a URL to fetch, with where it was found and the status it
// should answer with.
type link struct {
	path   string
	from   string
	status int
}

type crawler struct {
	srv   *Server
	seen  map[string]bool
	links map[string]string // path → first page that linked to it
	d     *Discovery
	ids   atomic.Int64
	// adminMissing is set when the admin login page answered 404.
	adminMissing bool
}

// adminVerdict turns a missing admin login page into a note, or into a
// failure when some page links to it.
func (c *crawler) adminVerdict() {
	if !c.adminMissing {
		return
	}
	if from := c.links[AdminLogin]; from != "" {
		c.d.Failures = append(c.d.Failures, Failure{Page: AdminLogin, Gate: "fetch", Rule: "status",
			Message: "answered 404 but " + from + " links to it"})
		return
	}
	c.d.Notes = append(c.d.Notes, AdminLogin+": 404 and linked from no page, so not yet present: skipped")
}

var client = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// sitemap returns the paths of every <loc> and alternate of /sitemap.xml.
func (c *crawler) sitemap(ctx context.Context) ([]string, error) {
	f := c.fetch(ctx, "/sitemap.xml")
	if f.err != nil || f.status != http.StatusOK {
		return nil, fmt.Errorf("GET /sitemap.xml: status %d %v", f.status, f.err)
	}
	var set struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Alts []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(f.body, &set); err != nil {
		return nil, fmt.Errorf("parse /sitemap.xml: %w", err)
	}
	var out []string
	for _, u := range set.URLs {
		out = append(out, c.local(u.Loc))
		for _, a := range u.Alts {
			out = append(out, c.local(a.Href))
		}
	}
	return out, nil
}

// local returns the path and query of an absolute URL, which must be the
// server's own (the sitemap uses the request's host when no base URL is
// configured).
func (c *crawler) local(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.RequestURI()
}

// round fetches the unseen links of queue and returns the links found on
// pages of types seen for the first time.
func (c *crawler) round(ctx context.Context, queue []link) []link {
	var todo []link
	for _, l := range queue {
		if !c.seen[l.path] {
			c.seen[l.path] = true
			todo = append(todo, l)
		}
	}
	results := c.fetchAll(ctx, todo)
	ids := make([]string, len(results))
	for i, r := range results {
		ids[i] = r.id
	}
	routes := c.srv.Routes(ctx, ids)
	var next []link
	for i, r := range results {
		next = append(next, c.take(todo[i], r, routes[r.id])...)
	}
	return next
}

// take records one fetched URL and returns the links to follow from it.
func (c *crawler) take(l link, r fetched, route string) []link {
	if r.err != nil {
		c.d.Failures = append(c.d.Failures, Failure{Page: l.path, Gate: "fetch", Rule: "request", Message: r.err.Error() + " (linked from " + l.from + ")"})
		return nil
	}
	if r.status >= 300 && r.status < 400 {
		return []link{{path: c.local(r.location), from: l.path + " (redirect)", status: l.status}}
	}
	if l.path == AdminLogin && r.status == http.StatusNotFound {
		c.adminMissing = true
		return nil
	}
	if r.status != l.status {
		c.d.Failures = append(c.d.Failures, Failure{Page: l.path, Gate: "fetch", Rule: "status",
			Message: fmt.Sprintf("answered %d, want %d (linked from %s)", r.status, l.status, l.from)})
	}
	if !strings.HasPrefix(r.ctype, "text/html") {
		return nil
	}
	p := &Page{Path: l.path, Type: pageType(l.path, route, r.status), Status: r.status, HTML: r.body, From: l.from}
	first := len(c.d.Types[p.Type]) == 0
	c.d.Types[p.Type] = append(c.d.Types[p.Type], p)
	if !first {
		return nil
	}
	return c.linksOf(p)
}

// pageType names the kind of a page: its language, the route pattern that
// served it, the names of its query parameters and, for an error, the
// status.
func pageType(path, route string, status int) string {
	u, _ := url.Parse(path)
	lang := "vi"
	if u.Path == "/en" || strings.HasPrefix(u.Path, "/en/") {
		lang = "en"
	}
	if route == "" {
		route = "? " + u.Path // the log did not say: each path is its own type
	}
	typ := lang + " " + route
	if q := u.Query(); len(q) > 0 {
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		typ += " ?" + strings.Join(keys, "&")
	}
	if status != http.StatusOK {
		typ += fmt.Sprintf(" [%d]", status)
	}
	return typ
}

var (
	hrefRE  = regexp.MustCompile(`<a\s[^>]*?href="([^"]*)"`)
	formRE  = regexp.MustCompile(`(?s)<form\s([^>]*)>(.*?)</form>`)
	inputRE = regexp.MustCompile(`<input\s[^>]*>`)
	attrRE  = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
)

// SampleQuery is what the crawl types into the text fields of GET forms
// (search, filters) to reach their result pages.
const SampleQuery = "hà nội"

// formURLs returns, for each GET form of page, its action with every
// text or search field set to SampleQuery: the result pages that only a
// form reaches.
func formURLs(page []byte) []string {
	var out []string
	for _, f := range formRE.FindAllSubmatch(page, -1) {
		attrs := attrsOf(f[1])
		if m := strings.ToLower(attrs["method"]); m != "" && m != "get" {
			continue
		}
		q := url.Values{}
		for _, in := range inputRE.FindAll(f[2], -1) {
			a := attrsOf(in)
			if a["name"] != "" && (a["type"] == "search" || a["type"] == "text" || a["type"] == "") {
				q.Set(a["name"], SampleQuery)
			}
		}
		if len(q) > 0 {
			out = append(out, attrs["action"]+"?"+q.Encode())
		}
	}
	return out
}

func attrsOf(tag []byte) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllSubmatch(tag, -1) {
		m[string(a[1])] = html.UnescapeString(string(a[2]))
	}
	return m
}

// linksOf returns the links of p to pages of this server that the crawl
// follows: not static files, not the API, and of the admin area only the
// login page. A link to the admin login makes its 404 a failure.
func (c *crawler) linksOf(p *Page) []link {
	var out []link
	hrefs := formURLs(p.HTML)
	for _, m := range hrefRE.FindAllSubmatch(p.HTML, -1) {
		hrefs = append(hrefs, html.UnescapeString(string(m[1])))
	}
	for _, href := range hrefs {
		path, ok := c.ownPath(href, p.Path)
		if !ok {
			continue
		}
		if _, ok := c.links[path]; !ok {
			c.links[path] = p.Path
		}
		if strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/api/") ||
			(strings.HasPrefix(path, "/quan-tri") && path != AdminLogin) {
			continue
		}
		out = append(out, link{path: path, from: p.Path, status: http.StatusOK})
	}
	return out
}

// ownPath resolves href against the page at base and reports whether it
// points at this server.
func (c *crawler) ownPath(href, base string) (string, bool) {
	srv, _ := url.Parse(c.srv.URL)
	b, err := url.Parse(c.srv.URL + base)
	if err != nil {
		return "", false
	}
	u, err := b.Parse(href)
	if err != nil || u.Host != srv.Host || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	u.Fragment = ""
	return u.RequestURI(), true
}

// fetched is the answer to one GET.
type fetched struct {
	id       string // the X-Request-ID sent, to find the route in the log
	status   int
	ctype    string
	location string
	body     []byte
	err      error
}

// fetchAll fetches the links four at a time.
func (c *crawler) fetchAll(ctx context.Context, ls []link) []fetched {
	out := make([]fetched, len(ls))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, l := range ls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			out[i] = c.fetch(ctx, l.path)
			<-sem
		}()
	}
	wg.Wait()
	c.d.Fetched += len(ls)
	return out
}

func (c *crawler) fetch(ctx context.Context, path string) fetched {
	f := fetched{id: fmt.Sprintf("webcheck-%08d", c.ids.Add(1))}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.srv.URL+path, nil)
	if err != nil {
		f.err = err
		return f
	}
	req.Header.Set("X-Request-ID", f.id)
	req.Header.Set("Accept-Language", "vi")
	resp, err := client.Do(req)
	if err != nil {
		f.err = err
		return f
	}
	defer resp.Body.Close()
	f.status, f.ctype, f.location = resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Location")
	f.body, f.err = io.ReadAll(resp.Body)
	return f
}
