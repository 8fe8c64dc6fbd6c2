-- Mutes are local: they hide an account from the muter's timelines (and optionally notifications); nothing federates.
CREATE TABLE mutes (
    id                 bigint PRIMARY KEY DEFAULT next_id(),
    account_id         bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    hide_notifications boolean NOT NULL DEFAULT true,
    expires_at         timestamptz,                    -- null: until unmuted
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, target_account_id)
);

-- Pinned (featured) statuses, local and remote: the actor's `featured` collection.
CREATE TABLE status_pins (
    id                 bigint PRIMARY KEY DEFAULT next_id(),
    account_id         bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id          bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, status_id)
);
