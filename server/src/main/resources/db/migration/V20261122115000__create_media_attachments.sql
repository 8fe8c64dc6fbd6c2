-- Media attached to statuses: uploaded here (file under <data-dir>/media) or described by another server (remote_url).
CREATE TABLE media_attachments (
    id            bigint PRIMARY KEY DEFAULT next_id(),
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id     bigint REFERENCES statuses (id) ON DELETE CASCADE,   -- null until posted
    file          text,                                                -- relative to the media root; null if remote
    remote_url    text,
    type          text NOT NULL CHECK (type IN ('image', 'gifv', 'video', 'audio', 'unknown')),
    content_type  text,
    description   text,
    blurhash      text,
    width         integer,
    height        integer,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (file IS NOT NULL OR remote_url IS NOT NULL)
);
CREATE INDEX media_attachments_status_idx ON media_attachments (status_id) WHERE status_id IS NOT NULL;
