package admin

import (
	"net/http"
	"net/url"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type centreView struct {
	Unit   *unit.Unit
	Name   string
	URL    string
	Parent string // the name of the unit above, "" for none
	Conn   centreRow
	Days   []trafficDay
	// Manage says whether the actor manages the clients (portal
	// administrators); unit administrators see only the mapping.
	Manage  bool
	Clients []clientRow
	// Grace says how long a rotation with a transition keeps the old
	// secret ("1 giờ"), so the choice is made knowing it.
	Grace string
	// Secret is the credentials just issued (created or rotated): shown
	// this once, since the service never returns the secret again.
	Secret *secretView
	// Error is the summary of a refused rotation or disable.
	Error         string
	ClientForm    httpx.Form
	ClientFields  []httpx.Field
	Mappings      []mappingRow
	MappingForm   httpx.Form
	MappingFields []httpx.Field
	AuditClients  string // the audit log filtered to this centre's clients
	AuditMappings string
}

// secretView is a secret shown once.
type secretView struct {
	centreapi.Credentials
	Name      string // the client's label
	Rotated   bool
	Immediate bool // the old secret stopped working at once
	// Until is when the previous secret stops working, after a rotation
	// that kept it.
	Until string
}

// clientRow is a client as shown.
type clientRow struct {
	*centreapi.Client
	Status string
	// Grace is when the previous secret stops being accepted, "" when it
	// no longer is.
	Grace string
}

// trafficDay is one day of a centre's traffic.
type trafficDay struct {
	centreapi.Traffic
	Date string // 02/01/2006
}

// mappingRow is a status mapping as shown, with its change select.
type mappingRow struct {
	centreapi.Mapping
	Label   string
	Options []httpx.Option
}

// centreRender is what a centre page shows beyond the stored state: the
// form that failed, with what was typed, and a secret to show once.
type centreRender struct {
	status     int
	st         *formState
	clientName string
	mapCode    string
	mapStatus  string
	failedForm string // "client", "mapping" or "" (a summary at the top)
	secret     *secretView
	flash      string
}

// centrePage shows a centre's clients, mapping and traffic.
func (h *Handlers) centrePage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	st := newFormState(h.localizer(r))
	h.renderCentre(w, r, centreRender{status: http.StatusOK, st: st, flash: centreFlash(r, st.l)})
}

// renderCentre renders the centre of the URL with cr.
func (h *Handlers) renderCentre(w http.ResponseWriter, r *http.Request, cr centreRender) {
	const op = "admin.renderCentre"
	u, err := h.centreOf(r, op)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	ctx, l := r.Context(), cr.st.l
	// The mapping is the part every actor of the page may see: its
	// refusal is the page's.
	mappings, err := h.Centres.StatusMappings(ctx, u.Code)
	if err != nil {
		h.Render.Error(w, r, hideForbidden(op, err))
		return
	}
	clients, err := h.Centres.FindClients(ctx, u.ID)
	manage := err == nil
	if err != nil && !errs.Is(err, errs.Forbidden) {
		h.Render.Error(w, r, err)
		return
	}
	conn, err := h.Centres.Connectivity(ctx)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := centreView{Unit: u, Name: u.Name(l.Lang), URL: centreURL(u.Code), Manage: manage, Secret: cr.secret,
		AuditClients:  listURL("/quan-tri/nhat-ky", "kind", "centre_client"),
		AuditMappings: listURL("/quan-tri/nhat-ky", "kind", "centre_status_mapping")}
	if parent, ok := h.Units.Lookup(ctx, u.ParentID); ok && u.ParentID != 0 {
		v.Parent = parent.Name(l.Lang)
	}
	for _, c := range conn.Centres {
		if c.UnitID == u.ID {
			v.Conn = h.centreRow(ctx, l, c, clients)
			v.Days = trafficDays(c.Days)
		}
	}
	v.Clients = clientRows(l, clients)
	v.Grace = graceText(l, h.Centres.RotationGrace())
	if s := v.Secret; s != nil && s.Rotated && !s.Immediate {
		for _, c := range v.Clients {
			if c.KeyID == s.KeyID {
				s.Until = c.Grace
			}
		}
	}
	v.Mappings = mappingRows(l, mappings)
	h.fillCentreForms(&v, cr)
	p := adminPage(l, l.T("admin.centres.centre_title", v.Name), v)
	p.Crumbs = []httpx.Crumb{{Label: l.T("admin.centres.title"), URL: centresURL}, {Label: v.Name}}
	p.Flash = cr.flash
	h.Render.HTML(w, r, cr.status, "admin_centre", p)
}

// fillCentreForms puts the failed form's errors and input in v, and the
// empty forms elsewhere.
func (h *Handlers) fillCentreForms(v *centreView, cr centreRender) {
	st, empty := cr.st, newFormState(cr.st.l)
	clientSt, mapSt := empty, empty
	switch cr.failedForm {
	case "client":
		clientSt = st
	case "mapping":
		mapSt = st
	default:
		v.Error = st.form.Error
	}
	v.ClientForm, v.MappingForm = clientSt.form, mapSt.form
	v.ClientFields = []httpx.Field{
		clientSt.hinted("name", "admin.centres.client_name", "admin.centres.client_name_hint", "text", cr.clientName, false),
	}
	v.MappingFields = []httpx.Field{
		mapSt.hinted("code", "admin.centres.mapping_code", "admin.centres.mapping_code_hint", "text", cr.mapCode, true),
		mapSt.choice("status", "admin.centres.mapping_status", cr.mapStatus, statusOptions(mapSt.l, true), true),
	}
}

// statusOptions are the canonical statuses as select options, after a
// "choose" option when choose is set.
func statusOptions(l *i18n.Localizer, choose bool) []httpx.Option {
	var out []httpx.Option
	if choose {
		out = append(out, httpx.Option{Value: "", Label: l.T("admin.choose")})
	}
	for _, s := range dossier.Statuses {
		out = append(out, httpx.Option{Value: string(s), Label: statusLabel(l, s)})
	}
	return out
}

// statusLabel is the name of a canonical status in l's language.
func statusLabel(l *i18n.Localizer, s dossier.Status) string {
	if !s.Valid() {
		return string(s)
	}
	return l.T("lookup.status." + string(s))
}

func clientRows(l *i18n.Localizer, clients []*centreapi.Client) []clientRow {
	now := time.Now()
	out := make([]clientRow, len(clients))
	for i, c := range clients {
		row := clientRow{Client: c, Status: l.T("admin.centres.client_active")}
		if c.Disabled {
			row.Status = l.T("admin.centres.client_disabled")
		}
		if !c.Disabled && c.PreviousUntil.After(now) {
			row.Grace = c.PreviousUntil.In(vietnam).Format("02/01/2006 15:04")
		}
		out[i] = row
	}
	return out
}

func mappingRows(l *i18n.Localizer, list []centreapi.Mapping) []mappingRow {
	out := make([]mappingRow, len(list))
	for i, m := range list {
		opts := statusOptions(l, false)
		for j := range opts {
			opts[j].Selected = opts[j].Value == string(m.Status)
		}
		out[i] = mappingRow{Mapping: m, Label: statusLabel(l, m.Status), Options: opts}
	}
	return out
}

func trafficDays(days []centreapi.Traffic) []trafficDay {
	out := make([]trafficDay, len(days))
	for i, t := range days {
		out[i] = trafficDay{Traffic: t, Date: t.Day}
		if d, err := time.Parse(time.DateOnly, t.Day); err == nil {
			out[i].Date = d.Format("02/01/2006")
		}
	}
	return out
}

// centreFlash is the message of the page reached after a change.
func centreFlash(r *http.Request, l *i18n.Localizer) string {
	switch r.URL.Query().Get("done") {
	case "disabled":
		return l.T("admin.centres.done_disabled")
	case "mapped":
		return l.T("admin.centres.done_mapped")
	case "unmapped":
		return l.T("admin.centres.done_unmapped")
	}
	return ""
}

// centreDone is the centre's page with the flash of a change.
func centreDone(code, done, anchor string) string {
	return centreURL(code) + "?" + url.Values{"done": {done}}.Encode() + anchor
}

// graceText writes a rotation's transition period: whole hours as hours,
// anything else in minutes.
func graceText(l *i18n.Localizer, d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return l.T("admin.centres.grace_hours", int(d/time.Hour))
	}
	return l.T("admin.centres.grace_minutes", int(d.Round(time.Minute)/time.Minute))
}
