-- A remote account's recent posts are read from its outbox once, when its statuses are first asked for.
ALTER TABLE accounts ADD COLUMN outbox_fetched_at timestamptz;

-- An id from a past moment, for posts stored long after they were published (outbox backfill): they take their
-- place in the timelines by when they were written, not when we learnt of them.
CREATE FUNCTION id_at(at timestamptz) RETURNS bigint LANGUAGE sql AS $$
    SELECT (floor(extract(epoch FROM at) * 1000)::bigint << 16) | (nextval('id_seq') & 65535)
$$;

-- Live streams carry news: a status whose id dates from more than an hour ago (a backfilled one) is not announced.
DROP TRIGGER statuses_live_insert ON statuses;
CREATE TRIGGER statuses_live_insert AFTER INSERT ON statuses
    FOR EACH ROW WHEN (NEW.deleted_at IS NULL
                       AND NEW.id >= (floor(extract(epoch FROM now() - interval '1 hour') * 1000)::bigint << 16))
    EXECUTE FUNCTION live_status_event();
