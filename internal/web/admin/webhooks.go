package admin

import (
	"net/http"
	"net/url"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// webhookRoutes registers the webhook endpoints page: other systems' URLs
// that receive signed events, with their failure counters, a form to add
// one and buttons to enable or disable each. Portal administrators only
// (the notify service decides).
func webhookRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/webhook", h.staff(h.webhookList))
	r.Handle("POST /quan-tri/webhook", h.staff(h.webhookCreate))
	r.Handle("POST /quan-tri/webhook/{id}/bat", h.staff(h.webhookSetActive(true)))
	r.Handle("POST /quan-tri/webhook/{id}/tat", h.staff(h.webhookSetActive(false)))
}

const webhooksURL = "/quan-tri/webhook"

type webhookView struct {
	Endpoints []*notify.WebhookEndpoint
	Form      httpx.Form
	Fields    []httpx.Field
	// Created is the endpoint just added, with its secret: shown this
	// once, since the service never returns it again.
	Created *notify.WebhookEndpoint
}

// webhookList shows the endpoints and an empty form.
func (h *Handlers) webhookList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	st := newFormState(h.localizer(r))
	h.webhookPage(w, r, http.StatusOK, st, "", "", nil)
}

// webhookCreate adds an endpoint and shows its secret, or re-renders the
// form with its errors. The page is rendered, not redirected to, so the
// secret never appears in a URL.
func (h *Handlers) webhookCreate(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Notify == nil {
		h.Render.Error(w, r, notConfigured("admin.webhookCreate"))
		return
	}
	st := newFormState(h.localizer(r))
	e := &notify.WebhookEndpoint{Name: form(r, "name"), URL: form(r, "url")}
	err := h.Notify.CreateWebhookEndpoint(r.Context(), e)
	switch {
	case err == nil:
		h.webhookPage(w, r, http.StatusOK, st, "", "", e)
	case isFormMistake(err):
		st.fail(err)
		if errs.Is(err, errs.Conflict) {
			// The only unique column is the name.
			st.form.Fields["name"] = st.l.T("admin.webhook_name_taken")
		}
		h.webhookPage(w, r, httpx.FormStatus(err), st, e.Name, e.URL, nil)
	default:
		h.Render.Error(w, r, err)
	}
}

// webhookPage renders the list with the create form holding name and
// rawURL.
func (h *Handlers) webhookPage(w http.ResponseWriter, r *http.Request, status int, st *formState, name, rawURL string, created *notify.WebhookEndpoint) {
	if h.Notify == nil {
		h.Render.Error(w, r, notConfigured("admin.webhookPage"))
		return
	}
	list, err := h.Notify.FindWebhookEndpoints(r.Context())
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	urlType := "url"
	if u, err := url.Parse(rawURL); rawURL != "" && (err != nil || !u.IsAbs()) {
		urlType = "text" // a url input cannot hold what was mistyped
	}
	v := webhookView{Endpoints: list, Form: st.form, Created: created, Fields: []httpx.Field{
		st.hinted("name", "admin.webhook_name", "admin.webhook_name_hint", "text", name, true),
		st.hinted("url", "admin.webhook_url", "admin.webhook_url_hint", urlType, rawURL, true),
	}}
	p := adminPage(st.l, st.l.T("admin.webhooks_title"), v)
	p.Flash = saved(r, st.l)
	h.Render.HTML(w, r, status, "admin_webhooks", p)
}

// webhookSetActive enables (resetting its failure count) or disables the
// endpoint of the URL.
func (h *Handlers) webhookSetActive(active bool) sessionHandler {
	return func(w http.ResponseWriter, r *http.Request, sess *account.Session) {
		if h.Notify == nil {
			h.Render.Error(w, r, notConfigured("admin.webhookSetActive"))
			return
		}
		id, err := pathID(r, "admin.webhook_not_found")
		if err == nil {
			err = h.Notify.SetWebhookActive(r.Context(), id, active)
		}
		if errs.Is(err, errs.NotFound) {
			err = errs.E("admin.webhookSetActive", errs.NotFound, "admin.webhook_not_found", err)
		}
		if err != nil {
			h.Render.Error(w, r, err)
			return
		}
		http.Redirect(w, r, webhooksURL+"?saved=1", http.StatusSeeOther)
	}
}
