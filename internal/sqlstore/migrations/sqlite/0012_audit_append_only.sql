-- The audit log is append-only: no code path updates or deletes its rows,
-- and these triggers make the database refuse it too, so that a bug, a
-- hand-written statement or an injected one cannot rewrite history. (They
-- do not stop someone who can drop them: the database file is the operator's.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
