-- Dossiers (hồ sơ) received at the one-stop centres and the centres'
-- integration: API clients, status mappings, nonces and traffic.
--
-- A dossier's status, appointment, finished_at and returned_at are derived
-- from its events by the dossier domain and kept here for indexes and
-- statistics; overdue is never stored. received_month and finished_month
-- ("2025-02", Vietnam time) let statistics group by month with an index.
-- Personal data: contact_sealed is encrypted (AES-GCM) and lookup_hash is
-- a keyed hash; neither the contact nor the second lookup factor is
-- stored in clear.
CREATE TABLE dossiers (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	receipt_code TEXT NOT NULL UNIQUE,
	centre_unit_id BIGINT NOT NULL REFERENCES units(id),
	procedure_code TEXT NOT NULL DEFAULT '',
	procedure_name TEXT NOT NULL DEFAULT '',
	channel TEXT NOT NULL,
	applicant_name TEXT NOT NULL DEFAULT '',
	contact_sealed TEXT NOT NULL DEFAULT '',
	lookup_hash TEXT NOT NULL DEFAULT '',
	received_at TIMESTAMPTZ NOT NULL,
	received_month TEXT NOT NULL,
	limit_value DOUBLE PRECISION NOT NULL DEFAULT 0,
	limit_unit TEXT NOT NULL DEFAULT '',
	header_at TIMESTAMPTZ NOT NULL,
	status TEXT NOT NULL,
	status_at TIMESTAMPTZ NOT NULL,
	appointment_at TIMESTAMPTZ,
	appointment_basis TEXT NOT NULL DEFAULT '',
	finished_at TIMESTAMPTZ,
	finished_month TEXT,
	returned_at TIMESTAMPTZ,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
-- Overdue and status lists per centre.
CREATE INDEX dossiers_centre_status ON dossiers(centre_unit_id, status, appointment_at);
-- Open dossiers by appointment, across centres.
CREATE INDEX dossiers_open_due ON dossiers(appointment_at) WHERE finished_at IS NULL;
-- Statistics per centre, month and procedure, and per procedure.
CREATE INDEX dossiers_centre_month ON dossiers(centre_unit_id, received_month, procedure_code);
CREATE INDEX dossiers_month_procedure ON dossiers(received_month, procedure_code);
CREATE INDEX dossiers_centre_finished ON dossiers(centre_unit_id, finished_month) WHERE finished_month IS NOT NULL;

-- The units that handle a dossier (competent agencies), for per-unit lists
-- and statistics.
CREATE TABLE dossier_units (
	dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
	unit_id BIGINT NOT NULL REFERENCES units(id),
	PRIMARY KEY (dossier_id, unit_id)
);
CREATE INDEX dossier_units_unit ON dossier_units(unit_id, dossier_id);

-- A dossier's history, in event time. centre_unit_id is the centre that
-- sent the event; (centre_unit_id, event_id) makes re-sending harmless.
-- payload_hash tells an identical re-send from a reused event id.
CREATE TABLE dossier_events (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
	centre_unit_id BIGINT NOT NULL REFERENCES units(id),
	event_id TEXT,
	kind TEXT NOT NULL,
	at TIMESTAMPTZ NOT NULL,
	unit_id BIGINT REFERENCES units(id),
	status TEXT NOT NULL DEFAULT '',
	centre_status TEXT NOT NULL DEFAULT '',
	centre_status_text TEXT NOT NULL DEFAULT '',
	public_note TEXT NOT NULL DEFAULT '',
	internal_note TEXT NOT NULL DEFAULT '',
	appointment_at TIMESTAMPTZ,
	received_via TEXT NOT NULL DEFAULT '',
	payload_hash TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX dossier_events_centre_event ON dossier_events(centre_unit_id, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, at, id);

-- Apology and new-appointment slips (phiếu xin lỗi và hẹn lại), recorded
-- when a centre moves an appointment after it passed; sent_at is set once
-- the applicant was notified.
CREATE TABLE apology_slips (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
	old_appointment TIMESTAMPTZ NOT NULL,
	new_appointment TIMESTAMPTZ NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	event_at TIMESTAMPTZ NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	sent_at TIMESTAMPTZ
);
CREATE INDEX apology_slips_dossier ON apology_slips(dossier_id);
CREATE INDEX apology_slips_unsent ON apology_slips(created_at) WHERE sent_at IS NULL;

-- Sequences of the receipt codes the portal issues, one per rendering of
-- the format without the number (by default: per centre and day).
CREATE TABLE dossier_sequences (
	key TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);

-- The centres' API clients. Secrets are sealed (AES-GCM) with a key
-- derived from the portal's secret key: the server must recompute HMACs.
-- previous_secret_sealed stays valid until previous_until after a rotation.
CREATE TABLE centre_clients (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key_id TEXT NOT NULL UNIQUE,
	unit_id BIGINT NOT NULL REFERENCES units(id),
	name TEXT NOT NULL DEFAULT '',
	secret_sealed TEXT NOT NULL DEFAULT '',
	previous_secret_sealed TEXT NOT NULL DEFAULT '',
	previous_until TIMESTAMPTZ,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMPTZ NOT NULL,
	rotated_at TIMESTAMPTZ,
	last_success_at TIMESTAMPTZ,
	last_failure_at TIMESTAMPTZ
);
CREATE INDEX centre_clients_unit ON centre_clients(unit_id);

-- Each centre's status codes mapped to canonical statuses.
CREATE TABLE centre_status_map (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	code TEXT NOT NULL,
	status TEXT NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (unit_id, code)
);

-- Nonces of signed requests, kept ten minutes so that every node refuses a
-- replay.
CREATE TABLE centre_nonces (
	key_id TEXT NOT NULL,
	nonce TEXT NOT NULL,
	seen_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (key_id, nonce)
);
CREATE INDEX centre_nonces_seen ON centre_nonces(seen_at);

-- Requests and items per centre and day (Vietnam time), for connectivity.
CREATE TABLE centre_traffic (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	day TEXT NOT NULL,
	requests INTEGER NOT NULL DEFAULT 0,
	failed_requests INTEGER NOT NULL DEFAULT 0,
	items INTEGER NOT NULL DEFAULT 0,
	duplicates INTEGER NOT NULL DEFAULT 0,
	item_errors INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (unit_id, day)
);
CREATE INDEX centre_traffic_day ON centre_traffic(day);
