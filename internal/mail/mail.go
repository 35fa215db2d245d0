package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
)

// Sender sends email through one SMTP server. It is safe for concurrent
// use: each message opens its own connection.
type Sender struct {
	host string
	from string
	opts []gomail.Option
}

var _ notify.EmailSender = (*Sender)(nil)

// Options adjust a Sender.
type Options struct {
	// TLSConfig replaces the default TLS settings (tests trust their own
	// certificate with it). ServerName is set from the URL when empty.
	TLSConfig *tls.Config
	// Timeout bounds a connection and each command (default 30 s).
	Timeout time.Duration
}

// New returns a Sender for the server named by rawURL (see the package
// documentation) sending from the address from, which may carry a display
// name. It returns Invalid for a URL or address it cannot use.
func New(rawURL, from string, o Options) (*Sender, error) {
	const op = "mail.New"
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil, errs.E(op, errs.Invalid, errors.New("CONG_SMTP_URL must be smtp(s)://host[:port]"))
	}
	if err := gomail.NewMsg().From(from); err != nil {
		return nil, errs.E(op, errs.Invalid, fmt.Errorf("sender address: %w", err))
	}
	opts, err := options(u, o)
	if err != nil {
		return nil, errs.E(op, errs.Invalid, err)
	}
	return &Sender{host: u.Hostname(), from: from, opts: opts}, nil
}

// options turns the URL into go-mail's options.
func options(u *url.URL, o Options) ([]gomail.Option, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.TLSConfig != nil {
		tc = o.TLSConfig.Clone()
	}
	if tc.ServerName == "" {
		tc.ServerName = u.Hostname()
	}
	opts := []gomail.Option{gomail.WithTLSConfig(tc), gomail.WithTimeout(cmpOr(o.Timeout, 30*time.Second))}
	port := 587
	switch u.Scheme {
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	case "smtp":
		policy, err := tlsPolicy(u.Query().Get("tls"))
		if err != nil {
			return nil, err
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	default:
		return nil, fmt.Errorf("scheme %q: want smtp or smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("port %q", p)
		}
		port = n
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return opts, nil
}

func tlsPolicy(v string) (gomail.TLSPolicy, error) {
	switch v {
	case "", "starttls":
		return gomail.TLSMandatory, nil
	case "opportunistic":
		return gomail.TLSOpportunistic, nil
	case "none":
		return gomail.NoTLS, nil
	}
	return 0, fmt.Errorf("tls=%q: want starttls, opportunistic or none", v)
}

func cmpOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// SendEmail implements notify.EmailSender. The message has a plain-text
// body and, when m.HTML is set, an HTML alternative.
func (s *Sender) SendEmail(ctx context.Context, m *notify.Mail) error {
	const op = "mail.SendEmail"
	msg, err := s.message(m)
	if err != nil {
		return errs.E(op, errs.Invalid, err)
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return errs.E(op, errs.Internal, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return errs.E(op, classify(err), err)
	}
	return nil
}

func (s *Sender) message(m *notify.Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, errors.New("recipient address is not valid")
	}
	msg.Subject(m.Subject)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// classify makes a permanent rejection of the recipient Invalid; anything
// else (connection, TLS, a temporary reply) is worth retrying.
func classify(err error) errs.Code {
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo && !se.IsTemp() && se.ErrorCode() >= 500 {
		return errs.Invalid
	}
	return errs.Unavailable
}
