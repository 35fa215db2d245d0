-- Staff accounts, role grants on units, server-side sessions, the audit log
-- and the counters behind login rate limits.
CREATE TABLE users (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	email TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	totp_secret TEXT NOT NULL DEFAULT '',
	totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
	-- the last TOTP time step accepted, so a code is never accepted twice
	totp_last_step INTEGER NOT NULL DEFAULT 0,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
	password_changed_at TIMESTAMPTZ NOT NULL,
	last_login_at TIMESTAMPTZ,
	-- folded username, name and email for the staff list filter
	search_key TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE grants (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role TEXT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES units(id),
	subtree BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMPTZ NOT NULL,
	UNIQUE (user_id, role, unit_id)
);
CREATE INDEX grants_unit ON grants(unit_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	mfa_passed BOOLEAN NOT NULL DEFAULT FALSE,
	csrf_token TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	last_seen_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Append-only: the application never updates or deletes rows here.
CREATE TABLE audit_log (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at TIMESTAMPTZ NOT NULL,
	actor_id BIGINT,
	actor_name TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	object_kind TEXT NOT NULL DEFAULT '',
	object_id TEXT NOT NULL DEFAULT '',
	unit_id BIGINT,
	ip TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL DEFAULT 'ok',
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor_id, at);
CREATE INDEX audit_object ON audit_log(object_kind, object_id);

-- Fixed-window counters for rate limits shared by every node.
CREATE TABLE rate_counters (
	key TEXT PRIMARY KEY,
	window_start TIMESTAMPTZ NOT NULL,
	count INTEGER NOT NULL
);
