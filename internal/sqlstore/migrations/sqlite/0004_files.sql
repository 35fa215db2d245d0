-- Stored files: one row per object in the blob store, with the owner it
-- belongs to. key is chosen by the server; original_name is only for
-- Content-Disposition. AUTOINCREMENT: a deleted file's id is never reused,
-- so an old download link cannot serve another file.
CREATE TABLE files (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	key TEXT NOT NULL UNIQUE,
	owner_kind TEXT NOT NULL,
	owner_id INTEGER NOT NULL,
	kind TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	original_name TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX files_owner ON files(owner_kind, owner_id);
