-- Units (đơn vị): the tree of the city's People's Committee, its departments
-- and agencies, its wards and communes, and the one-stop centres.
CREATE TABLE units (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	gso_code TEXT,
	agency_id TEXT,
	parent_id INTEGER REFERENCES units(id),
	path TEXT NOT NULL DEFAULT '/',
	depth INTEGER NOT NULL DEFAULT 0,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL DEFAULT '',
	short_name TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	description_vi TEXT NOT NULL DEFAULT '',
	description_en TEXT NOT NULL DEFAULT '',
	sort_order INTEGER NOT NULL DEFAULT 0,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	successor_id INTEGER REFERENCES units(id),
	inactive_since TEXT,
	search_key TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units(parent_id, sort_order);
CREATE INDEX units_path ON units(path);
CREATE UNIQUE INDEX units_gso ON units(gso_code) WHERE gso_code IS NOT NULL;

CREATE TABLE unit_leaders (
	id INTEGER PRIMARY KEY,
	unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	position_vi TEXT NOT NULL,
	position_en TEXT NOT NULL DEFAULT '',
	bio_vi TEXT NOT NULL DEFAULT '',
	bio_en TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX unit_leaders_unit ON unit_leaders(unit_id, sort_order);
