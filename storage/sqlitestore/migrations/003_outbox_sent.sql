-- How many platform calls of an outbox item (the parts of a long text, its
-- files) were made, so that a later attempt goes on from there.
ALTER TABLE outbox ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
