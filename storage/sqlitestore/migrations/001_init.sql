CREATE TABLE folio_counters (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
);

CREATE TABLE tickets (
	folio     TEXT PRIMARY KEY,
	version   INTEGER NOT NULL,
	status    TEXT NOT NULL,
	requester TEXT NOT NULL,
	assignee  TEXT NOT NULL,
	service   TEXT NOT NULL,
	area      TEXT NOT NULL,
	created   INTEGER NOT NULL,
	data      BLOB NOT NULL
);
CREATE INDEX tickets_created ON tickets (created, folio);
CREATE INDEX tickets_status ON tickets (status, created);
CREATE INDEX tickets_requester ON tickets (requester, created);
CREATE INDEX tickets_assignee ON tickets (assignee, created);
CREATE INDEX tickets_service ON tickets (service, created);
CREATE INDEX tickets_area ON tickets (area, created);

CREATE TABLE log (
	seq   INTEGER PRIMARY KEY AUTOINCREMENT,
	at    INTEGER NOT NULL,
	folio TEXT NOT NULL,
	data  BLOB NOT NULL
);
CREATE INDEX log_folio ON log (folio, seq);
CREATE INDEX log_at ON log (at);

CREATE TABLE dialogs (
	person     TEXT PRIMARY KEY,
	version    INTEGER NOT NULL,
	data       BLOB NOT NULL,
	updated    INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE TABLE seen (
	key        TEXT PRIMARY KEY,
	expires_at INTEGER NOT NULL
);

CREATE TABLE people (
	id   TEXT PRIMARY KEY,
	data BLOB NOT NULL
);

CREATE TABLE accounts (
	platform TEXT NOT NULL,
	account  TEXT NOT NULL,
	person   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
	PRIMARY KEY (platform, account)
);
CREATE INDEX accounts_person ON accounts (person);

CREATE TABLE areas (
	id   TEXT PRIMARY KEY,
	data BLOB NOT NULL
);

CREATE TABLE outbox (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	id         TEXT NOT NULL UNIQUE,
	recipient  TEXT NOT NULL,
	payload    BLOB NOT NULL,
	created    INTEGER NOT NULL,
	not_before INTEGER NOT NULL,
	visible_at INTEGER NOT NULL,
	attempts   INTEGER NOT NULL,
	last_error TEXT NOT NULL
);
CREATE INDEX outbox_visible ON outbox (visible_at, seq);

CREATE TABLE files (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	mime    TEXT NOT NULL,
	size    INTEGER NOT NULL,
	created INTEGER NOT NULL,
	data    BLOB NOT NULL
);

CREATE TABLE plan_items (
	id      TEXT PRIMARY KEY,
	planned INTEGER NOT NULL,
	data    BLOB NOT NULL
);
CREATE INDEX plan_items_planned ON plan_items (planned, id);

CREATE TABLE locks (
	name       TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE TABLE last_runs (
	job TEXT PRIMARY KEY,
	at  INTEGER NOT NULL
);

CREATE TABLE kv (
	key        TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	expires_at INTEGER NOT NULL
);
