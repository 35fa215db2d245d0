package notify

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// Config holds the rules of delivery.
type Config struct {
	// WebhookDisableAfter deactivates an endpoint after this many
	// consecutive failed deliveries (default 10).
	WebhookDisableAfter int
	// MaxAttempts is how many times a delivery is tried (default 8: about
	// an hour and a half of retries with the queue's default backoff).
	MaxAttempts int
}

// Service is the notification use cases. It is safe for concurrent use.
type Service struct {
	store    Store
	jobs     job.Enqueuer
	render   Renderer
	channels Channels
	cfg      Config
	log      *slog.Logger
	now      func() time.Time
}

// NewService returns a Service. log receives delivery outcomes with masked
// recipients; nil discards them.
func NewService(store Store, jobs job.Enqueuer, r Renderer, ch Channels, cfg Config, log *slog.Logger) *Service {
	if cfg.WebhookDisableAfter <= 0 {
		cfg.WebhookDisableAfter = 10
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, jobs: jobs, render: r, channels: ch, cfg: cfg, log: log,
		// Microseconds: what PostgreSQL keeps, so records read back compare equal.
		now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// Send renders m, records it and enqueues its delivery, all in tx: nothing
// is sent unless tx commits. It returns the notification's ID, Invalid
// (with field errors) for a bad channel, recipient, template or data, and
// NotFound-based Invalid for an unknown webhook endpoint.
func (s *Service) Send(ctx context.Context, tx job.Tx, m Message) (int64, error) {
	const op = "notify.Send"
	m.Lang = normaliseLang(m.Lang)
	m.To = strings.TrimSpace(m.To)
	if err := s.validate(ctx, m); err != nil {
		return 0, errs.E(op, err)
	}
	n, err := s.build(m)
	if err != nil {
		return 0, errs.E(op, err)
	}
	if err := s.store.CreateNotification(ctx, tx, n); err != nil {
		return 0, errs.E(op, err)
	}
	opts := &job.Opts{MaxAttempts: s.cfg.MaxAttempts}
	if err := s.jobs.EnqueueTx(ctx, tx, DeliverArgs{NotificationID: n.ID}, opts); err != nil {
		return 0, errs.E(op, err)
	}
	return n.ID, nil
}

func normaliseLang(lang string) string {
	for _, l := range Languages {
		if strings.EqualFold(lang, l) {
			return l
		}
	}
	return Languages[0]
}

// validate checks the channel and the recipient's form.
func (s *Service) validate(ctx context.Context, m Message) error {
	var f errs.FieldErrors
	switch {
	case !m.Channel.Valid():
		f.Add("channel", "notify.channel_unknown")
	case m.To == "":
		f.Add("to", "field.required")
	case m.Channel == Email && !validEmail(m.To):
		f.Add("to", "notify.email_invalid")
	case m.Channel == SMS && !validPhone(m.To):
		f.Add("to", "notify.phone_invalid")
	case m.Channel == Webhook:
		if _, err := s.store.FindWebhookEndpointByName(ctx, m.To); err != nil {
			if !errs.Is(err, errs.NotFound) {
				return err
			}
			f.Add("to", "notify.endpoint_unknown")
		}
	}
	return f.Err("notify.validate")
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}

// validPhone accepts 8 to 15 digits with an optional leading +.
func validPhone(s string) bool {
	d := strings.TrimPrefix(s, "+")
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// build renders m into a new Notification; a webhook's body is its data
// as JSON.
func (s *Service) build(m Message) (*Notification, error) {
	now := s.now()
	n := &Notification{Channel: m.Channel, Recipient: m.To, RecipientMasked: Mask(m.Channel, m.To),
		Lang: m.Lang, TemplateKey: m.TemplateKey, UnitID: m.UnitID, Status: Queued, CreatedAt: now, UpdatedAt: now}
	if m.Channel == Webhook {
		body, err := json.Marshal(m.Data)
		if err != nil {
			return nil, errs.E(errs.Invalid, map[string]string{"data": "notify.data_invalid"}, err)
		}
		n.Text = string(body)
		return n, nil
	}
	r, err := s.render.Render(m.TemplateKey, m.Lang, m.Data)
	if err != nil {
		return nil, errs.E(errs.Invalid, map[string]string{"template": "notify.template_invalid"}, err)
	}
	n.Subject, n.Text, n.HTML = r.Subject, r.Text, r.HTML
	if m.Channel == SMS {
		n.Text, n.HTML = r.SMS, ""
	}
	return n, nil
}
