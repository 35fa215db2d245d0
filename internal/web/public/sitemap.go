package public

import (
	"encoding/xml"
	"net/http"

	"github.com/cong-vn/cong/internal/unit"
)

// urlset is a sitemaps.org document with hreflang alternates.
type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc  string      `xml:"loc"`
	Alts []hreflangs `xml:"xhtml:link"`
}

type hreflangs struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// SitemapSection adds the Vietnamese/English path pairs of a capability to
// the sitemap; each capability registers its own from its routes.
type SitemapSection func(r *http.Request) ([][2]string, error)

// sitemap lists every public page in both languages, each with its
// alternate, for search engines and for the quality gates that visit every
// page type.
func (h *Handlers) sitemap(w http.ResponseWriter, r *http.Request) {
	pairs := [][2]string{{"/", "/en/"}, {"/don-vi", "/en/units"}}
	active := true
	units, _, err := h.Units.FindUnits(r.Context(), unit.Filter{Active: &active})
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	for _, u := range units {
		pairs = append(pairs, [2]string{"/don-vi/" + u.Code, "/en/units/" + u.Code})
	}
	for _, sec := range h.Sitemap {
		more, err := sec(r)
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		pairs = append(pairs, more...)
	}
	base := h.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, p := range pairs {
		alts := []hreflangs{{"alternate", "vi", base + p[0]}, {"alternate", "en", base + p[1]}}
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p[0], Alts: alts}, sitemapURL{Loc: base + p[1], Alts: alts})
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Encode(set)
}

// robots allows everything public and points at the sitemap; the admin
// area is excluded.
func (h *Handlers) robots(w http.ResponseWriter, r *http.Request) {
	base := h.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("User-agent: *\nDisallow: /quan-tri/\nAllow: /\nSitemap: " + base + "/sitemap.xml\n"))
}
