package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;

public final class StatusDao {
    static final String COLUMNS = """
            id, uri, url, account_id, local, in_reply_to_id, in_reply_to_uri, reblog_of_id, content, text_source,
            spoiler_text, sensitive, visibility, language, to_uris, cc_uris, created_at, edited_at, deleted_at""";

    /** What a new status is made of; the id is chosen first so the URI can contain it. */
    public record NewStatus(long id, String uri, String url, long accountId, boolean local, Long inReplyToId,
                            String inReplyToUri, String content, String textSource, String spoilerText,
                            boolean sensitive, String visibility, String language, List<String> toUris,
                            List<String> ccUris) {
    }

    public StatusRow insert(Handle h, NewStatus s) {
        return h.createQuery("""
                        INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_uri, content,
                                              text_source, spoiler_text, sensitive, visibility, language, to_uris, cc_uris)
                        VALUES (:id, :uri, :url, :accountId, :local, :inReplyToId, :inReplyToUri, :content,
                                :textSource, :spoilerText, :sensitive, :visibility, :language, :to, :cc)
                        RETURNING""" + " " + COLUMNS)
                .bindMethods(s)
                .bindArray("to", String.class, s.toUris())
                .bindArray("cc", String.class, s.ccUris())
                .mapTo(StatusRow.class)
                .one();
    }

    public Optional<StatusRow> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM statuses WHERE id = :id").bind("id", id).mapTo(StatusRow.class).findOne();
    }

    /** The statuses with these ids, by id (missing ids are left out). */
    public Map<Long, StatusRow> byIds(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return h.createQuery("SELECT " + COLUMNS + " FROM statuses WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, ids.toArray())
                .mapTo(StatusRow.class)
                .collectToMap(StatusRow::id, s -> s);
    }

    public Optional<StatusRow> byUri(Handle h, String uri) {
        return h.createQuery("SELECT " + COLUMNS + " FROM statuses WHERE uri = :uri").bind("uri", uri).mapTo(StatusRow.class).findOne();
    }

    public void markDeleted(Handle h, long id) {
        h.createUpdate("UPDATE statuses SET deleted_at = coalesce(deleted_at, now()) WHERE id = :id").bind("id", id).execute();
    }

    public long countByAccount(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM statuses WHERE account_id = :id AND deleted_at IS NULL AND reblog_of_id IS NULL")
                .bind("id", accountId).mapTo(Long.class).one();
    }

    public record NewRemoteStatus(String uri, String url, long accountId, String inReplyToUri, String content,
                            String spoilerText, boolean sensitive, String visibility, List<String> to, List<String> cc,
                            Instant createdAt, boolean backdated) {
    }

    /**
     * Inserts a status another server announced unless its uri is known; the id of the new row, empty for a repeat.
     * A {@code backdated} one (read long after it was published) gets an id from its publication time.
     */
    public Optional<Long> insertRemote(Handle h, NewRemoteStatus s) {
        return h.createQuery("""
                        INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_uri, content,
                                              spoiler_text, sensitive, visibility, to_uris, cc_uris, created_at)
                        VALUES (CASE WHEN :backdated AND :createdAt < now() THEN id_at(:createdAt) ELSE next_id() END,
                                :uri, :url, :accountId, false,
                                (SELECT id FROM statuses WHERE uri = :inReplyToUri), :inReplyToUri, :content,
                                :spoilerText, :sensitive, :visibility, :to, :cc, coalesce(:createdAt, now()))
                        ON CONFLICT (uri) DO NOTHING
                        RETURNING id""")
                .bind("uri", s.uri()).bind("url", s.url()).bind("accountId", s.accountId())
                .bind("inReplyToUri", s.inReplyToUri()).bind("content", s.content())
                .bind("spoilerText", s.spoilerText()).bind("sensitive", s.sensitive())
                .bind("visibility", s.visibility()).bindArray("to", String.class, s.to())
                .bindArray("cc", String.class, s.cc()).bind("createdAt", s.createdAt()).bind("backdated", s.backdated())
                .mapTo(Long.class).findOne();
    }

    public void insertTags(Handle h, long statusId, java.util.Collection<String> names) {
        var batch = h.prepareBatch("INSERT INTO status_tags (status_id, name) VALUES (:s, :n) ON CONFLICT DO NOTHING");
        names.forEach(name -> batch.bind("s", statusId).bind("n", name).add());
        if (!names.isEmpty()) {
            batch.execute();
        }
    }

    public List<String> tags(Handle h, long statusId) {
        return h.createQuery("SELECT name FROM status_tags WHERE status_id = :s ORDER BY name")
                .bind("s", statusId).mapTo(String.class).list();
    }

    /** The accounts a status mentions, in the order they were stored. */
    public List<Long> mentionedAccountIds(Handle h, long statusId) {
        return h.createQuery("SELECT account_id FROM status_mentions WHERE status_id = :s")
                .bind("s", statusId).mapTo(Long.class).list();
    }

    /** The (shared) inboxes of the remote accounts a status mentions. */
    public List<String> mentionedRemoteInboxes(Handle h, long statusId) {
        return h.createQuery("""
                        SELECT DISTINCT coalesce(a.shared_inbox_url, a.inbox_url)
                          FROM status_mentions m JOIN accounts a ON a.id = m.account_id
                         WHERE m.status_id = :id AND a.domain IS NOT NULL AND a.inbox_url IS NOT NULL""")
                .bind("id", statusId).mapTo(String.class).list();
    }

    public void insertMention(Handle h, long statusId, long accountId) {
        h.createUpdate("INSERT INTO status_mentions (status_id, account_id) VALUES (:s, :a) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("a", accountId).execute();
    }

    /** An edit announced by the author: the id of the author's live status it changed, if there is one. */
    public Optional<Long> updateContent(Handle h, String uri, long accountId, String content, String spoilerText,
                                        boolean sensitive, Instant editedAt) {
        return h.createQuery("""
                        UPDATE statuses SET content = :content, spoiler_text = :spoilerText, sensitive = :sensitive,
                                            edited_at = coalesce(:editedAt, now())
                         WHERE uri = :uri AND account_id = :accountId AND deleted_at IS NULL RETURNING id""")
                .bind("uri", uri).bind("accountId", accountId).bind("content", content)
                .bind("spoilerText", spoilerText).bind("sensitive", sensitive).bind("editedAt", editedAt)
                .mapTo(Long.class).findOne();
    }

    /** Keeps the row as a tombstone; only the author may delete. */
    public boolean markDeletedByAuthor(Handle h, String uri, long accountId) {
        return h.createUpdate("""
                        UPDATE statuses SET deleted_at = now()
                         WHERE uri = :uri AND account_id = :accountId AND deleted_at IS NULL""")
                .bind("uri", uri).bind("accountId", accountId).execute() > 0;
    }

    /** Remembers which status a request with {@code key} made; false when the key is taken (within the hour). */
    public boolean claimIdempotencyKey(Handle h, long accountId, String key, long statusId) {
        return h.createUpdate("""
                        INSERT INTO status_idempotency_keys AS k (account_id, key, status_id) VALUES (:a, :k, :s)
                        ON CONFLICT (account_id, key) DO UPDATE SET status_id = EXCLUDED.status_id, created_at = now()
                        WHERE k.created_at <= now() - interval '1 hour'""")
                .bind("a", accountId).bind("k", key).bind("s", statusId).execute() > 0;
    }

    /** The status an earlier request with {@code key} made, within the last hour. */
    public Optional<StatusRow> byIdempotencyKey(Handle h, long accountId, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM statuses WHERE id = (SELECT status_id FROM status_idempotency_keys"
                        + " WHERE account_id = :a AND key = :k AND created_at > now() - interval '1 hour')")
                .bind("a", accountId).bind("k", key).mapTo(StatusRow.class).findOne();
    }
}
