package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** Edits of local statuses and the versions they replaced. */
public final class StatusEditDao {
    /** One version of a status, as {@code GET /api/v1/statuses/:id/history} lists it. */
    public record StatusEditRow(long id, long statusId, String content, String spoilerText, boolean sensitive,
                                Instant createdAt) {
    }

    /** What a local author changed; the caller has checked the status is theirs and alive. */
    public record LocalEdit(long id, String content, String textSource, String spoilerText, boolean sensitive,
                            String language) {
    }

    public StatusRow edit(Handle h, LocalEdit edit) {
        return h.createQuery("""
                        UPDATE statuses SET content = :content, text_source = :textSource, spoiler_text = :spoilerText,
                                            sensitive = :sensitive, language = :language, edited_at = now()
                         WHERE id = :id
                        RETURNING""" + " " + StatusDao.COLUMNS)
                .bindMethods(edit)
                .mapTo(StatusRow.class)
                .one();
    }

    /** Records {@code status} as it is now, as one version of its history, dated when it took this form. */
    public void recordVersion(Handle h, StatusRow status) {
        h.createUpdate("""
                        INSERT INTO status_edits (status_id, content, spoiler_text, sensitive, created_at)
                        VALUES (:id, :content, :spoilerText, :sensitive, :at)""")
                .bind("id", status.id()).bind("content", status.content()).bind("spoilerText", status.spoilerText())
                .bind("sensitive", status.sensitive())
                .bind("at", status.editedAt() != null ? status.editedAt() : status.createdAt())
                .execute();
    }

    /** Oldest first, as Mastodon lists them. */
    public List<StatusEditRow> versions(Handle h, long statusId) {
        return h.createQuery("""
                        SELECT id, status_id, content, spoiler_text, sensitive, created_at
                          FROM status_edits WHERE status_id = :id ORDER BY created_at, id""")
                .bind("id", statusId).mapTo(StatusEditRow.class).list();
    }
}
