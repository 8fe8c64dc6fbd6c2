-- Idempotency-Key of POST /api/v1/statuses: a retried request gets the status the first one made (Mastodon keeps
-- keys for an hour).
CREATE TABLE status_idempotency_keys (
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key          text   NOT NULL,
    status_id    bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, key)
);
