package notify

import "strings"

// The masks have a fixed width, so they hide the length of what they hide.
const (
	localStars  = "*******"
	domainStars = "****"
	phoneStars  = "****"
)

// MaskEmail hides most of an address: the first two characters of the
// local part, the first of the domain and its last label stay, so
// "nguyenvana@gmail.com" becomes "ng*******@g****.com". Something that is
// not an address is masked whole.
func MaskEmail(addr string) string {
	local, domain, ok := strings.Cut(strings.TrimSpace(addr), "@")
	if !ok || local == "" || domain == "" {
		return localStars
	}
	keep := min(2, len([]rune(local))-1)
	out := string([]rune(local)[:max(keep, 0)]) + localStars + "@"
	first, _, _ := strings.Cut(domain, ".")
	out += string([]rune(first)[:1]) + domainStars
	if i := strings.LastIndex(domain, "."); i > 0 {
		out += domain[i:]
	}
	return out
}

// MaskPhone keeps the first and last three digits of a phone number:
// "0912345678" becomes "091****678". Short numbers keep only their last
// two.
func MaskPhone(phone string) string {
	r := []rune(strings.TrimSpace(phone))
	if len(r) < 8 {
		return phoneStars + string(r[max(len(r)-2, 0):])
	}
	return string(r[:3]) + phoneStars + string(r[len(r)-3:])
}

// Mask masks a recipient by channel. Webhook endpoint names are not
// personal data and stay as they are.
func Mask(c Channel, to string) string {
	switch c {
	case Email:
		return MaskEmail(to)
	case SMS:
		return MaskPhone(to)
	}
	return to
}

// scrub replaces the recipient's address in text (an adapter's error may
// quote it) with its mask.
func scrub(text, recipient, masked string) string {
	if recipient == "" {
		return text
	}
	return strings.ReplaceAll(text, recipient, masked)
}
