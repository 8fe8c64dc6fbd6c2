-- What happened to a local account: written in the same transaction as the event.
CREATE TABLE notifications (
    id               bigint PRIMARY KEY DEFAULT next_id(),
    account_id       bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- who is told (local)
    from_account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type             text   NOT NULL CHECK (type IN ('mention', 'status', 'reblog', 'follow', 'follow_request',
                                                     'favourite', 'poll', 'update')),
    status_id        bigint REFERENCES statuses (id) ON DELETE CASCADE,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_account_idx ON notifications (account_id, id DESC);
-- the same event is told once (a repeated favourite or follow does not notify twice)
CREATE UNIQUE INDEX notifications_once_idx ON notifications (account_id, type, from_account_id, coalesce(status_id, 0));
