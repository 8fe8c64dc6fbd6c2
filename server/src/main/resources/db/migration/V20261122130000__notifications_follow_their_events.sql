-- An edit is told each time it happens (Mastodon tells those who boosted a post of every edit), so 'update'
-- notifications are left out of the told-once rule.
DROP INDEX notifications_once_idx;
CREATE UNIQUE INDEX notifications_once_idx ON notifications (account_id, type, from_account_id, coalesce(status_id, 0))
    WHERE type <> 'update';

-- A notification lives as long as what it tells of, as Mastodon's do: taking back a favourite, a boost, a follow or
-- a follow request takes its notification away, whichever path (API, inbox, block, follower sync) took it back.
CREATE FUNCTION forget_favourite_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM notifications
     WHERE type = 'favourite' AND from_account_id = OLD.account_id AND status_id = OLD.status_id;
    RETURN NULL;
END $$;
CREATE TRIGGER favourites_forget_notification AFTER DELETE ON favourites
    FOR EACH ROW EXECUTE FUNCTION forget_favourite_notification();

CREATE FUNCTION forget_follow_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM notifications
     WHERE type = TG_ARGV[0] AND account_id = OLD.target_account_id AND from_account_id = OLD.account_id;
    RETURN NULL;
END $$;
CREATE TRIGGER follows_forget_notification AFTER DELETE ON follows
    FOR EACH ROW EXECUTE FUNCTION forget_follow_notification('follow');
CREATE TRIGGER follow_requests_forget_notification AFTER DELETE ON follow_requests
    FOR EACH ROW EXECUTE FUNCTION forget_follow_notification('follow_request');

-- boosts are statuses, taken back by marking them deleted
CREATE FUNCTION forget_reblog_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM notifications
     WHERE type = 'reblog' AND from_account_id = OLD.account_id AND status_id = OLD.reblog_of_id;
    RETURN NULL;
END $$;
CREATE TRIGGER reblogs_forget_notification AFTER UPDATE OF deleted_at ON statuses
    FOR EACH ROW WHEN (OLD.reblog_of_id IS NOT NULL AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION forget_reblog_notification();
CREATE TRIGGER reblogs_forget_notification_on_delete AFTER DELETE ON statuses
    FOR EACH ROW WHEN (OLD.reblog_of_id IS NOT NULL)
    EXECUTE FUNCTION forget_reblog_notification();
