package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// FindNotifications lists notifications, newest first, with their total
// count. Recipients are always masked. A portal administrator sees every
// notification with its rendered body (the outbox page); staff who may
// read the audit log of units see those units' notifications without
// bodies. Unauthorized for an anonymous actor, Forbidden for others.
func (s *Service) FindNotifications(ctx context.Context, f Filter) ([]*Notification, int, error) {
	const op = "notify.FindNotifications"
	actor := access.ActorFrom(ctx)
	scope, err := viewScope(actor)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	f.Scope = scope
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 500)
	list, total, err := s.store.FindNotifications(ctx, f)
	if err != nil {
		return nil, 0, errs.E(op, err)
	}
	for _, n := range list {
		redact(n, actor.IsPortalAdmin())
	}
	return list, total, nil
}

// FindNotificationByID returns one notification as FindNotifications shows
// it. NotFound also when the actor may not see it.
func (s *Service) FindNotificationByID(ctx context.Context, id int64) (*Notification, error) {
	const op = "notify.FindNotificationByID"
	actor := access.ActorFrom(ctx)
	if _, err := viewScope(actor); err != nil {
		return nil, errs.E(op, err)
	}
	n, err := s.store.FindNotificationByID(ctx, id)
	if err != nil {
		return nil, errs.E(op, err)
	}
	if !actor.IsPortalAdmin() && (n.UnitID == 0 || !access.Can(actor, access.ViewAudit, access.Target{UnitID: n.UnitID, UnitPath: n.UnitPath})) {
		return nil, errs.E(op, errs.NotFound, "notify.not_found")
	}
	redact(n, actor.IsPortalAdmin())
	return n, nil
}

// viewScope decides what of the notification log an actor may list.
func viewScope(actor *access.Actor) (Scope, error) {
	if actor == nil {
		return Scope{}, errs.E(errs.Unauthorized)
	}
	all, grants := access.UnitScope(actor, access.ViewAudit)
	if !all && len(grants) == 0 {
		return Scope{}, errs.E("notify.viewScope", errs.Forbidden, "error.forbidden")
	}
	return Scope{All: all, Grants: grants}, nil
}

// redact removes the clear recipient always, and the content for anyone
// but a portal administrator.
func redact(n *Notification, admin bool) {
	n.Recipient = ""
	if !admin {
		n.Subject, n.Text, n.HTML = "", "", ""
	}
}

// CreateWebhookEndpoint adds an endpoint, generating its secret when e
// has none; the secret is returned in e this once. Portal administrators
// only. Invalid for a bad name or URL, Conflict for a name in use.
func (s *Service) CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error {
	const op = "notify.CreateWebhookEndpoint"
	if err := administer(ctx); err != nil {
		return errs.E(op, err)
	}
	e.Name, e.URL = strings.TrimSpace(e.Name), strings.TrimSpace(e.URL)
	if err := e.Validate(); err != nil {
		return errs.E(op, err)
	}
	if e.Secret == "" {
		b := make([]byte, 32)
		rand.Read(b)
		e.Secret = hex.EncodeToString(b)
	}
	e.Active, e.CreatedAt, e.UpdatedAt = true, s.now(), s.now()
	return s.store.CreateWebhookEndpoint(ctx, e)
}

// Validate checks the name (letters, digits, '-', '_', '.') and that the
// URL is absolute http(s).
func (e *WebhookEndpoint) Validate() error {
	var f errs.FieldErrors
	if e.Name == "" || len(e.Name) > 64 || strings.Trim(e.Name, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != "" {
		f.Add("name", "notify.endpoint_name_invalid")
	}
	u, err := url.Parse(e.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		f.Add("url", "notify.endpoint_url_invalid")
	}
	return f.Err("notify.WebhookEndpoint.Validate")
}

// FindWebhookEndpoints lists the endpoints, without their secrets, with
// their failure counters. Portal administrators only.
func (s *Service) FindWebhookEndpoints(ctx context.Context) ([]*WebhookEndpoint, error) {
	const op = "notify.FindWebhookEndpoints"
	if err := administer(ctx); err != nil {
		return nil, errs.E(op, err)
	}
	list, err := s.store.FindWebhookEndpoints(ctx)
	if err != nil {
		return nil, errs.E(op, err)
	}
	for _, e := range list {
		e.Secret = ""
	}
	return list, nil
}

// SetWebhookActive re-enables an endpoint (its failure count starts again
// from zero) or disables it. Portal administrators only; NotFound.
func (s *Service) SetWebhookActive(ctx context.Context, id int64, active bool) error {
	const op = "notify.SetWebhookActive"
	if err := administer(ctx); err != nil {
		return errs.E(op, err)
	}
	return s.store.SetWebhookActive(ctx, id, active, s.now())
}

func administer(ctx context.Context) error {
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return errs.E(errs.Unauthorized)
	}
	if !access.Can(actor, access.Administer, access.Target{}) {
		return errs.E("notify.administer", errs.Forbidden, "error.forbidden")
	}
	return nil
}
