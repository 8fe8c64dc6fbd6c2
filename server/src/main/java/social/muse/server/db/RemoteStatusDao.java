package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Statuses other servers announce to us: created, edited and deleted by their authors only. */
public final class RemoteStatusDao {
    public record NewStatus(String uri, String url, long accountId, String inReplyToUri, String content,
                            String spoilerText, boolean sensitive, String visibility, List<String> to, List<String> cc,
                            Instant createdAt) {
    }

    /** Inserts the status unless its uri is known; the id of the new row, empty for a repeat. */
    public Optional<Long> insert(Handle h, NewStatus s) {
        return h.createQuery("""
                        INSERT INTO statuses (uri, url, account_id, local, in_reply_to_id, in_reply_to_uri, content,
                                              spoiler_text, sensitive, visibility, to_uris, cc_uris, created_at)
                        VALUES (:uri, :url, :accountId, false,
                                (SELECT id FROM statuses WHERE uri = :inReplyToUri), :inReplyToUri, :content,
                                :spoilerText, :sensitive, :visibility, :to, :cc, coalesce(:createdAt, now()))
                        ON CONFLICT (uri) DO NOTHING
                        RETURNING id""")
                .bind("uri", s.uri()).bind("url", s.url()).bind("accountId", s.accountId())
                .bind("inReplyToUri", s.inReplyToUri()).bind("content", s.content())
                .bind("spoilerText", s.spoilerText()).bind("sensitive", s.sensitive())
                .bind("visibility", s.visibility()).bindArray("to", String.class, s.to())
                .bindArray("cc", String.class, s.cc()).bind("createdAt", s.createdAt())
                .mapTo(Long.class).findOne();
    }

    public void insertMention(Handle h, long statusId, long accountId) {
        h.createUpdate("INSERT INTO status_mentions (status_id, account_id) VALUES (:s, :a) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("a", accountId).execute();
    }

    /** An edit by the author; true when the author has such a live status. */
    public boolean updateContent(Handle h, String uri, long accountId, String content, String spoilerText,
                                 boolean sensitive, Instant editedAt) {
        return h.createUpdate("""
                        UPDATE statuses SET content = :content, spoiler_text = :spoilerText, sensitive = :sensitive,
                                            edited_at = coalesce(:editedAt, now())
                         WHERE uri = :uri AND account_id = :accountId AND deleted_at IS NULL""")
                .bind("uri", uri).bind("accountId", accountId).bind("content", content)
                .bind("spoilerText", spoilerText).bind("sensitive", sensitive).bind("editedAt", editedAt)
                .execute() > 0;
    }

    /** Keeps the row as a tombstone; only the author may delete. */
    public boolean markDeleted(Handle h, String uri, long accountId) {
        return h.createUpdate("""
                        UPDATE statuses SET deleted_at = now()
                         WHERE uri = :uri AND account_id = :accountId AND deleted_at IS NULL""")
                .bind("uri", uri).bind("accountId", accountId).execute() > 0;
    }
}
