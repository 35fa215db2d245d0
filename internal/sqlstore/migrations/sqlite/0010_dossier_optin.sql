-- Double opt-in of dossier subscriptions, and the message of each apology
-- slip.
--
-- A subscription is pending until its subscriber confirms it, with the
-- link of the confirmation email or the code of the confirmation SMS;
-- only confirmed ones get status messages. confirm_hash is the keyed hash
-- of the secret (never the secret), bound to the address and to
-- confirm_expires_at; confirm_attempts counts wrong codes.
ALTER TABLE dossier_subscriptions ADD COLUMN confirmed_at TIMESTAMP;
ALTER TABLE dossier_subscriptions ADD COLUMN confirm_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_subscriptions ADD COLUMN confirm_expires_at TIMESTAMP;
ALTER TABLE dossier_subscriptions ADD COLUMN confirm_attempts INTEGER NOT NULL DEFAULT 0;

-- Subscriptions made before double opt-in were accepted as they were
-- asked for: they stay active (each message now carries a link that ends
-- the subscription).
UPDATE dossier_subscriptions SET confirmed_at = created_at;

-- The message that sent the slip to the applicant (its delivery is in the
-- outbox); NULL while the slip is unsent.
ALTER TABLE apology_slips ADD COLUMN notification_id INTEGER REFERENCES notifications(id) ON DELETE SET NULL;
