package httpx

import (
	"crypto/subtle"
	"net/http"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
)

// Field is one form control for the "field" template: a label, the
// control, a hint and an error tied to it with aria-describedby.
type Field struct {
	Name, Label, Type, Value, Hint, Error, Autocomplete string
	Required                                            bool
	Options                                             []Option
}

// Option is one choice of a select Field.
type Option struct {
	Value, Label string
	Selected     bool
}

// Form is a form's state for re-rendering: the summary error and the
// per-field errors, translated.
type Form struct {
	Error  string
	Fields map[string]string
}

// FormFrom turns err into a Form in l's language. Invalid errors keep their
// per-field messages; other errors become the summary only. Internal
// errors are not shown in forms: the caller renders the error page instead
// (see IsFormError).
func FormFrom(l *i18n.Localizer, err error) Form {
	key, args := errs.KeyOf(err)
	f := Form{Error: l.T(key, args...), Fields: map[string]string{}}
	for name, k := range errs.FieldsOf(err) {
		f.Fields[name] = l.T(k)
	}
	return f
}

// IsFormError reports whether err should re-render the form with a
// message (a user's mistake) rather than go to the error page.
func IsFormError(err error) bool {
	switch errs.CodeOf(err) {
	case errs.Invalid, errs.Conflict, errs.Unauthorized, errs.Forbidden, errs.RateLimited:
		return true
	}
	return false
}

// FormStatus is the status a re-rendered form answers with.
func FormStatus(err error) int { return Status(err) }

// CheckCSRF compares the form's csrf field with the session's token in
// constant time. It returns Forbidden "error.csrf" on mismatch.
func CheckCSRF(r *http.Request) error {
	want := From(r).CSRFToken
	got := r.PostFormValue("csrf")
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		return errs.E("httpx.CheckCSRF", errs.Forbidden, "error.csrf")
	}
	return nil
}

// ParseForm parses a form body of at most limit bytes, mapping an
// oversized body to TooLarge and a malformed one to Invalid.
func ParseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		var maxErr *http.MaxBytesError
		if asMaxBytes(err, &maxErr) {
			return errs.E("httpx.ParseForm", errs.TooLarge, err)
		}
		return errs.E("httpx.ParseForm", errs.Invalid, "error.invalid", err)
	}
	return nil
}
