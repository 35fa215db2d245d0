package dossier

import (
	"encoding/json"
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"unicode"

	"github.com/cong-vn/cong/internal/errs"
)

// Contact is where the applicant gets notifications. It is personal data:
// String, LogValue and MarshalJSON give its masked form, so printing or
// logging it never shows it; read the fields to use it.
type Contact struct {
	Email string
	Phone string
}

// IsZero reports whether no contact is given.
func (c Contact) IsZero() bool { return c.Email == "" && c.Phone == "" }

// Masked returns c with both fields masked: "ng*******@g****.com",
// "091****678".
func (c Contact) Masked() Contact {
	out := Contact{}
	if c.Email != "" {
		out.Email = MaskEmail(c.Email)
	}
	if c.Phone != "" {
		out.Phone = MaskPhone(c.Phone)
	}
	return out
}

// String returns the masked contact.
func (c Contact) String() string {
	m := c.Masked()
	return strings.TrimSpace(m.Email + " " + m.Phone)
}

// LogValue logs the masked contact.
func (c Contact) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalJSON writes the masked contact, so a dossier serialised by
// mistake leaks nothing.
func (c Contact) MarshalJSON() ([]byte, error) {
	m := c.Masked()
	return json.Marshal(map[string]string{"email": m.Email, "phone": m.Phone})
}

var phoneRE = regexp.MustCompile(`^\+?[0-9 .()\-]{8,20}$`)

// Validate adds per-field errors for a malformed email or phone under the
// given field names.
func (c Contact) Validate(f *errs.FieldErrors, emailField, phoneField string) {
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > 254 {
			f.Add(emailField, "field.email")
		}
	}
	if c.Phone != "" && !phoneRE.MatchString(c.Phone) {
		f.Add(phoneField, "field.phone")
	}
}

// The masks have a fixed width, so they hide the length of what they hide.
const stars = "****"

// MaskEmail keeps the first two characters of the local part, the first of
// the domain and its last label: "nguyenvana@gmail.com" becomes
// "ng*******@g****.com". Anything else is masked whole.
func MaskEmail(addr string) string {
	local, domain, ok := strings.Cut(strings.TrimSpace(addr), "@")
	if !ok || local == "" || domain == "" {
		return "*******"
	}
	lr := []rune(local)
	out := string(lr[:max(min(2, len(lr)-1), 0)]) + "*******@"
	first, _, _ := strings.Cut(domain, ".")
	out += string([]rune(first)[:1]) + stars
	if i := strings.LastIndex(domain, "."); i > 0 {
		out += domain[i:]
	}
	return out
}

// MaskPhone keeps the first and last three digits of a phone number,
// "0912345678" → "091****678"; shorter numbers keep their last two.
func MaskPhone(phone string) string {
	r := []rune(strings.TrimSpace(phone))
	if len(r) < 8 {
		return stars + string(r[max(len(r)-2, 0):])
	}
	return string(r[:3]) + stars + string(r[len(r)-3:])
}

// MaskName keeps the given name (the last word, as Vietnamese names end)
// and the initials of the others: "Nguyễn Văn An" → "N. V. An".
func MaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words[:max(len(words)-1, 0)] {
		words[i] = string([]rune(w)[:1]) + "."
	}
	return strings.Join(words, " ")
}

// Hasher computes keyed hashes; *keyring.Keyring implements it.
type Hasher interface {
	Hash(purpose string, parts ...string) string
}

// lookupPurpose names the key of lookup hashes.
const lookupPurpose = "dossier-lookup-factor"

// NormalizeFactor returns the second lookup factor as compared: letters
// and digits only, upper case ("09-12 34ab" → "091234AB"). It returns ""
// when fewer than 4 or more than 20 remain, which is not a usable factor.
func NormalizeFactor(factor string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(factor) {
		if r < unicode.MaxASCII && (unicode.IsDigit(r) || unicode.IsLetter(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 4 || b.Len() > 20 {
		return ""
	}
	return b.String()
}

// LookupHash returns the keyed hash stored for the second factor of the
// dossier with receiptCode: HMAC-SHA256 under the portal's lookup key of
// the receipt code and the normalised factor, so the same factor gives a
// different hash on every dossier and no one without the key can test
// factors. It returns "" for an unusable factor.
func LookupHash(h Hasher, receiptCode, factor string) string {
	f := NormalizeFactor(factor)
	if f == "" {
		return ""
	}
	return h.Hash(lookupPurpose, receiptCode, f)
}

// PhoneFactor returns the default second factor of a phone number: its
// last four digits, or "" when it has fewer.
func PhoneFactor(phone string) string {
	var digits []rune
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		}
	}
	if len(digits) < 4 {
		return ""
	}
	return string(digits[len(digits)-4:])
}
