-- Time-ordered 64-bit ids: milliseconds since the epoch in the high bits, a shared
-- sequence in the low 16, so ids sort by creation time and stay unique across server
-- processes on one database. Clients receive them as decimal strings.
CREATE SEQUENCE id_seq;

CREATE FUNCTION next_id() RETURNS bigint
    LANGUAGE sql VOLATILE
AS $$
    SELECT (floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint << 16) | (nextval('id_seq') & 65535)
$$;

-- Every actor known to the instance: local people (domain IS NULL) and, later, remote ones.
CREATE TABLE accounts (
    id              bigint PRIMARY KEY DEFAULT next_id(),
    username        text        NOT NULL,
    domain          text,
    display_name    text        NOT NULL DEFAULT '',
    note            text        NOT NULL DEFAULT '',     -- HTML as shown to clients
    fields          jsonb       NOT NULL DEFAULT '[]',   -- [{name, value}] with HTML values
    locked          boolean     NOT NULL DEFAULT false,
    bot             boolean     NOT NULL DEFAULT false,
    discoverable    boolean     NOT NULL DEFAULT true,
    indexable       boolean     NOT NULL DEFAULT false,
    avatar_file     text,                                -- path under <data-dir>/media
    header_file     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    suspended_at    timestamptz
);
CREATE UNIQUE INDEX accounts_username_domain_key ON accounts (lower(username), coalesce(lower(domain), ''));

CREATE TABLE invites (
    id              bigint PRIMARY KEY DEFAULT next_id(),
    code            text        NOT NULL UNIQUE,
    created_by      bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    max_uses        integer     CHECK (max_uses IS NULL OR max_uses > 0),
    uses            integer     NOT NULL DEFAULT 0,
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- The sign-in part of a local account.
CREATE TABLE users (
    account_id         bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    email              text        NOT NULL,
    password_hash      text        NOT NULL,             -- Argon2id, PHC string format
    role               text        NOT NULL DEFAULT 'user'
                                   CHECK (role IN ('owner', 'admin', 'moderator', 'user')),
    locale             text        NOT NULL DEFAULT 'en',
    confirmed_at       timestamptz,
    approved           boolean     NOT NULL,
    sign_up_reason     text,
    invite_id          bigint      REFERENCES invites (id) ON DELETE SET NULL,
    note_source        text        NOT NULL DEFAULT '',  -- the bio as the person typed it
    default_privacy    text        NOT NULL DEFAULT 'public'
                                   CHECK (default_privacy IN ('public', 'unlisted', 'private', 'direct')),
    default_sensitive  boolean     NOT NULL DEFAULT false,
    default_language   text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE oauth_applications (
    id                  bigint PRIMARY KEY DEFAULT next_id(),
    name                text        NOT NULL,
    website             text,
    redirect_uris       text[]      NOT NULL,
    scopes              text        NOT NULL,            -- space-separated
    client_id           text        NOT NULL UNIQUE,
    client_secret_hash  text        NOT NULL,            -- SHA-256 hex; the secret is shown once
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_authorization_codes (
    code_hash           text PRIMARY KEY,
    application_id      bigint      NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    account_id          bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    redirect_uri        text        NOT NULL,
    scopes              text        NOT NULL,
    code_challenge      text,                            -- PKCE S256
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz
);

CREATE TABLE oauth_tokens (
    id                  bigint PRIMARY KEY DEFAULT next_id(),
    token_hash          text        NOT NULL UNIQUE,     -- SHA-256 hex of the bearer token
    refresh_token_hash  text        UNIQUE,
    application_id      bigint      NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    account_id          bigint      REFERENCES accounts (id) ON DELETE CASCADE,  -- NULL for client_credentials
    scopes              text        NOT NULL,
    authorization_code_hash text,                        -- revoked together if the code is replayed
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_used_at        timestamptz,
    revoked_at          timestamptz
);
CREATE INDEX oauth_tokens_account_idx ON oauth_tokens (account_id) WHERE revoked_at IS NULL;
CREATE INDEX oauth_tokens_code_idx ON oauth_tokens (authorization_code_hash) WHERE authorization_code_hash IS NOT NULL;

-- Browser sessions of the server-rendered pages (OAuth login and consent).
CREATE TABLE web_sessions (
    id                  bigint PRIMARY KEY DEFAULT next_id(),
    token_hash          text        NOT NULL UNIQUE,
    account_id          bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL
);

-- Single-use secrets sent by link: owner setup, e-mail confirmation, password reset.
CREATE TABLE one_time_tokens (
    token_hash          text PRIMARY KEY,
    purpose             text        NOT NULL CHECK (purpose IN ('owner_setup', 'email_confirmation', 'password_reset')),
    account_id          bigint      REFERENCES accounts (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz
);
CREATE INDEX one_time_tokens_account_idx ON one_time_tokens (account_id, purpose);

-- Fixed-window counters for rate limits, shared by every server process on the database.
CREATE TABLE rate_limit_windows (
    bucket              text        NOT NULL,
    window_start        timestamptz NOT NULL,
    hits                integer     NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
