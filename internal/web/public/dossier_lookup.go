package public

import (
	"net/http"
	"strconv"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// DossierHandlers serve the citizens' dossier pages: the status lookup
// with subscriptions (and their confirmation and unsubscribe links), the
// printable apology slips and the rating, the public statistics and the
// centres' connectivity.
type DossierHandlers struct {
	Render *httpx.Renderer
	// Lookup is the status lookup; nil leaves its pages out.
	Lookup *dossier.LookupService
	// Stats are the public statistics; nil leaves their pages out.
	Stats *dossier.StatsService
	// Centre gives the centres' connectivity; nil leaves its page out.
	Centre *centreapi.Service
}

// DossierRoutes registers the dossier pages.
func DossierRoutes(r httpx.Router, h *DossierHandlers) {
	if h.Lookup != nil {
		httpx.Bilingual(r, "GET", "/tra-cuu-ho-so", "/dossier-status", h.lookupForm)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so", "/dossier-status", h.lookup)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/theo-doi", "/dossier-status/subscribe", h.subscribe)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/danh-gia", "/dossier-status/rate", h.rate)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/xac-nhan-ma", "/dossier-status/confirm-code", h.confirmCode)
		httpx.Bilingual(r, "GET", "/tra-cuu-ho-so/xac-nhan", "/dossier-status/confirm", h.confirmPage)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/xac-nhan", "/dossier-status/confirm", h.confirm)
		httpx.Bilingual(r, "GET", "/tra-cuu-ho-so/huy-theo-doi", "/dossier-status/unsubscribe", h.unsubscribePage)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/huy-theo-doi", "/dossier-status/unsubscribe", h.unsubscribe)
		httpx.Bilingual(r, "GET", "/tra-cuu-ho-so/phieu-xin-loi/{number}", "/dossier-status/apology-slip/{number}", h.slipPage)
		httpx.Bilingual(r, "POST", "/tra-cuu-ho-so/phieu-xin-loi/{number}", "/dossier-status/apology-slip/{number}", h.slipPage)
	}
	if h.Stats != nil {
		httpx.Bilingual(r, "GET", "/thong-ke", "/statistics", h.statistics)
		httpx.Bilingual(r, "GET", "/thong-ke/csv", "/statistics/csv", h.statisticsCSV)
	}
	if h.Centre != nil {
		httpx.Bilingual(r, "GET", "/thong-ke/ket-noi", "/statistics/connectivity", h.connectivity)
	}
}

// lookupPaths are the lookup's paths in a language.
type lookupPaths struct{ Form, Subscribe, Rate, ConfirmCode, Confirm, Unsubscribe, Slip string }

func lookupPathsFor(l *i18n.Localizer) lookupPaths {
	if l.Lang == "en" {
		return lookupPaths{"/en/dossier-status", "/en/dossier-status/subscribe", "/en/dossier-status/rate", "/en/dossier-status/confirm-code",
			"/en/dossier-status/confirm", "/en/dossier-status/unsubscribe", "/en/dossier-status/apology-slip/"}
	}
	return lookupPaths{"/tra-cuu-ho-so", "/tra-cuu-ho-so/theo-doi", "/tra-cuu-ho-so/danh-gia", "/tra-cuu-ho-so/xac-nhan-ma",
		"/tra-cuu-ho-so/xac-nhan", "/tra-cuu-ho-so/huy-theo-doi", "/tra-cuu-ho-so/phieu-xin-loi/"}
}

// altLookup is the lookup form in the other language: every lookup page
// links there, since its own URL answers only POST.
func altLookup(l *i18n.Localizer) string {
	if l.Lang == "en" {
		return "/tra-cuu-ho-so"
	}
	return "/en/dossier-status"
}

// maxLookupForm bounds the body of the lookup's forms.
const maxLookupForm = 8 << 10

// lookupView is the lookup form.
type lookupView struct {
	Action       string
	Code, Factor httpx.Field
	Error        string
}

func newLookupView(l *i18n.Localizer, code string) lookupView {
	return lookupView{
		Action: lookupPathsFor(l).Form,
		Code: httpx.Field{Name: "code", Label: l.T("lookup.code"), Hint: l.T("lookup.code_hint"), Value: code,
			Required: true, Autocomplete: "off"},
		Factor: httpx.Field{Name: "factor", Label: l.T("lookup.factor"), Hint: l.T("lookup.factor_hint"),
			Required: true, Autocomplete: "off"},
	}
}

// lookupForm shows the empty form.
func (h *DossierHandlers) lookupForm(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	h.renderLookup(w, r, l, http.StatusOK, newLookupView(l, ""))
}

func (h *DossierHandlers) renderLookup(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, status int, v lookupView) {
	title := l.T("lookup.title")
	h.Render.HTML(w, r, status, "dossier_lookup", &httpx.Page{
		L: l, Title: title, Description: l.T("lookup.description"), AltLangURL: altLookup(l), Noindex: r.Method != http.MethodGet,
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: title}},
		Data:   v,
	})
}

// lookup checks the code and the factor and shows the dossier. Every
// answer is no-store. A wrong code and a wrong factor re-render the form
// with the same status and message; the factor is never echoed.
func (h *DossierHandlers) lookup(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	code := r.PostFormValue("code")
	p, err := h.Lookup.Lookup(r.Context(), dossier.LookupRequest{Code: code, Factor: r.PostFormValue("factor"), ClientIP: httpx.From(r).ClientIP})
	if err != nil {
		h.lookupFailed(w, r, l, code, err)
		return
	}
	h.renderStatus(w, r, l, http.StatusOK, newStatusView(l, p, h.Lookup.SMS()))
}

// lookupFailed re-renders the form with err, or the error page for an
// error that is not the user's.
func (h *DossierHandlers) lookupFailed(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, code string, err error) {
	if !httpx.IsFormError(err) && !errs.Is(err, errs.NotFound) {
		h.Render.Error(w, r, err)
		return
	}
	v := newLookupView(l, code)
	f := httpx.FormFrom(l, err)
	v.Error, v.Code.Error, v.Factor.Error = f.Error, f.Fields["code"], f.Fields["factor"]
	if errs.Is(err, errs.RateLimited) {
		w.Header().Set("Retry-After", "900")
	}
	h.renderLookup(w, r, l, httpx.Status(err), v)
}

// subscribe records a subscription to status changes.
func (h *DossierHandlers) subscribe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	req := dossier.SubscribeRequest{Token: r.PostFormValue("token"), Channel: dossier.SubscriptionChannel(r.PostFormValue("channel")),
		Address: r.PostFormValue("address"), Lang: l.Lang, ClientIP: httpx.From(r).ClientIP}
	p, err := h.Lookup.Subscribe(r.Context(), req)
	if err != nil {
		h.actionFailed(w, r, l, req.Token, err, func(v *statusView, f httpx.Form) {
			v.Subscribe.Error, v.Subscribe.Address.Error = f.Error, f.Fields["address"]
			v.Subscribe.Address.Value = req.Address
			for i, o := range v.Subscribe.Channel.Options {
				v.Subscribe.Channel.Options[i].Selected = o.Value == string(req.Channel)
			}
			v.Subscribe.Channel.Error = f.Fields["channel"]
		})
		return
	}
	v := newStatusView(l, p, h.Lookup.SMS())
	sent := "dossier.sub_link_sent"
	if req.Channel == dossier.BySMS {
		sent = "dossier.sub_code_sent"
	}
	v.Subscribe.Done = l.T(sent, notify.Mask(notify.Channel(req.Channel), req.Address))
	h.renderStatus(w, r, l, http.StatusOK, v)
}

// rate records the satisfaction rating.
func (h *DossierHandlers) rate(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	score, _ := strconv.Atoi(r.PostFormValue("score"))
	req := dossier.RateRequest{Token: r.PostFormValue("token"), Score: score, Comment: r.PostFormValue("comment")}
	p, err := h.Lookup.Rate(r.Context(), req)
	if err != nil {
		h.actionFailed(w, r, l, req.Token, err, func(v *statusView, f httpx.Form) {
			v.Rate.Error, v.Rate.ScoreError, v.Rate.Comment.Error = f.Error, f.Fields["score"], f.Fields["comment"]
			v.Rate.Comment.Value = req.Comment
			v.Rate.setScore(score)
		})
		return
	}
	v := newStatusView(l, p, h.Lookup.SMS())
	v.Rate.Done = l.T("lookup.rated")
	h.renderStatus(w, r, l, http.StatusOK, v)
}

// actionFailed answers a failed subscription or rating: the lookup form
// when the token no longer holds, else the dossier page again with the
// form's errors set by fill.
func (h *DossierHandlers) actionFailed(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, token string, err error, fill func(*statusView, httpx.Form)) {
	if errs.Is(err, errs.Unauthorized) {
		h.lookupFailed(w, r, l, "", err)
		return
	}
	if !httpx.IsFormError(err) {
		h.Render.Error(w, r, err)
		return
	}
	p, verr := h.Lookup.View(r.Context(), token)
	if verr != nil {
		h.lookupFailed(w, r, l, "", verr)
		return
	}
	v := newStatusView(l, p, h.Lookup.SMS())
	fill(&v, httpx.FormFrom(l, err))
	if errs.Is(err, errs.RateLimited) {
		w.Header().Set("Retry-After", "900")
	}
	h.renderStatus(w, r, l, httpx.Status(err), v)
}

func (h *DossierHandlers) renderStatus(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, status int, v statusView) {
	title := l.T("lookup.result_title", v.D.ReceiptCode)
	h.Render.HTML(w, r, status, "dossier_status", &httpx.Page{
		L: l, Title: title, AltLangURL: altLookup(l), Noindex: true,
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"},
			{Label: l.T("lookup.title"), URL: lookupPathsFor(l).Form}, {Label: v.D.ReceiptCode}},
		Data: v,
	})
}
