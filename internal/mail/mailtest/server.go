package mailtest

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one accepted message.
type Message struct {
	From string
	To   []string
	Data []byte // as received, dot-unstuffed, without the final "."
	TLS  bool   // whether the session was encrypted
	User string // the authenticated user, if any
}

// Options configure a Server.
type Options struct {
	Implicit bool                  // TLS from the first byte (smtps)
	NoTLS    bool                  // neither STARTTLS nor implicit TLS
	User     string                // require AUTH PLAIN with User and Pass
	Pass     string                //
	Reject   func(rcpt string) int // a reply code for RCPT; 0 accepts
}

// Server is a running test SMTP server.
type Server struct {
	Addr string // host:port
	opts Options
	cert tls.Certificate
	pool *x509.CertPool
	ln   net.Listener

	mu   sync.Mutex
	msgs []Message
}

// Start starts a server on 127.0.0.1, stopped when the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{opts: o}
	if err := s.makeCert(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln, s.Addr = ln, ln.Addr().String()
	go s.serve()
	t.Cleanup(func() { ln.Close() })
	return s
}

// URL returns the smtp:// or smtps:// URL of the server, with the
// credentials when it requires them.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr}
	if s.opts.Implicit {
		u.Scheme = "smtps"
	}
	if s.opts.NoTLS {
		u.RawQuery = "tls=none"
	}
	if s.opts.User != "" {
		u.User = url.UserPassword(s.opts.User, s.opts.Pass)
	}
	return u.String()
}

// ClientTLS returns a TLS configuration that trusts the server.
func (s *Server) ClientTLS() *tls.Config {
	return &tls.Config{RootCAs: s.pool, MinVersion: tls.VersionTLS12}
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) makeCert() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	s.cert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
	s.pool = x509.NewCertPool()
	s.pool.AddCert(leaf)
	return nil
}

func (s *Server) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.handle(c)
	}
}

// session is the state of one connection.
type session struct {
	s    *Server
	conn net.Conn
	r    *bufio.Reader
	tls  bool
	user string
	msg  Message
}

func (s *Server) handle(c net.Conn) {
	defer c.Close()
	ss := &session{s: s, conn: c}
	if s.opts.Implicit {
		ss.conn, ss.tls = tls.Server(c, &tls.Config{Certificates: []tls.Certificate{s.cert}}), true
	}
	ss.r = bufio.NewReader(ss.conn)
	ss.reply("220 mailtest ESMTP")
	for {
		c.SetDeadline(time.Now().Add(10 * time.Second))
		line, err := ss.r.ReadString('\n')
		if err != nil {
			return
		}
		if !ss.command(strings.TrimRight(line, "\r\n")) {
			return
		}
	}
}

func (ss *session) reply(lines ...string) {
	fmt.Fprint(ss.conn, strings.Join(lines, "\r\n")+"\r\n")
}

// command answers one command; false ends the session.
func (ss *session) command(line string) bool {
	verb, arg, _ := strings.Cut(line, " ")
	switch strings.ToUpper(verb) {
	case "EHLO", "HELO":
		ss.ehlo()
	case "STARTTLS":
		return ss.startTLS()
	case "AUTH":
		ss.auth(arg)
	case "MAIL":
		ss.mail(arg)
	case "RCPT":
		ss.rcpt(arg)
	case "DATA":
		return ss.data()
	case "RSET":
		ss.msg = Message{}
		ss.reply("250 2.0.0 OK")
	case "NOOP":
		ss.reply("250 2.0.0 OK")
	case "QUIT":
		ss.reply("221 2.0.0 Bye")
		return false
	default:
		ss.reply("502 5.5.1 Unknown command")
	}
	return true
}

func (ss *session) ehlo() {
	lines := []string{"250-mailtest", "250-8BITMIME", "250-SMTPUTF8"}
	if !ss.tls && !ss.s.opts.NoTLS {
		lines = append(lines, "250-STARTTLS")
	}
	if ss.s.opts.User != "" && (ss.tls || ss.s.opts.NoTLS) {
		lines = append(lines, "250-AUTH PLAIN")
	}
	ss.reply(append(lines, "250 SIZE 52428800")...)
}

func (ss *session) startTLS() bool {
	if ss.tls || ss.s.opts.NoTLS {
		ss.reply("503 5.5.1 TLS not available")
		return true
	}
	ss.reply("220 2.0.0 Ready to start TLS")
	tc := tls.Server(ss.conn, &tls.Config{Certificates: []tls.Certificate{ss.s.cert}})
	if err := tc.Handshake(); err != nil {
		return false
	}
	ss.conn, ss.r, ss.tls, ss.msg = tc, bufio.NewReader(tc), true, Message{}
	return true
}

func (ss *session) auth(arg string) {
	mech, initial, _ := strings.Cut(arg, " ")
	if !strings.EqualFold(mech, "PLAIN") {
		ss.reply("504 5.5.4 Unrecognized authentication type")
		return
	}
	if initial == "" {
		ss.reply("334 ")
		line, _ := ss.r.ReadString('\n')
		initial = strings.TrimSpace(line)
	}
	raw, _ := base64.StdEncoding.DecodeString(initial)
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 || parts[1] != ss.s.opts.User || parts[2] != ss.s.opts.Pass {
		ss.reply("535 5.7.8 Authentication credentials invalid")
		return
	}
	ss.user = parts[1]
	ss.reply("235 2.7.0 Authentication successful")
}

func (ss *session) mail(arg string) {
	if ss.s.opts.User != "" && ss.user == "" {
		ss.reply("530 5.7.0 Authentication required")
		return
	}
	ss.msg = Message{From: addr(arg), TLS: ss.tls, User: ss.user}
	ss.reply("250 2.1.0 OK")
}

func (ss *session) rcpt(arg string) {
	to := addr(arg)
	if ss.s.opts.Reject != nil {
		if code := ss.s.opts.Reject(to); code != 0 {
			ss.reply(fmt.Sprintf("%d 5.1.1 <%s>: Recipient address rejected", code, to))
			return
		}
	}
	ss.msg.To = append(ss.msg.To, to)
	ss.reply("250 2.1.5 OK")
}

func (ss *session) data() bool {
	if len(ss.msg.To) == 0 {
		ss.reply("554 5.5.1 No valid recipients")
		return true
	}
	ss.reply("354 End data with <CR><LF>.<CR><LF>")
	var b strings.Builder
	for {
		line, err := ss.r.ReadString('\n')
		if err != nil {
			return false
		}
		if line == ".\r\n" {
			break
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
	ss.msg.Data = []byte(b.String())
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, ss.msg)
	ss.s.mu.Unlock()
	ss.msg = Message{}
	ss.reply("250 2.0.0 OK: queued")
	return true
}

// addr takes the address out of "FROM:<a@b> SIZE=…" or "TO:<a@b>".
func addr(arg string) string {
	i, j := strings.Index(arg, "<"), strings.Index(arg, ">")
	if i < 0 || j < i {
		return ""
	}
	return arg[i+1 : j]
}
