-- Reports made here through the Mastodon API, beside the Flags received: their category, the reported posts by id,
-- and whether a copy went to the reported account's server.
ALTER TABLE reports
    ADD COLUMN category   text     NOT NULL DEFAULT 'other' CHECK (category IN ('spam', 'legal', 'violation', 'other')),
    ADD COLUMN status_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN forwarded  boolean  NOT NULL DEFAULT false;
