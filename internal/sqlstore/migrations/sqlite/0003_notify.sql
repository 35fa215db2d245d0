-- Notifications: the record of every message sent (or kept in the outbox)
-- to whom and when, and the webhook endpoints with their failure counters.
-- recipient is kept in clear only for delivery; listings show
-- recipient_masked.
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	channel TEXT NOT NULL,
	recipient TEXT NOT NULL,
	recipient_masked TEXT NOT NULL,
	lang TEXT NOT NULL,
	template_key TEXT NOT NULL,
	unit_id INTEGER REFERENCES units(id),
	subject TEXT NOT NULL DEFAULT '',
	body_text TEXT NOT NULL DEFAULT '',
	body_html TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	sent_at TIMESTAMP
);
CREATE INDEX notifications_created ON notifications(created_at);
CREATE INDEX notifications_status ON notifications(status, created_at);
CREATE INDEX notifications_unit ON notifications(unit_id, created_at);

CREATE TABLE webhook_endpoints (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	url TEXT NOT NULL,
	secret TEXT NOT NULL,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	consecutive_failures INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	last_failure_at TIMESTAMP,
	last_success_at TIMESTAMP,
	disabled_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
