-- Earlier versions of edited statuses, for GET /api/v1/statuses/:id/history. The first edit also keeps
-- the original, so a status edited n times has n + 1 rows; a status never edited has none.
CREATE TABLE status_edits (
    id                bigint PRIMARY KEY DEFAULT next_id(),
    status_id         bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    content           text   NOT NULL,
    spoiler_text      text   NOT NULL DEFAULT '',
    sensitive         boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL
);
CREATE INDEX status_edits_status_idx ON status_edits (status_id, created_at);
