-- Bookmarks: private to their owner, never federated (as on Mastodon).
CREATE TABLE bookmarks (
    id          bigint PRIMARY KEY DEFAULT next_id(),
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id   bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_account_idx ON bookmarks (account_id, id DESC);
CREATE INDEX bookmarks_status_idx ON bookmarks (status_id);
