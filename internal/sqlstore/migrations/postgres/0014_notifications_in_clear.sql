-- The messages an earlier version stored in clear, for the sealing that
-- serve and worker run at start (notifysql.SealClear): with this index it
-- finds them, or finds there are none, without reading the whole table.
-- A sealed message always has its recipient sealed ('v1:…'), a message in
-- clear never.
CREATE INDEX notifications_in_clear ON notifications(id) WHERE recipient NOT LIKE 'v1:%';
