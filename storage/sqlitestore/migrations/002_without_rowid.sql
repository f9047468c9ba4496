-- The seen markers and the dialogs are looked up only by their key, so
-- they are kept as WITHOUT ROWID tables: the primary key is the table, and
-- a write changes one b-tree instead of the table and its key index.
CREATE TABLE seen_new (
	key        TEXT PRIMARY KEY,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO seen_new (key, expires_at) SELECT key, expires_at FROM seen;
DROP TABLE seen;
ALTER TABLE seen_new RENAME TO seen;

CREATE TABLE dialogs_new (
	person     TEXT PRIMARY KEY,
	version    INTEGER NOT NULL,
	data       BLOB NOT NULL,
	updated    INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO dialogs_new (person, version, data, updated, expires_at)
	SELECT person, version, data, updated, expires_at FROM dialogs;
DROP TABLE dialogs;
ALTER TABLE dialogs_new RENAME TO dialogs;
