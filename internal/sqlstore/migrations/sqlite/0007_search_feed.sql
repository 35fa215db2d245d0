-- The search change feed: every change to searchable content writes a row
-- here in the same transaction; each process's indexer tails it by seq.
CREATE TABLE search_changes (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	at TIMESTAMP NOT NULL
);
CREATE INDEX search_changes_doc ON search_changes(kind, doc_id);
CREATE INDEX search_changes_kind ON search_changes(kind, seq);

-- Requests to rebuild every process's index ("cong reindex"); each process
-- rebuilds aside and swaps when it sees a request newer than its start.
CREATE TABLE search_rebuilds (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	requested_at TIMESTAMP NOT NULL,
	requested_by TEXT NOT NULL DEFAULT ''
);
