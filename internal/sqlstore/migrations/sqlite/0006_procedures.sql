-- Administrative procedures (thủ tục hành chính) and their versions.
-- procedure_versions keeps every version whole (body: the content as JSON
-- text) with who made it, when, why and under which decision; rows are
-- appended, and only their status and approval columns change. procedures
-- holds one row per national code with the newest version's listing
-- columns, for listing and filtering, and the number of the version the
-- public sees (public_version, 0 when none). Each version row carries the
-- same listing columns, so the public catalogue filters the published
-- versions with the same conditions. author_id is a user ID kept without a
-- foreign key, like audit_log.actor_id (NULL for imports and the seed).
CREATE TABLE procedures (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	owner_unit_id INTEGER NOT NULL REFERENCES units(id),
	status TEXT NOT NULL,
	version INTEGER NOT NULL,
	public_version INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL,
	search_key TEXT NOT NULL,
	levels TEXT NOT NULL,
	field TEXT NOT NULL,
	agency TEXT NOT NULL,
	online_level TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX procedures_owner ON procedures(owner_unit_id);
CREATE INDEX procedures_status ON procedures(status, search_key);
CREATE INDEX procedures_field ON procedures(field);

CREATE TABLE procedure_versions (
	procedure_id INTEGER NOT NULL REFERENCES procedures(id),
	version INTEGER NOT NULL,
	status TEXT NOT NULL,
	change TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	decision TEXT NOT NULL DEFAULT '',
	author_id INTEGER,
	author_name TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	approved_by TEXT NOT NULL DEFAULT '',
	approved_at TIMESTAMP,
	published_by TEXT NOT NULL DEFAULT '',
	published_at TIMESTAMP,
	content_hash TEXT NOT NULL,
	body TEXT NOT NULL,
	owner_unit_id INTEGER NOT NULL REFERENCES units(id),
	name TEXT NOT NULL,
	search_key TEXT NOT NULL,
	levels TEXT NOT NULL,
	field TEXT NOT NULL,
	agency TEXT NOT NULL,
	online_level TEXT NOT NULL,
	PRIMARY KEY (procedure_id, version)
);
