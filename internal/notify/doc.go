// Package notify is the domain of notifications: the messages the portal
// sends to citizens and staff by email and SMS, and the events it posts to
// other systems' webhooks.
//
// Service.Send renders a message from its template (in Vietnamese or
// English, plain text and HTML), records it in the notifications table and
// enqueues its delivery job, all in the caller's transaction: a message is
// sent only if the change that caused it commits. The delivery job
// (Service.Deliver) hands it to the channel's adapter and records the
// outcome; failures are retried by the job queue. Delivery is at least
// once: a crash between the hand-over and the record may send a message
// twice.
//
// With no SMTP server (or SMS gateway) configured, messages are not sent
// but kept with status "outbox", for the admin outbox page: development
// works offline.
//
// Contact details are personal data. The recipient is stored in clear for
// delivery only; listings, logs and error texts carry the masked form
// (MaskEmail, MaskPhone).
//
// Webhook endpoints are configured by portal administrators. Each delivery
// is signed (see package webhook); consecutive failures are counted per
// endpoint, which is disabled after Config.WebhookDisableAfter of them.
//
// The channel adapters live in packages mail, sms and webhook, templates
// in notifytmpl and storage in notifysql.
package notify
