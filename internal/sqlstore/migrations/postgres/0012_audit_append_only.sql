-- The audit log is append-only: no code path updates or deletes its rows,
-- and these triggers make the database refuse it too, so that a bug, a
-- hand-written statement or an injected one cannot rewrite history.
-- TRUNCATE fires no row trigger, so it has a statement trigger of its own.
-- ENABLE ALWAYS keeps them firing under session_replication_role = replica.
-- (The table's owner can still drop them: to hold against the application
-- itself, run it as a role with only INSERT and SELECT on audit_log.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit log is append-only (%)', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_change;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
