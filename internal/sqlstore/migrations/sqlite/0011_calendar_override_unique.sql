-- At most one active override per date and kind, so that two nodes adding
-- the announced overrides at once (or two administrators adding the same
-- day) cannot store it twice. Duplicates stored before are removed first,
-- keeping the oldest; they stay in the history.
UPDATE calendar_overrides SET removed_at = created_at, removed_by_name = 'migration 0011'
WHERE removed_at IS NULL AND EXISTS (
	SELECT 1 FROM calendar_overrides o
	WHERE o.date = calendar_overrides.date AND o.kind = calendar_overrides.kind
		AND o.removed_at IS NULL AND o.id < calendar_overrides.id);

CREATE UNIQUE INDEX calendar_overrides_active ON calendar_overrides(date, kind) WHERE removed_at IS NULL;
