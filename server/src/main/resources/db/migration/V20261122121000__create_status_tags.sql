-- Hashtags of statuses, local and remote, lower-cased: the hashtag timeline and the Status entity's tags.
CREATE TABLE status_tags (
    status_id  bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    name       text   NOT NULL,
    PRIMARY KEY (status_id, name)
);
CREATE INDEX status_tags_name_idx ON status_tags (name, status_id DESC);
