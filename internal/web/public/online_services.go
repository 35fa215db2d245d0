package public

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/vntext"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// maxOnlineListed bounds how many procedures of each online level the
// online services page lists in full; past it the page keeps the counts by
// sector and links to the catalogue, which pages its results.
const maxOnlineListed = 1000

// onlineView is the "Dịch vụ công trực tuyến" page: the procedures that
// can be done online, by sector, with their online level (Decree
// 42/2022/NĐ-CP, art. 9).
type onlineView struct {
	Sectors   []onlineSector
	Full      int // procedures fully online
	Partial   int // procedures partly online
	Truncated bool
	Base      string // the catalogue in this language
}

// onlineSector is one field (lĩnh vực) and its online procedures.
type onlineSector struct {
	Name          string
	ID            string // anchor
	Full, Partial int
	URL           string // the catalogue filtered on this field
	List          []procRow
}

// onlineServices lists the procedures with full or partial online
// service, grouped by field in alphabetical order.
func (h *Handlers) onlineServices(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	ctx := procPublicView(r.Context())
	v := onlineView{Base: l.Prefix() + procedurePath(l.Lang)}
	bySector := map[string]*onlineSector{}
	for _, lv := range []procedure.OnlineLevel{procedure.OnlineFull, procedure.OnlinePartial} {
		lv := lv
		list, total, err := h.Procedures.FindProcedures(ctx, procedure.Filter{OnlineLevel: &lv, Limit: maxOnlineListed})
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		v.Truncated = v.Truncated || total > len(list)
		for _, p := range list {
			s := bySector[p.Field]
			if s == nil {
				s = &onlineSector{Name: p.Field, URL: v.Base + procQuery(url.Values{"field": {p.Field}})}
				bySector[p.Field] = s
			}
			s.List = append(s.List, procRowOf(l, v.Base, p))
			if lv == procedure.OnlineFull {
				s.Full++
				v.Full++
			} else {
				s.Partial++
				v.Partial++
			}
		}
	}
	v.Sectors = sortOnlineSectors(l.T("procpage.no_field"), bySector)
	title := l.T("online.title")
	h.Render.HTML(w, r, http.StatusOK, "online_services", &httpx.Page{
		L: l, Title: title, Description: l.T("online.intro"), Canonical: h.canonical(r),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: title}},
		Data:   v,
	})
}

// sortOnlineSectors orders the sectors by name as a Vietnamese reader expects
// (ignoring diacritics first), each sector's procedures by name, and names
// the sector of procedures without a field.
func sortOnlineSectors(unnamed string, m map[string]*onlineSector) []onlineSector {
	out := make([]onlineSector, 0, len(m))
	for _, s := range m {
		sort.SliceStable(s.List, func(i, j int) bool { return vntext.Fold(s.List[i].Name) < vntext.Fold(s.List[j].Name) })
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := vntext.Fold(out[i].Name), vntext.Fold(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].Name < out[j].Name
	})
	for i := range out {
		out[i].ID = "linh-vuc-" + strconv.Itoa(i+1)
		if out[i].Name == "" {
			out[i].Name, out[i].URL = unnamed, ""
		}
	}
	return out
}
