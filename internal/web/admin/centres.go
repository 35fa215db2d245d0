package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// centreRoutes registers the pages of the one-stop centres' integration:
// the list of centres with their connectivity, and each centre's page with
// its API clients (create, rotate, disable), its status mapping and its
// traffic. The centreapi service decides who may do what: clients are for
// portal administrators, the mapping also for the centre's unit
// administrators. Anyone else gets 404, as for objects they may not see.
func centreRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/trung-tam", h.staff(h.centreList))
	r.Handle("GET /quan-tri/trung-tam/{code}", h.staff(h.centrePage))
	r.Handle("POST /quan-tri/trung-tam/{code}/khoa", h.staff(h.clientCreate))
	r.Handle("POST /quan-tri/trung-tam/{code}/khoa/{key}/doi-khoa", h.staff(h.clientRotate))
	r.Handle("POST /quan-tri/trung-tam/{code}/khoa/{key}/vo-hieu", h.staff(h.clientDisable))
	r.Handle("POST /quan-tri/trung-tam/{code}/anh-xa", h.staff(h.mappingSet))
	r.Handle("POST /quan-tri/trung-tam/{code}/anh-xa/xoa", h.staff(h.mappingDelete))
}

const centresURL = "/quan-tri/trung-tam"

// centreURL is the page of the centre with code.
func centreURL(code string) string { return centresURL + "/" + code }

type centreListView struct {
	Connected, Total int
	Rows             []centreRow
	// Clients says whether the actor sees the API clients (portal
	// administrators); others see only the centres they administer.
	Clients bool
}

// centreRow is one centre's connectivity as shown.
type centreRow struct {
	centreapi.CentreConnectivity
	URL          string
	Name         string
	Last         string // the last successful contact, or "never"
	EventsPerDay string
	ErrorRate    string
	ClientList   []*centreapi.Client
}

// centreList shows every centre the actor may manage with its
// connectivity and, to portal administrators, its clients.
func (h *Handlers) centreList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Centres == nil {
		h.Render.Error(w, r, notConfigured("admin.centreList"))
		return
	}
	ctx, l := r.Context(), h.localizer(r)
	conn, err := h.Centres.Connectivity(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	clients, err := h.Centres.FindClients(ctx, 0)
	all := err == nil
	if err != nil && !errs.Is(err, errs.Forbidden) {
		h.Render.Error(w, r, err)
		return
	}
	v := centreListView{Clients: all}
	for _, c := range conn.Centres {
		if !all && !h.mayMapCentre(ctx, c.UnitID) {
			continue
		}
		v.Rows = append(v.Rows, h.centreRow(ctx, l, c, clients))
		v.Total++
		if c.Connected {
			v.Connected++
		}
	}
	if !all && len(v.Rows) == 0 {
		h.Render.Error(w, r, centreNotFound("admin.centreList"))
		return
	}
	p := adminPage(l, l.T("admin.centres.title"), v)
	h.Render.HTML(w, r, http.StatusOK, "admin_centres", p)
}

// mayMapCentre reports whether the actor administers the centre unitID,
// so the list offers it; the service checks again on its page.
func (h *Handlers) mayMapCentre(ctx context.Context, unitID int64) bool {
	u, ok := h.Units.Lookup(ctx, unitID)
	return ok && access.Can(access.ActorFrom(ctx), access.EditUnit, u.Target())
}

// centreRow prepares c for display, with its clients among clients.
func (h *Handlers) centreRow(ctx context.Context, l *i18n.Localizer, c centreapi.CentreConnectivity, clients []*centreapi.Client) centreRow {
	row := centreRow{CentreConnectivity: c, URL: centreURL(c.UnitCode), Name: c.UnitName,
		Last: lastContact(l, c.LastSuccess), EventsPerDay: decimal(l, c.EventsPerDay), ErrorRate: percent(l, c.ErrorRate)}
	if u, ok := h.Units.Lookup(ctx, c.UnitID); ok {
		row.Name = u.Name(l.Lang)
	}
	for _, cl := range clients {
		if cl.UnitID == c.UnitID {
			row.ClientList = append(row.ClientList, cl)
		}
	}
	return row
}

// lastContact is t in Vietnam time, or "never" for zero.
func lastContact(l *i18n.Localizer, t time.Time) string {
	if t.IsZero() {
		return l.T("admin.centres.never")
	}
	return t.In(vietnam).Format("02/01/2006 15:04")
}

// decimal writes f with one decimal, with the decimal comma in
// Vietnamese.
func decimal(l *i18n.Localizer, f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if l.Lang == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percent writes a ratio as a percentage with one decimal.
func percent(l *i18n.Localizer, ratio float64) string {
	return decimal(l, ratio*100) + " %"
}

// centreOf returns the active centre unit of the URL, or NotFound.
func (h *Handlers) centreOf(r *http.Request, op string) (*unit.Unit, error) {
	if h.Centres == nil {
		return nil, notConfigured(op)
	}
	u, err := h.Units.FindUnitByCode(r.Context(), r.PathValue("code"))
	if errs.Is(err, errs.NotFound) || (err == nil && (u.Kind != unit.Centre || !u.Active)) {
		return nil, centreNotFound("admin.centreOf")
	}
	return u, err
}

// centreNotFound is the answer to a centre that does not exist or that the
// actor may not manage: the two are not told apart.
func centreNotFound(op string) error {
	return errs.E(op, errs.NotFound, "admin.centres.not_found")
}

// hideForbidden turns the service's Forbidden into NotFound, so staff of
// other units learn nothing of a centre's integration.
func hideForbidden(op string, err error) error {
	if errs.Is(err, errs.Forbidden) {
		return errs.E(op, errs.NotFound, "admin.centres.not_found", err)
	}
	return err
}
