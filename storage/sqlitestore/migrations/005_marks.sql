-- The highest update number committed per sender stream
-- (storage.UpdateMark): one row per sender, however many updates it sends,
-- in place of a seen marker per update.
CREATE TABLE marks (
	stream     TEXT PRIMARY KEY,
	n          INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
