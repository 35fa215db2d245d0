-- Former districts (quận, huyện, thị xã; the district level ended on
-- 1 July 2025) get a kind of their own. Earlier versions stored them as
-- kind 'agency' with their 3-digit district GSO code, which no other kind
-- of unit has (provinces have 2 digits, wards and communes 5). The search
-- feed hears of each, so that indexes and directory caches follow.
INSERT INTO search_changes (kind, doc_id, at)
	SELECT 'unit', code, now() FROM units WHERE kind = 'agency' AND LENGTH(gso_code) = 3;
UPDATE units SET kind = 'district' WHERE kind = 'agency' AND LENGTH(gso_code) = 3;
