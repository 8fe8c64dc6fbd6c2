-- Reports (ActivityPub Flag) received from other servers, for the moderators to review.
CREATE TABLE reports (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    uri               text UNIQUE,                     -- the Flag's id
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- who reported (often an instance actor)
    target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- who is reported
    status_uris       text[] NOT NULL DEFAULT '{}',    -- the reported posts, as the reporter named them
    comment           text   NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    resolved_at       timestamptz
);
CREATE INDEX reports_open_idx ON reports (created_at) WHERE resolved_at IS NULL;
