package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
)

// Options describe the gateway.
type Options struct {
	URL         string // with {to} and {text} for GET
	Method      string // GET (default) or POST
	Body        string // the POST body template; empty sends no body
	ContentType string // of Body (default application/x-www-form-urlencoded)
	Username    string // HTTP basic auth, when set
	Password    string
	TokenHeader string // a header carrying Token, e.g. Authorization
	Token       string
	// SuccessMatch, when set, must appear in a 2xx reply's body (for
	// gateways that answer 200 with an error).
	SuccessMatch string
	// ASCII removes Vietnamese diacritics from the text, for gateways
	// that accept only the GSM 7-bit alphabet (and to halve the cost).
	ASCII   bool
	Timeout time.Duration // default 15 s
	Client  *http.Client  // default a client with Timeout
}

// Gateway sends SMS through an HTTP gateway. It is safe for concurrent use.
type Gateway struct {
	o Options
}

var _ notify.SMSSender = (*Gateway)(nil)

// New returns a Gateway, or Invalid for options it cannot use.
func New(o Options) (*Gateway, error) {
	o.Method = strings.ToUpper(cmp(o.Method, http.MethodGet))
	o.ContentType = cmp(o.ContentType, "application/x-www-form-urlencoded")
	if o.Client == nil {
		d := o.Timeout
		if d <= 0 {
			d = 15 * time.Second
		}
		o.Client = &http.Client{Timeout: d}
	}
	u, err := url.Parse(strings.NewReplacer("{to}", "0", "{text}", "x").Replace(o.URL))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errs.E("sms.New", errs.Invalid, errors.New("the SMS gateway URL must be http(s)"))
	}
	if o.Method != http.MethodGet && o.Method != http.MethodPost {
		return nil, errs.E("sms.New", errs.Invalid, fmt.Errorf("method %q: want GET or POST", o.Method))
	}
	return &Gateway{o: o}, nil
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// SendSMS implements notify.SMSSender.
func (g *Gateway) SendSMS(ctx context.Context, to, text string) error {
	const op = "sms.SendSMS"
	if g.o.ASCII {
		text = ASCII(text)
	}
	req, err := g.request(ctx, to, text)
	if err != nil {
		return errs.E(op, errs.Internal, err)
	}
	resp, err := g.o.Client.Do(req)
	if err != nil {
		return errs.E(op, errs.Unavailable, withoutURL(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return check(op, resp.StatusCode, string(body), g.o.SuccessMatch)
}

func (g *Gateway) request(ctx context.Context, to, text string) (*http.Request, error) {
	rawURL := strings.NewReplacer("{to}", url.QueryEscape(to), "{text}", url.QueryEscape(text)).Replace(g.o.URL)
	var body io.Reader
	if g.o.Method == http.MethodPost && g.o.Body != "" {
		esc := url.QueryEscape
		if strings.Contains(g.o.ContentType, "json") {
			esc = jsonEscape
		}
		body = strings.NewReader(strings.NewReplacer("{to}", esc(to), "{text}", esc(text)).Replace(g.o.Body))
	}
	req, err := http.NewRequestWithContext(ctx, g.o.Method, rawURL, body)
	if err != nil {
		return nil, withoutURL(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", g.o.ContentType)
	}
	if g.o.Username != "" {
		req.SetBasicAuth(g.o.Username, g.o.Password)
	}
	if g.o.TokenHeader != "" {
		req.Header.Set(g.o.TokenHeader, g.o.Token)
	}
	return req, nil
}

// check classifies the gateway's reply.
func check(op string, status int, body, match string) error {
	switch {
	case status >= 200 && status < 300:
		if match != "" && !strings.Contains(body, match) {
			return errs.E(op, errs.Unavailable, fmt.Errorf("gateway replied %d without %q", status, match))
		}
		return nil
	case status == http.StatusTooManyRequests || status >= 500:
		return errs.E(op, errs.Unavailable, fmt.Errorf("gateway replied %d", status))
	}
	return errs.E(op, errs.Invalid, fmt.Errorf("gateway refused the message: %d", status))
}

// withoutURL drops the URL (which holds the number and maybe a token)
// from a net/http error.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// jsonEscape escapes s for use inside a JSON string literal.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// ASCII removes Vietnamese diacritics: "Hồ sơ đã được tiếp nhận" becomes
// "Ho so da duoc tiep nhan".
func ASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
