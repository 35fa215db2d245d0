package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/mail"
	"github.com/cong-vn/cong/internal/mail/mailtest"
	"github.com/cong-vn/cong/internal/notify"
)

const from = "Cổng giao tiếp điện tử <no-reply@cong.example>"

var msg = &notify.Mail{
	To: "nguyenvana@example.vn", Subject: "Hồ sơ 123 đã được tiếp nhận",
	Text: "Kính gửi Nguyễn Văn A,\nHồ sơ đã được tiếp nhận.", HTML: "<p>Kính gửi Nguyễn Văn A,</p>",
}

func send(t *testing.T, srv *mailtest.Server) error {
	t.Helper()
	s, err := mail.New(srv.URL(), from, mail.Options{TLSConfig: srv.ClientTLS(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s.SendEmail(context.Background(), msg)
}

func TestSendOverSTARTTLSAndImplicitTLS(t *testing.T) {
	for name, o := range map[string]mailtest.Options{
		"starttls": {User: "cong", Pass: "bí mật"},
		"smtps":    {Implicit: true, User: "cong", Pass: "secret"},
	} {
		t.Run(name, func(t *testing.T) {
			srv := mailtest.Start(t, o)
			if err := send(t, srv); err != nil {
				t.Fatal(err)
			}
			got := srv.Messages()
			if len(got) != 1 || !got[0].TLS || got[0].User != "cong" || got[0].To[0] != msg.To || got[0].From != "no-reply@cong.example" {
				t.Fatalf("server got %+v", got)
			}
			p, err := got[0].Parse()
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != msg.Subject || !strings.Contains(p.Text, "Nguyễn Văn A") || !strings.Contains(p.HTML, "<p>Kính gửi") {
				t.Errorf("parsed %+v", p)
			}
			if p.Header.Get("Auto-Submitted") != "auto-generated" || !strings.Contains(p.Header.Get("From"), "no-reply@cong.example") {
				t.Errorf("headers %v", p.Header)
			}
		})
	}
}

func TestSTARTTLSIsRequired(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true})
	s, err := mail.New("smtp://"+srv.Addr, from, mail.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SendEmail(context.Background(), msg); err == nil || !errs.Is(err, errs.Unavailable) {
		t.Fatalf("sent without TLS: %v", err)
	}
	if err := send(t, srv); err != nil { // tls=none is explicit
		t.Fatalf("tls=none: %v", err)
	}
}

func TestRejectedRecipient(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Reject: func(rcpt string) int {
		if strings.HasPrefix(rcpt, "nguyenvana") {
			return 550
		}
		return 0
	}})
	if err := send(t, srv); !errs.Is(err, errs.Invalid) {
		t.Fatalf("permanent rejection: %v", err)
	}
	temp := mailtest.Start(t, mailtest.Options{Reject: func(string) int { return 450 }})
	if err := send(t, temp); !errs.Is(err, errs.Unavailable) {
		t.Fatalf("temporary rejection: %v", err)
	}
}

func TestBadAuthIsUnavailable(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{User: "cong", Pass: "right"})
	s, err := mail.New(strings.Replace(srv.URL(), "right", "wrong", 1), from, mail.Options{TLSConfig: srv.ClientTLS()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SendEmail(context.Background(), msg); !errs.Is(err, errs.Unavailable) {
		t.Fatalf("got %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, u := range []string{"http://x", "smtp://", "smtp://h?tls=maybe", "smtp://h:port"} {
		if _, err := mail.New(u, from, mail.Options{}); !errs.Is(err, errs.Invalid) {
			t.Errorf("New(%q): %v", u, err)
		}
	}
	if _, err := mail.New("smtp://h", "not an address", mail.Options{}); !errs.Is(err, errs.Invalid) {
		t.Errorf("bad from: %v", err)
	}
}
