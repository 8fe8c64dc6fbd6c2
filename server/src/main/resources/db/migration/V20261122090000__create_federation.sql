-- Federation: what a Muse instance knows about actors elsewhere, what it received and what it must deliver.

-- Local accounts are Persons, the instance actor an Application; remote accounts carry what their
-- actor document said. uri is the ActivityPub id of remote accounts; local ones mint theirs from the
-- configured domain (convert.Uris), so uri stays NULL for them and a domain change needs no rewrite.
ALTER TABLE accounts
    ADD COLUMN actor_type       text NOT NULL DEFAULT 'Person'
                                CHECK (actor_type IN ('Person', 'Service', 'Application', 'Group', 'Organization')),
    ADD COLUMN uri              text,
    ADD COLUMN url              text,
    ADD COLUMN inbox_url        text,
    ADD COLUMN shared_inbox_url text,
    ADD COLUMN outbox_url       text,
    ADD COLUMN followers_url    text,
    ADD COLUMN following_url    text,
    ADD COLUMN featured_url     text,
    ADD COLUMN also_known_as    text[] NOT NULL DEFAULT '{}',
    ADD COLUMN moved_to_uri     text,
    ADD COLUMN memorial         boolean NOT NULL DEFAULT false,
    ADD COLUMN fetched_at       timestamptz,           -- last refresh of a remote actor
    ADD COLUMN deleted_at       timestamptz;            -- the actor was deleted (Delete of the actor)
CREATE UNIQUE INDEX accounts_uri_key ON accounts (uri) WHERE uri IS NOT NULL;
CREATE INDEX accounts_domain_idx ON accounts (lower(domain)) WHERE domain IS NOT NULL;

-- Signing keys of local actors. Private keys never leave the server.
CREATE TABLE local_keys (
    account_id        bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    rsa_public_pem    text  NOT NULL,
    rsa_private_pem   text  NOT NULL,   -- PKCS#8
    ed25519_public    bytea NOT NULL,   -- 32 raw bytes
    ed25519_private   bytea NOT NULL,   -- 32-byte seed
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- Public keys of remote actors, by key id (publicKey.id or a Multikey id).
CREATE TABLE remote_keys (
    key_id            text PRIMARY KEY,
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    algorithm         text   NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),
    public_key        text   NOT NULL,  -- PEM for RSA, multibase for Ed25519
    fetched_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remote_keys_account_idx ON remote_keys (account_id);

-- Who follows whom (accepted), and follow requests waiting for a locked account's answer.
CREATE TABLE follows (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- the follower
    target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- the followed
    uri               text,                                                         -- the Follow activity's id
    show_reblogs      boolean NOT NULL DEFAULT true,
    notify            boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target_idx ON follows (target_account_id);

CREATE TABLE follow_requests (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    uri               text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follow_requests_target_idx ON follow_requests (target_account_id);

CREATE TABLE blocks (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    uri               text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, target_account_id)
);

-- Posts, local and remote. Ratings and reviews are statuses too (later issues add their columns).
CREATE TABLE statuses (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    uri               text   NOT NULL UNIQUE,
    url               text,
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    local             boolean NOT NULL,
    in_reply_to_id    bigint REFERENCES statuses (id) ON DELETE SET NULL,
    in_reply_to_uri   text,
    reblog_of_id      bigint REFERENCES statuses (id) ON DELETE CASCADE,
    content           text   NOT NULL DEFAULT '',      -- sanitised HTML
    text_source       text,                            -- what a local author typed
    spoiler_text      text   NOT NULL DEFAULT '',
    sensitive         boolean NOT NULL DEFAULT false,
    visibility        text   NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private', 'direct')),
    language          text,
    to_uris           text[] NOT NULL DEFAULT '{}',
    cc_uris           text[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    edited_at         timestamptz,
    deleted_at        timestamptz                      -- a Tombstone is kept: fetches answer 410
);
CREATE INDEX statuses_account_idx ON statuses (account_id, id DESC);
CREATE INDEX statuses_reply_idx ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
CREATE INDEX statuses_reblog_idx ON statuses (reblog_of_id) WHERE reblog_of_id IS NOT NULL;

CREATE TABLE status_mentions (
    status_id         bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, account_id)
);

CREATE TABLE favourites (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id         bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    uri               text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, status_id)
);

-- Instance-level policy for other servers: silence hides from public timelines, suspend refuses.
CREATE TABLE domain_policies (
    domain            text PRIMARY KEY,                -- lower-case host
    severity          text NOT NULL CHECK (severity IN ('silence', 'suspend')),
    reason            text,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- Inbound activities: stored durably before the 202, processed asynchronously and exactly once.
CREATE TABLE inbox_items (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    activity_uri      text   NOT NULL UNIQUE,          -- dedupe by activity id
    actor_uri         text   NOT NULL,
    key_id            text   NOT NULL,
    recipient_id      bigint REFERENCES accounts (id) ON DELETE CASCADE,  -- NULL for the shared inbox
    body              jsonb  NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    state             text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    processed_at      timestamptz
);
CREATE INDEX inbox_items_due_idx ON inbox_items (next_attempt_at) WHERE state = 'pending';

-- Outbound activities and their deliveries, written in the same transaction as the change.
CREATE TABLE outbox_activities (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    uri               text   NOT NULL UNIQUE,
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type              text   NOT NULL,
    body              jsonb  NOT NULL,
    public            boolean NOT NULL DEFAULT false,   -- shown in the actor's outbox collection
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_activities_account_idx ON outbox_activities (account_id, id DESC);

-- One row per (activity, inbox): shared inboxes collapse many followers into one delivery.
CREATE TABLE deliveries (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    activity_id       bigint NOT NULL REFERENCES outbox_activities (id) ON DELETE CASCADE,
    inbox_url         text   NOT NULL,
    host              text   NOT NULL,
    state             text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_status       integer,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    UNIQUE (activity_id, inbox_url)
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE state = 'pending';

-- Per-host delivery health for the circuit breaker: shared by every server process.
CREATE TABLE delivery_hosts (
    host              text PRIMARY KEY,
    consecutive_failures integer NOT NULL DEFAULT 0,
    open_until        timestamptz,                     -- the breaker is open: no attempts before this
    failure_days      date[] NOT NULL DEFAULT '{}',   -- distinct days with failures, for "unavailable"
    last_success_at   timestamptz
);
