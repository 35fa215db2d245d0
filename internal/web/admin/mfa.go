package admin

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"

	"github.com/pquerna/otp"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/web/httpx"
)

type codeView struct {
	Form   httpx.Form
	Secret string
	QR     template.URL // a data: URL of the PNG QR code
}

func (h *Handlers) codePage(w http.ResponseWriter, r *http.Request, status int, page string, v codeView) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	title := "admin.totp_title"
	if page == "admin_enrol" {
		title = "admin.enrol_title"
	}
	h.Render.HTML(w, r, status, page, &httpx.Page{L: l, Title: l.T(title), Admin: true, Noindex: true, Data: v})
}

func (h *Handlers) totpForm(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	h.codePage(w, r, http.StatusOK, "admin_totp", codeView{})
}

// totpSubmit checks the code; on success the session is replaced by a
// complete one under a new token.
func (h *Handlers) totpSubmit(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	next, err := h.Accounts.VerifyTOTP(r.Context(), sess, r.PostFormValue("code"))
	if err != nil {
		h.codeFailed(w, r, "admin_totp", codeView{}, err)
		return
	}
	h.setSession(w, next.Token)
	http.Redirect(w, r, stepURL(next.Pending), http.StatusSeeOther)
}

func (h *Handlers) codeFailed(w http.ResponseWriter, r *http.Request, page string, v codeView, err error) {
	if !httpx.IsFormError(err) {
		h.Render.Error(w, r, err)
		return
	}
	v.Form = httpx.FormFrom(h.Render.Catalog.For(httpx.From(r).Lang), err)
	h.codePage(w, r, httpx.FormStatus(err), page, v)
}

// enrolForm starts (or restarts) enrolment and shows the secret as text
// and as a QR code.
func (h *Handlers) enrolForm(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	v, err := h.enrolment(r, sess)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	h.codePage(w, r, http.StatusOK, "admin_enrol", v)
}

func (h *Handlers) enrolment(r *http.Request, sess *account.Session) (codeView, error) {
	e, err := h.Accounts.EnrollTOTP(r.Context(), sess)
	if err != nil {
		return codeView{}, err
	}
	key, err := otp.NewKeyFromURL(e.URL)
	if err != nil {
		return codeView{}, err
	}
	img, err := key.Image(220, 220)
	if err != nil {
		return codeView{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return codeView{}, err
	}
	qr := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	return codeView{Secret: e.Secret, QR: qr}, nil
}

// enrolSubmit confirms enrolment with a first code. On a wrong code a new
// secret is issued, since the one shown may have been mistyped.
func (h *Handlers) enrolSubmit(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	next, err := h.Accounts.ConfirmTOTP(r.Context(), sess, r.PostFormValue("code"))
	if err != nil {
		v, err2 := h.enrolment(r, sess)
		if err2 != nil {
			h.Render.Error(w, r, err2)
			return
		}
		h.codeFailed(w, r, "admin_enrol", v, err)
		return
	}
	h.setSession(w, next.Token)
	http.Redirect(w, r, stepURL(next.Pending), http.StatusSeeOther)
}
