package public

import (
	"net/http"
	"time"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// procHistory lists the versions of a procedure that were public.
type procHistory struct {
	P        *procedure.Procedure
	Versions []procVersion
	PageURL  string
}

type procVersion struct {
	Version  int
	Date     time.Time // publication, or the version's time when it has none
	Change   string
	Decision string
	Reason   string
	Current  bool // the version the public reads now
}

// procedureHistory lists the published versions of a procedure, newest
// first, with their dates, the decisions behind them and why they were
// made: procedures are amended by decisions and nothing is overwritten.
func (h *Handlers) procedureHistory(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	ctx := procPublicView(r.Context())
	code := r.PathValue("code")
	p, err := h.Procedures.FindProcedureByCode(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	revs, err := h.Procedures.Versions(ctx, code)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	base := l.Prefix() + procedurePath(l.Lang)
	v := procHistory{P: p, PageURL: base + "/" + p.Code}
	for i := len(revs) - 1; i >= 0; i-- {
		rev := revs[i]
		date := rev.PublishedAt
		if date.IsZero() {
			date = rev.At
		}
		v.Versions = append(v.Versions, procVersion{Version: rev.Version, Date: date, Change: l.T("procpage.change." + string(rev.Change)),
			Decision: rev.Decision, Reason: rev.Reason, Current: rev.Version == p.Version})
	}
	owner := &httpx.Owner{Name: l.T("site.owner")}
	if u, ok := h.Units.Lookup(r.Context(), p.OwnerUnitID); ok {
		owner = &httpx.Owner{Name: u.Name(l.Lang), URL: l.Prefix() + unitsPath(l.Lang) + "/" + u.Code}
	}
	alt := "/en/procedures/" + p.Code + "/history"
	if l.Lang == "en" {
		alt = "/thu-tuc/" + p.Code + "/lich-su"
	}
	title := l.T("procpage.history_title", p.Name)
	h.Render.HTML(w, r, http.StatusOK, "procedure_history", &httpx.Page{
		L: l, Title: title, Canonical: h.canonical(r), Owner: owner, AltLangURL: alt, Noindex: true,
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: l.T("procpage.title"), URL: base},
			{Label: p.Name, URL: v.PageURL}, {Label: l.T("procpage.history")}},
		Data: v,
	})
}
