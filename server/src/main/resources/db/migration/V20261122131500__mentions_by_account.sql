-- Direct posts that mention someone are found by the mentioned account (home timeline, live streams): without this
-- index each home page scanned every mention.
CREATE INDEX status_mentions_account_idx ON status_mentions (account_id, status_id DESC);
