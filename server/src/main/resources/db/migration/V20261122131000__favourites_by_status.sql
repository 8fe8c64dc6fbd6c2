-- A status's favourite count and who favourited it are read by status: without this index each of them scanned every
-- favourite (the home timeline benchmark found it: a 20-status page took half a second over 300,000 favourites).
CREATE INDEX favourites_status_idx ON favourites (status_id, id DESC);
