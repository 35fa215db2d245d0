package web

import (
	"net/http/httptest"
	"testing"

	"github.com/cong-vn/cong/internal/config"
)

// Behind a trusted proxy the client address is the rightmost
// X-Forwarded-For entry, the one the proxy appended; what the client put
// to its left cannot change it. Without trust the header is ignored.
func TestClientIP(t *testing.T) {
	for _, c := range []struct {
		name  string
		trust bool
		xff   []string // header lines
		want  string
	}{
		{"no proxy, header ignored", false, []string{"203.0.113.9"}, "192.0.2.1"},
		{"no proxy, spoof ignored", false, []string{"203.0.113.9, 198.51.100.7"}, "192.0.2.1"},
		{"proxy, no header", true, nil, "192.0.2.1"},
		{"proxy, one entry", true, []string{"198.51.100.7"}, "198.51.100.7"},
		{"proxy, spoofed leftmost", true, []string{"203.0.113.9, 198.51.100.7"}, "198.51.100.7"},
		{"proxy, several spoofed", true, []string{"1.1.1.1,2.2.2.2 , 198.51.100.7"}, "198.51.100.7"},
		{"proxy, appended line", true, []string{"203.0.113.9", "198.51.100.7"}, "198.51.100.7"},
		{"proxy, IPv6", true, []string{"203.0.113.9, 2001:db8::7"}, "2001:db8::7"},
		{"proxy, IPv4-mapped", true, []string{"::ffff:198.51.100.7"}, "198.51.100.7"},
		{"proxy, with port", true, []string{"198.51.100.7:4711"}, "198.51.100.7"},
		{"proxy, IPv6 with port", true, []string{"[2001:db8::7]:4711"}, "2001:db8::7"},
		{"proxy, malformed rightmost", true, []string{"198.51.100.7, not-an-ip"}, "192.0.2.1"},
		{"proxy, empty rightmost", true, []string{"198.51.100.7, "}, "192.0.2.1"},
		{"proxy, empty header", true, []string{""}, "192.0.2.1"},
		{"proxy, zone refused", true, []string{"fe80::1%eth0"}, "192.0.2.1"},
		{"proxy, obfuscated identifier", true, []string{"_hidden"}, "192.0.2.1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.TrustProxy = c.trust
			s := &Server{cfg: cfg}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = "192.0.2.1:51000"
			for _, v := range c.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := s.clientIP(r); got != c.want {
				t.Errorf("clientIP = %q, want %q", got, c.want)
			}
		})
	}
}
