package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Media attachments: uploads waiting to be posted, and the media of posts here and elsewhere. */
public final class MediaDao {
    static final String COLUMNS = """
            id, account_id, status_id, file, remote_url, type, content_type, description, blurhash, width, height, created_at""";

    public record MediaRow(long id, long accountId, Long statusId, String file, String remoteUrl, String type,
                           String contentType, String description, String blurhash, Integer width, Integer height,
                           Instant createdAt) {
    }

    /** What a new attachment is: {@code file} for an upload here, {@code remoteUrl} for another server's. */
    public record NewMedia(long accountId, Long statusId, String file, String remoteUrl, String type, String contentType,
                           String description, String blurhash, Integer width, Integer height) {
    }

    public MediaRow insert(Handle h, NewMedia m) {
        return h.createQuery("""
                        INSERT INTO media_attachments (account_id, status_id, file, remote_url, type, content_type,
                                                       description, blurhash, width, height)
                        VALUES (:accountId, :statusId, :file, :remoteUrl, :type, :contentType, :description, :blurhash,
                                :width, :height)
                        RETURNING""" + " " + COLUMNS)
                .bindMethods(m).mapTo(MediaRow.class).one();
    }

    public Optional<MediaRow> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM media_attachments WHERE id = :id")
                .bind("id", id).mapTo(MediaRow.class).findOne();
    }

    public Optional<MediaRow> updateDescription(Handle h, long id, long accountId, String description) {
        return h.createQuery("UPDATE media_attachments SET description = :d WHERE id = :id AND account_id = :a RETURNING"
                        + " " + COLUMNS)
                .bind("id", id).bind("a", accountId).bind("d", description).mapTo(MediaRow.class).findOne();
    }

    /** Attaches the account's unposted uploads to a status; the number attached. */
    public int attach(Handle h, long statusId, long accountId, List<Long> ids) {
        return h.createUpdate("""
                        UPDATE media_attachments SET status_id = :s
                        WHERE id = ANY(:ids) AND account_id = :a AND status_id IS NULL""")
                .bind("s", statusId).bind("a", accountId).bindArray("ids", Long.class, ids.toArray())
                .execute();
    }

    /** The media of each status, in upload order. */
    public Map<Long, List<MediaRow>> byStatuses(Handle h, Collection<Long> statusIds) {
        Map<Long, List<MediaRow>> byStatus = new LinkedHashMap<>();
        if (statusIds.isEmpty()) {
            return byStatus;
        }
        h.createQuery("SELECT " + COLUMNS + " FROM media_attachments WHERE status_id = ANY(:ids) ORDER BY id")
                .bindArray("ids", Long.class, statusIds.toArray())
                .mapTo(MediaRow.class)
                .forEach(m -> byStatus.computeIfAbsent(m.statusId(), id -> new java.util.ArrayList<>()).add(m));
        return byStatus;
    }
}
