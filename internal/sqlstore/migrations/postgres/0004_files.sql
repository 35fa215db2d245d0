-- Stored files: one row per object in the blob store, with the owner it
-- belongs to. key is chosen by the server; original_name is only for
-- Content-Disposition.
CREATE TABLE files (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	owner_kind TEXT NOT NULL,
	owner_id BIGINT NOT NULL,
	kind TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	original_name TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX files_owner ON files(owner_kind, owner_id);
