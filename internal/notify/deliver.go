package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
)

// Deliver is the handler of DeliverArgs: it hands the notification to its
// channel and records the outcome. A notification already sent or in the
// outbox is left alone, so a repeated job is harmless; a failed one is
// tried again (an administrator retried its job). It returns the
// delivery error for the queue to retry, or a job.Cancel error when
// retrying cannot help (permanent rejection, no such notification,
// disabled endpoint).
func (s *Service) Deliver(ctx context.Context, a DeliverArgs) error {
	n, err := s.store.FindNotificationByID(ctx, a.NotificationID)
	if errs.Is(err, errs.NotFound) {
		return job.Cancel(err)
	}
	if err != nil {
		return err
	}
	if n.Status == Sent || n.Status == Outbox {
		return nil
	}
	sent, err := s.dispatch(ctx, n)
	if err == nil && !sent {
		return s.finishOutbox(ctx, n)
	}
	return s.finish(ctx, n, err)
}

// dispatch sends n on its channel. sent is false when the channel has no
// adapter and the message belongs in the outbox.
func (s *Service) dispatch(ctx context.Context, n *Notification) (sent bool, err error) {
	switch n.Channel {
	case Email:
		if s.channels.Email == nil {
			return false, nil
		}
		return true, s.channels.Email.SendEmail(ctx, &Mail{To: n.Recipient, Subject: n.Subject, Text: n.Text, HTML: n.HTML})
	case SMS:
		if s.channels.SMS == nil {
			return false, nil
		}
		return true, s.channels.SMS.SendSMS(ctx, n.Recipient, n.Text)
	case Webhook:
		return true, s.postWebhook(ctx, n)
	}
	return true, errs.E(errs.Invalid, fmt.Errorf("unknown channel %q", n.Channel))
}

// postWebhook posts n to its endpoint and keeps the endpoint's failure
// count. A disabled endpoint is a permanent failure.
func (s *Service) postWebhook(ctx context.Context, n *Notification) error {
	if s.channels.Webhook == nil {
		return errs.E(errs.Unavailable, errors.New("no webhook poster configured"))
	}
	ep, err := s.store.FindWebhookEndpointByName(ctx, n.Recipient)
	if err != nil {
		return errs.E(errs.Invalid, err)
	}
	if !ep.Active {
		return errs.E(errs.Invalid, errors.New("webhook endpoint is disabled"))
	}
	body, err := webhookBody(n)
	if err != nil {
		return errs.E(errs.Invalid, err)
	}
	postErr := s.channels.Webhook.PostWebhook(ctx, ep.URL, ep.Secret, body)
	if postErr == nil {
		return s.store.RecordWebhookSuccess(ctx, ep.ID, s.now())
	}
	ep, err = s.store.RecordWebhookFailure(ctx, ep.ID, postErr.Error(), s.cfg.WebhookDisableAfter, s.now())
	if err != nil {
		return errors.Join(postErr, err)
	}
	if !ep.Active {
		s.log.WarnContext(ctx, "webhook endpoint disabled", "endpoint", ep.Name, "failures", ep.ConsecutiveFailures)
	}
	return postErr
}

// webhookBody is the JSON an endpoint receives. id lets a receiver drop
// a delivery it has already seen.
func webhookBody(n *Notification) ([]byte, error) {
	return json.Marshal(struct {
		ID        int64           `json:"id"`
		Event     string          `json:"event"`
		CreatedAt time.Time       `json:"created_at"`
		Data      json.RawMessage `json:"data"`
	}{n.ID, n.TemplateKey, n.CreatedAt, json.RawMessage(n.Text)})
}

func (s *Service) finishOutbox(ctx context.Context, n *Notification) error {
	n.Status, n.UpdatedAt = Outbox, s.now()
	s.log.InfoContext(ctx, "notification kept in the outbox", "id", n.ID, "channel", n.Channel, "to", n.RecipientMasked)
	return s.store.UpdateDelivery(ctx, n)
}

// finish records the outcome of an attempt and tells the queue what to do
// next. Error texts are scrubbed of the recipient before they are stored
// or returned (the queue stores them too).
func (s *Service) finish(ctx context.Context, n *Notification, sendErr error) error {
	n.Attempts++
	n.UpdatedAt = s.now()
	if sendErr == nil {
		n.Status, n.SentAt, n.LastError = Sent, n.UpdatedAt, ""
		s.log.InfoContext(ctx, "notification sent", "id", n.ID, "channel", n.Channel, "to", n.RecipientMasked)
		return s.store.UpdateDelivery(ctx, n)
	}
	n.LastError = scrub(sendErr.Error(), n.Recipient, n.RecipientMasked)
	permanent := errs.Is(sendErr, errs.Invalid)
	attempt, _ := job.AttemptFrom(ctx)
	n.Status = Retrying
	if permanent || attempt.Last() {
		n.Status = Failed
	}
	s.log.WarnContext(ctx, "notification not delivered", "id", n.ID, "channel", n.Channel,
		"to", n.RecipientMasked, "status", n.Status, "error", n.LastError)
	if err := s.store.UpdateDelivery(ctx, n); err != nil {
		return err
	}
	out := errors.New(n.LastError)
	if permanent {
		return job.Cancel(out)
	}
	return out
}
