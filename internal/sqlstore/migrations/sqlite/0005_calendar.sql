-- Working-day calendar: the administrators' per-year overrides of the
-- built-in holidays (announced Tết spreads, swapped working days, extra
-- days off). A row is never updated except to remove it: editing is
-- removing (removed_at, removed_by) and adding a new row, so the history of
-- a year stays whole. Active overrides apply in id order. created_by and
-- removed_by are user IDs (NULL for the seed) kept without a foreign key,
-- like audit_log.actor_id; the *_name columns keep the name at the time.
CREATE TABLE calendar_overrides (
	id INTEGER PRIMARY KEY,
	date TEXT NOT NULL,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	name_vi TEXT NOT NULL DEFAULT '',
	name_en TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	created_by INTEGER,
	created_by_name TEXT NOT NULL DEFAULT '',
	removed_at TIMESTAMP,
	removed_by INTEGER,
	removed_by_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_overrides_year ON calendar_overrides(year, id);

-- One row: generation is incremented in every transaction that changes
-- calendar_overrides, so each node checks cheaply whether its cached
-- calendar is stale. The row lock orders writers, so the number only grows
-- in commit order. Calendar options (working hours, National Day rule)
-- come from configuration; a year that departs from them gets overrides.
CREATE TABLE calendar_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	generation INTEGER NOT NULL
);
INSERT INTO calendar_state (id, generation) VALUES (1, 0);
