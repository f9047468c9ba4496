-- What the panel's listings sort and search tickets by: the last change,
-- the latest committed date (9e18 when there is none, so those sort last)
-- and the search words (storage.SearchText). Rows from before are filled
-- in by Open (fillListing).
ALTER TABLE tickets ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN due INTEGER NOT NULL DEFAULT 9000000000000000000;
ALTER TABLE tickets ADD COLUMN words TEXT;
CREATE INDEX tickets_updated ON tickets (updated, folio);
CREATE INDEX tickets_due ON tickets (due, folio);
-- Every column a listing filters, searches or sorts by, so a listing
-- walks this index and reads no ticket but the page's (whose JSON makes
-- the rows long).
CREATE INDEX tickets_listing ON tickets (created, folio, status, requester, assignee, service, area, updated, due, words);
