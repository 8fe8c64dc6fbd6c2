-- Live events for streaming clients, sent on the 'muse_live' channel by the rows themselves, so every path that
-- posts, edits, deletes or notifies (API, inbox, purges of a gone actor, follower repair) is heard, by every server
-- process that listens. NOTIFY inside a transaction is delivered at commit and dropped on rollback. Only ids travel
-- ("KIND id account"): each process renders them for its own clients, who may each see a status differently.
CREATE FUNCTION live_status_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('muse_live', 'STATUS_CREATED ' || NEW.id || ' 0');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('muse_live', 'STATUS_DELETED ' || OLD.id || ' 0');
    ELSIF NEW.deleted_at IS NOT NULL THEN
        PERFORM pg_notify('muse_live', 'STATUS_DELETED ' || NEW.id || ' 0');
    ELSE
        PERFORM pg_notify('muse_live', 'STATUS_EDITED ' || NEW.id || ' 0');
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER statuses_live_insert AFTER INSERT ON statuses
    FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION live_status_event();
CREATE TRIGGER statuses_live_delete AFTER DELETE ON statuses
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION live_status_event();
CREATE TRIGGER statuses_live_update AFTER UPDATE OF deleted_at, edited_at ON statuses
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND (NEW.deleted_at IS NOT NULL OR NEW.edited_at IS DISTINCT FROM OLD.edited_at))
    EXECUTE FUNCTION live_status_event();

CREATE FUNCTION live_notification_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('muse_live', 'NOTIFICATION ' || NEW.id || ' ' || NEW.account_id);
    RETURN NULL;
END $$;
CREATE TRIGGER notifications_live AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION live_notification_event();
