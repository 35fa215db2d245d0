package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
)

// The headers of a signed request.
const (
	TimestampHeader = "X-Cong-Timestamp"
	SignatureHeader = "X-Cong-Signature"
)

// Poster posts signed webhooks. It is safe for concurrent use.
type Poster struct {
	client *http.Client
	now    func() time.Time
}

var _ notify.WebhookPoster = (*Poster)(nil)

// New returns a Poster whose requests time out after timeout (default 10 s).
func New(timeout time.Duration) *Poster {
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &Poster{
		client: &http.Client{Timeout: timeout, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
		now: time.Now,
	}
}

// Sign returns the X-Cong-Signature value of body sent at timestamp ts.
func Sign(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a received request's signature and that its timestamp is
// within tolerance of now. It is what a receiver runs (and what the tests
// run).
func Verify(secret, ts, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("webhook: bad timestamp")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return errors.New("webhook: timestamp outside tolerance")
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(signature)) {
		return errors.New("webhook: signature mismatch")
	}
	return nil
}

// PostWebhook implements notify.WebhookPoster.
func (p *Poster) PostWebhook(ctx context.Context, endpoint, secret string, body []byte) error {
	const op = "webhook.PostWebhook"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return errs.E(op, errs.Invalid, err)
	}
	ts := strconv.FormatInt(p.now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Cong-Webhook/1")
	req.Header.Set(TimestampHeader, ts)
	req.Header.Set(SignatureHeader, Sign(secret, ts, body))
	resp, err := p.client.Do(req)
	if err != nil {
		return errs.E(op, errs.Unavailable, withoutURL(err))
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return classify(op, resp.StatusCode)
}

func classify(op string, status int) error {
	switch {
	case status >= 200 && status < 300:
		return nil
	case status == http.StatusRequestTimeout, status == http.StatusTooManyRequests, status >= 500:
		return errs.E(op, errs.Unavailable, fmt.Errorf("endpoint replied %d", status))
	}
	return errs.E(op, errs.Invalid, fmt.Errorf("endpoint replied %d", status))
}

// withoutURL keeps an endpoint's URL (which may carry a token) out of
// error texts.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
