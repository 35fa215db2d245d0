-- The citizens' side of dossiers: status subscriptions, satisfaction
-- ratings, and the statistics aggregate.
--
-- A subscription's address is sealed (AES-GCM, bound to the receipt code)
-- and also kept as a keyed hash, so the same address is not subscribed
-- twice without storing it in clear; address_masked is for pages.
CREATE TABLE dossier_subscriptions (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	address_sealed TEXT NOT NULL,
	address_hash TEXT NOT NULL,
	address_masked TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'vi',
	created_at TIMESTAMPTZ NOT NULL,
	UNIQUE (dossier_id, address_hash)
);

-- One satisfaction rating per dossier (Decree 61/2018), 1 to 5.
CREATE TABLE dossier_ratings (
	dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL
);

-- Published statistics per receiving centre, procedure and month (Vietnam
-- time), kept by adding each change's difference in the transaction that
-- writes the dossier. received, online, in_progress and closed_other count
-- the dossiers received in the month; on_time, late, ratings and
-- rating_sum those finished (with a result) in the month. Overdue depends
-- on the clock and is counted when asked, never stored.
-- dossier_stats_centre and dossier_stats_procedure are the same figures
-- summed over procedures and over centres, written with them, so a page
-- for every centre and procedure reads a thousand rows, not fifty.
CREATE TABLE dossier_stats (
	centre_unit_id BIGINT NOT NULL REFERENCES units(id),
	procedure_code TEXT NOT NULL,
	month TEXT NOT NULL,
	procedure_name TEXT NOT NULL DEFAULT '',
	received INTEGER NOT NULL DEFAULT 0,
	online INTEGER NOT NULL DEFAULT 0,
	in_progress INTEGER NOT NULL DEFAULT 0,
	closed_other INTEGER NOT NULL DEFAULT 0,
	on_time INTEGER NOT NULL DEFAULT 0,
	late INTEGER NOT NULL DEFAULT 0,
	ratings INTEGER NOT NULL DEFAULT 0,
	rating_sum INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (centre_unit_id, procedure_code, month)
);
CREATE INDEX dossier_stats_procedure_month ON dossier_stats(procedure_code, month);
CREATE TABLE dossier_stats_centre (
	centre_unit_id BIGINT NOT NULL REFERENCES units(id),
	month TEXT NOT NULL,
	received INTEGER NOT NULL DEFAULT 0,
	online INTEGER NOT NULL DEFAULT 0,
	in_progress INTEGER NOT NULL DEFAULT 0,
	closed_other INTEGER NOT NULL DEFAULT 0,
	on_time INTEGER NOT NULL DEFAULT 0,
	late INTEGER NOT NULL DEFAULT 0,
	ratings INTEGER NOT NULL DEFAULT 0,
	rating_sum INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (centre_unit_id, month)
);
CREATE TABLE dossier_stats_procedure (
	procedure_code TEXT NOT NULL,
	month TEXT NOT NULL,
	procedure_name TEXT NOT NULL DEFAULT '',
	received INTEGER NOT NULL DEFAULT 0,
	online INTEGER NOT NULL DEFAULT 0,
	in_progress INTEGER NOT NULL DEFAULT 0,
	closed_other INTEGER NOT NULL DEFAULT 0,
	on_time INTEGER NOT NULL DEFAULT 0,
	late INTEGER NOT NULL DEFAULT 0,
	ratings INTEGER NOT NULL DEFAULT 0,
	rating_sum INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_code, month)
);

-- Open dossiers that run against their appointment (not awaiting a
-- supplement), by appointment, covering what the overdue count groups by.
CREATE INDEX dossiers_overdue ON dossiers(appointment_at, centre_unit_id, procedure_code, received_month)
	WHERE status IN ('received', 'in_processing', 'transferred');
