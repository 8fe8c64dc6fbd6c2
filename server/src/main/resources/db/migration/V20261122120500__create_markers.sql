-- Where a person stopped reading their home timeline and notifications, shared by all their apps.
CREATE TABLE markers (
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timeline      text   NOT NULL CHECK (timeline IN ('home', 'notifications')),
    last_read_id  text   NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, timeline)
);
