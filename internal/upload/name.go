package upload

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds a kept original name.
const maxNameBytes = 200

// SanitizeName cleans a client-supplied file name for display and for
// Content-Disposition: the last path element only, in NFC, without
// control or format characters, quotes and backslashes, trimmed of
// spaces and dots, at most 200 bytes (cut on a character boundary, the
// extension kept when it is short).
func SanitizeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '"' || r == utf8.RuneError {
			return -1
		}
		return r
	}, norm.NFC.String(name))
	name = strings.Trim(strings.TrimSpace(name), ". ")
	if len(name) <= maxNameBytes {
		return name
	}
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 10 {
		name, ext = name[:i], name[i:]
	}
	cut := maxNameBytes - len(ext)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + ext
}

// ContentDisposition returns an attachment header value for name: an
// ASCII fallback (diacritics removed, other characters replaced) and the
// exact name per RFC 6266 / RFC 5987.
func ContentDisposition(name string) string {
	if name == "" {
		return "attachment"
	}
	return `attachment; filename="` + asciiName(name) + `"; filename*=UTF-8''` + pathEscape(name)
}

// asciiName folds Vietnamese to ASCII ("Tờ trình.pdf" → "To trinh.pdf")
// and replaces what is left outside printable ASCII with "_".
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pathEscape percent-encodes everything but RFC 5987 attr-chars.
func pathEscape(s string) string {
	e := url.PathEscape(s)
	// PathEscape leaves sub-delims that attr-char does not allow.
	return strings.NewReplacer(",", "%2C", ":", "%3A", ";", "%3B", "=", "%3D", "@", "%40").Replace(e)
}
