package notify

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/job"
)

// Channel is how a message travels.
type Channel string

// The channels.
const (
	Email   Channel = "email"
	SMS     Channel = "sms"
	Webhook Channel = "webhook"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == Email || c == SMS || c == Webhook }

// Languages of the templates; the first is the default.
var Languages = []string{"vi", "en"}

// Message is what a domain service asks to send.
type Message struct {
	Channel Channel
	// To is an email address, a phone number, or the name of a webhook
	// endpoint.
	To string
	// Lang is "vi" or "en"; anything else is "vi".
	Lang string
	// TemplateKey names the template, e.g. "dossier.received".
	TemplateKey string
	// Data fills the template; for a webhook it is the event's payload.
	Data map[string]any
	// UnitID is the unit on whose behalf the message is sent, 0 for the
	// portal itself; it decides which staff may see it in listings.
	UnitID int64
}

// Status is where a notification is in its delivery.
type Status string

// The statuses.
const (
	Queued   Status = "queued"   // waiting for its delivery job
	Retrying Status = "retrying" // an attempt failed; another will follow
	Sent     Status = "sent"     // handed to the SMTP server, gateway or endpoint
	Failed   Status = "failed"   // given up: permanent error or no attempts left
	Outbox   Status = "outbox"   // kept, not sent: the channel is not configured
)

// Notification is the record of one message.
type Notification struct {
	ID      int64
	Channel Channel
	// Recipient is the address in clear. Only the store and the delivery
	// job see it; Service's listings leave it empty.
	Recipient       string
	RecipientMasked string
	Lang            string
	TemplateKey     string
	UnitID          int64
	UnitPath        string // the unit's path, for access checks; set by the store
	Subject         string
	Text            string // the plain-text body; a webhook's JSON payload
	HTML            string // the HTML body of an email
	Status          Status
	Attempts        int
	LastError       string // masked; never contact details in clear
	CreatedAt       time.Time
	UpdatedAt       time.Time
	SentAt          time.Time // zero until sent
}

// Rendered is a message rendered from its template.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
	SMS     string // the short form for SMS; the text body when absent
}

// Renderer renders templates. Render returns NotFound for an unknown key
// or language and Invalid when data lacks a field the template uses.
type Renderer interface {
	Render(key, lang string, data map[string]any) (*Rendered, error)
}

// Scope limits a listing to what an actor may see: everything, or the
// notifications of the units the grants cover.
type Scope struct {
	All    bool
	Grants []access.Grant
}

// Filter selects notifications, newest first. Nil fields are not filtered
// on.
type Filter struct {
	Status      *Status
	Channel     *Channel
	TemplateKey *string
	Since       *time.Time
	Until       *time.Time
	Scope       Scope // set by Service from the actor
	Offset      int
	Limit       int
}

// WebhookEndpoint is another system's URL that receives signed events.
type WebhookEndpoint struct {
	ID                  int64
	Name                string // what Message.To names
	URL                 string
	Secret              string // the HMAC key; shown once, at creation
	Active              bool
	ConsecutiveFailures int
	LastError           string
	LastFailureAt       time.Time
	LastSuccessAt       time.Time
	DisabledAt          time.Time
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Store keeps notifications and webhook endpoints.
type Store interface {
	// CreateNotification inserts n in tx, setting ID.
	CreateNotification(ctx context.Context, tx job.Tx, n *Notification) error
	// FindNotificationByID returns the notification with its recipient in
	// clear, or NotFound.
	FindNotificationByID(ctx context.Context, id int64) (*Notification, error)
	// FindNotifications returns matching notifications, newest first, and
	// their total count.
	FindNotifications(ctx context.Context, f Filter) ([]*Notification, int, error)
	// UpdateDelivery saves n's Status, Attempts, LastError, SentAt and
	// UpdatedAt.
	UpdateDelivery(ctx context.Context, n *Notification) error

	// CreateWebhookEndpoint inserts e, setting ID; Conflict for a name in use.
	CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error
	// FindWebhookEndpointByName returns the endpoint or NotFound.
	FindWebhookEndpointByName(ctx context.Context, name string) (*WebhookEndpoint, error)
	// FindWebhookEndpoints returns every endpoint by name.
	FindWebhookEndpoints(ctx context.Context) ([]*WebhookEndpoint, error)
	// RecordWebhookSuccess resets the endpoint's consecutive failures.
	RecordWebhookSuccess(ctx context.Context, id int64, at time.Time) error
	// RecordWebhookFailure adds one consecutive failure atomically and
	// deactivates the endpoint when the count reaches disableAt. It returns
	// the endpoint as updated.
	RecordWebhookFailure(ctx context.Context, id int64, lastErr string, disableAt int, at time.Time) (*WebhookEndpoint, error)
	// SetWebhookActive activates (resetting the failure count) or
	// deactivates an endpoint; NotFound when there is none.
	SetWebhookActive(ctx context.Context, id int64, active bool, at time.Time) error
}

// Mail is one email for the email channel.
type Mail struct {
	To      string
	Subject string
	Text    string
	HTML    string
}

// EmailSender sends email. An error with code Invalid is permanent (the
// address is rejected); any other may be retried.
type EmailSender interface {
	SendEmail(ctx context.Context, m *Mail) error
}

// SMSSender sends text messages. Errors as EmailSender.
type SMSSender interface {
	SendSMS(ctx context.Context, to, text string) error
}

// WebhookPoster posts a signed JSON body to an endpoint. Errors as
// EmailSender.
type WebhookPoster interface {
	PostWebhook(ctx context.Context, url, secret string, body []byte) error
}

// Channels are the adapters of the channels. A nil Email or SMS keeps
// such messages in the outbox.
type Channels struct {
	Email   EmailSender
	SMS     SMSSender
	Webhook WebhookPoster
}

// DeliverArgs is the delivery job of one notification.
type DeliverArgs struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind implements job.Args.
func (DeliverArgs) Kind() string { return "notify.deliver" }
