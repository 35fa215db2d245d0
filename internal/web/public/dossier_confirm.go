package public

import (
	"net/http"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// confirmCode checks the code of a confirmation SMS typed on the status
// page.
func (h *DossierHandlers) confirmCode(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	req := dossier.ConfirmCodeRequest{Token: r.PostFormValue("token"), Code: r.PostFormValue("sms_code"), ClientIP: httpx.From(r).ClientIP}
	p, err := h.Lookup.ConfirmCode(r.Context(), req)
	if err != nil {
		h.actionFailed(w, r, l, req.Token, err, func(v *statusView, f httpx.Form) {
			v.Code.Error, v.Code.Code.Error = f.Error, f.Fields["code"]
		})
		return
	}
	v := newStatusView(l, p, h.Lookup.SMS())
	v.Code.Done = l.T("dossier.code_confirmed")
	h.renderStatus(w, r, l, http.StatusOK, v)
}

// linkView is the page of a link from a message: the confirmation of a
// subscription or its end. It shows what the link names and a button
// that does it (a GET changes nothing, so mail scanners that open links
// act on nobody's behalf), or what went wrong.
type linkView struct {
	Info      *dossier.SubscriptionInfo
	Heading   string
	Intro     string // what pressing the button does
	Button    string
	Action    string
	Token     string
	Error     string
	Done      string
	LookupURL string
}

// confirmPage shows the confirmation link's page.
func (h *DossierHandlers) confirmPage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	token := r.URL.Query().Get("t")
	info, err := h.Lookup.CheckConfirmLink(r.Context(), token)
	h.renderLink(w, r, l, h.confirmView(l, token, info), err, func(v *linkView) {
		if info.Confirmed {
			v.Done, v.Button = l.T("dossier.confirm_already", info.ReceiptCode, info.AddressMasked), ""
		}
	})
}

// confirm confirms the subscription of the link's token.
func (h *DossierHandlers) confirm(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	token := r.PostFormValue("t")
	info, err := h.Lookup.ConfirmLink(r.Context(), token)
	h.renderLink(w, r, l, h.confirmView(l, token, info), err, func(v *linkView) {
		v.Done, v.Button = l.T("dossier.confirm_done", info.ReceiptCode, info.AddressMasked), ""
	})
}

func (h *DossierHandlers) confirmView(l *i18n.Localizer, token string, info *dossier.SubscriptionInfo) linkView {
	v := linkView{Info: info, Heading: l.T("dossier.confirm_title"), Button: l.T("dossier.confirm_button"),
		Action: lookupPathsFor(l).Confirm, Token: token, LookupURL: lookupPathsFor(l).Form}
	if info != nil {
		v.Intro = l.T("dossier.confirm_intro", info.ReceiptCode, info.AddressMasked)
	}
	return v
}

// unsubscribePage shows the unsubscribe link's page.
func (h *DossierHandlers) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	token := r.URL.Query().Get("t")
	info, err := h.Lookup.CheckUnsubscribe(r.Context(), token)
	h.renderLink(w, r, l, h.unsubscribeView(l, token, info), err, nil)
}

// unsubscribe ends the subscription of the link's token.
func (h *DossierHandlers) unsubscribe(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	if err := httpx.ParseForm(w, r, maxLookupForm); err != nil {
		h.Render.Error(w, r, err)
		return
	}
	token := r.PostFormValue("t")
	info, err := h.Lookup.Unsubscribe(r.Context(), token)
	h.renderLink(w, r, l, h.unsubscribeView(l, token, info), err, func(v *linkView) {
		v.Done, v.Button = l.T("dossier.unsubscribe_done", info.ReceiptCode, info.AddressMasked), ""
	})
}

func (h *DossierHandlers) unsubscribeView(l *i18n.Localizer, token string, info *dossier.SubscriptionInfo) linkView {
	v := linkView{Info: info, Heading: l.T("dossier.unsubscribe_title"), Button: l.T("dossier.unsubscribe_button"),
		Action: lookupPathsFor(l).Unsubscribe, Token: token, LookupURL: lookupPathsFor(l).Form}
	if info != nil {
		v.Intro = l.T("dossier.unsubscribe_intro", info.ReceiptCode, info.AddressMasked)
	}
	return v
}

// renderLink renders a link's page: with err's message when it is the
// link's fault (a forged, replaced, expired or used link), else the
// error page; on success after done (nil: nothing to add).
func (h *DossierHandlers) renderLink(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, v linkView, err error, done func(*linkView)) {
	w.Header().Set("Cache-Control", "no-store")
	status := http.StatusOK
	switch {
	case err != nil && !errs.Is(err, errs.Unauthorized):
		h.Render.Error(w, r, err)
		return
	case err != nil:
		status, v.Error, v.Button = httpx.Status(err), httpx.FormFrom(l, err).Error, ""
	case done != nil:
		done(&v)
	}
	h.Render.HTML(w, r, status, "dossier_link", &httpx.Page{
		L: l, Title: v.Heading, Noindex: true, AltLangURL: altLookup(l),
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"},
			{Label: l.T("lookup.title"), URL: lookupPathsFor(l).Form}, {Label: v.Heading}},
		Data: v,
	})
}
