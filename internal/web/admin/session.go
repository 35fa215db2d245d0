package admin

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// The session cookie. "__Host-" binds it to this host, path / and HTTPS;
// browsers treat http://localhost and http://127.0.0.1 as secure, so it
// works for local development too.
const (
	cookieName         = "__Host-cong_sid"
	insecureCookieName = "cong_sid"
)

// The device cookie keeps the device token of the last user who logged in
// on the browser (see account.Service.Login) for a year, sent only to
// this site.
const (
	deviceCookieName         = "__Host-cong_dev"
	insecureDeviceCookieName = "cong_dev"
	deviceCookieMaxAge       = 365 * 24 * 60 * 60
)

func (h *Handlers) deviceCookieName() string {
	if h.InsecureCookie {
		return insecureDeviceCookieName
	}
	return deviceCookieName
}

// device returns the browser's device token, or "".
func (h *Handlers) device(r *http.Request) string {
	c, err := r.Cookie(h.deviceCookieName())
	if err != nil {
		return ""
	}
	return c.Value
}

// setDevice gives the browser token as its device token.
func (h *Handlers) setDevice(w http.ResponseWriter, token string) {
	if token == "" {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: h.deviceCookieName(), Value: token, Path: "/", MaxAge: deviceCookieMaxAge, HttpOnly: true,
		Secure: !h.InsecureCookie, SameSite: http.SameSiteStrictMode,
	})
}

func (h *Handlers) cookieName() string {
	if h.InsecureCookie {
		return insecureCookieName
	}
	return cookieName
}

// setSession gives the browser token as a session cookie (gone when the
// browser closes; the server ends it at the idle or absolute timeout).
func (h *Handlers) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: h.cookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: !h.InsecureCookie, SameSite: http.SameSiteLaxMode,
	})
}

func (h *Handlers) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: h.cookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: !h.InsecureCookie, SameSite: http.SameSiteLaxMode,
	})
}

func (h *Handlers) token(r *http.Request) string {
	c, err := r.Cookie(h.cookieName())
	if err != nil {
		return ""
	}
	return c.Value
}

// session resolves the request's session, recording it on the request.
// It returns nil when there is none or it has ended.
func (h *Handlers) session(r *http.Request) (*http.Request, *account.Session) {
	tok := h.token(r)
	if tok == "" {
		return r, nil
	}
	actor, sess, err := h.Accounts.Authenticate(r.Context(), tok)
	if err != nil {
		return r, nil
	}
	info := httpx.From(r)
	info.CSRFToken, info.SessionID = sess.CSRFToken, sess.TokenHash
	sess.Token = tok
	if actor != nil {
		r = httpx.SetActor(r, actor)
	}
	return r, sess
}

// stepURL is the page that completes a pending login step.
func stepURL(p account.Pending) string {
	switch p {
	case account.PendingTOTP:
		return "/quan-tri/xac-thuc"
	case account.PendingEnrol:
		return "/quan-tri/bat-xac-thuc"
	case account.PendingPassword:
		return "/quan-tri/doi-mat-khau"
	}
	return "/quan-tri/"
}

type sessionHandler func(w http.ResponseWriter, r *http.Request, sess *account.Session)

// staff wraps a page that needs a complete session: without one the
// browser goes to the login page (and comes back after), with a pending
// step it goes to that step. POSTs must carry the CSRF token.
func (h *Handlers) staff(next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r, sess := h.session(r)
		switch {
		case sess == nil:
			h.toLogin(w, r)
			return
		case sess.Pending != account.PendingNone:
			http.Redirect(w, r, stepURL(sess.Pending), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			if err := h.checkPost(w, r); err != nil {
				h.Render.Error(w, r, err)
				return
			}
		}
		next(w, r, sess)
	}
}

// pending wraps the page of one login step: it needs a session waiting on
// exactly that step.
func (h *Handlers) pending(step account.Pending, next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r, sess := h.session(r)
		if sess == nil {
			h.toLogin(w, r)
			return
		}
		if sess.Pending != step {
			http.Redirect(w, r, stepURL(sess.Pending), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			if err := h.checkPost(w, r); err != nil {
				h.Render.Error(w, r, err)
				return
			}
		}
		next(w, r, sess)
	}
}

// passwordPage serves the change-password page both to complete sessions
// and to sessions whose password must change.
func (h *Handlers) passwordPage(next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r, sess := h.session(r)
		if sess == nil {
			h.toLogin(w, r)
			return
		}
		if sess.Pending != account.PendingNone && sess.Pending != account.PendingPassword {
			http.Redirect(w, r, stepURL(sess.Pending), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			if err := h.checkPost(w, r); err != nil {
				h.Render.Error(w, r, err)
				return
			}
		}
		next(w, r, sess)
	}
}

func (h *Handlers) checkPost(w http.ResponseWriter, r *http.Request) error {
	if err := httpx.ParseForm(w, r, 1<<20); err != nil {
		return err
	}
	return httpx.CheckCSRF(r)
}

func (h *Handlers) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/quan-tri/dang-nhap"
	if r.Method == http.MethodGet && r.URL.Path != "/quan-tri/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// safeNext returns next when it is a path inside the staff area, so the
// login page cannot be used to redirect elsewhere.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/quan-tri/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/quan-tri/"
}

func (h *Handlers) redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusMovedPermanently) }
}
