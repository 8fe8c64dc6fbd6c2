package social.muse.server.processing.media;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.MediaDao.MediaRow;
import social.muse.server.processing.NotFound;
import social.muse.server.processing.ValidationFailed;

/** Images people attach to posts: uploaded first, described, then attached when the post is made. */
public final class Attachments {
    /** As Mastodon: at most four per post. */
    public static final int MAX_PER_STATUS = 4;
    static final int MAX_DESCRIPTION = 1500;

    private final Jdbi jdbi;
    private final MediaDao media;
    private final MediaStore store;
    private final long maxBytes;

    public Attachments(Jdbi jdbi, MediaDao media, MediaStore store, long maxBytes) {
        this.jdbi = jdbi;
        this.media = media;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** Stores an uploaded image for {@code owner}; it stays unattached until a post names it. */
    public MediaRow upload(AccountRow owner, byte[] bytes, String description) {
        checkDescription(description);
        MediaStore.StoredImage image = store.store("file", "attachments", owner.id(), bytes, maxBytes);
        try {
            return jdbi.withHandle(h -> media.insert(h, new MediaDao.NewMedia(owner.id(), null, image.file(), null,
                    image.type() == MediaStore.ImageType.GIF ? "gifv" : "image", image.type().mediaType,
                    description == null || description.isBlank() ? null : description.strip(), null,
                    image.width(), image.height())));
        } catch (RuntimeException e) {
            store.delete(image.file());
            throw e;
        }
    }

    public MediaRow describe(AccountRow owner, long id, String description) {
        checkDescription(description);
        return jdbi.withHandle(h -> media.updateDescription(h, id, owner.id(),
                        description == null || description.isBlank() ? null : description.strip()))
                .orElseThrow(() -> new NotFound("Record not found"));
    }

    /** One of {@code owner}'s own attachments. */
    public MediaRow own(AccountRow owner, long id) {
        return jdbi.withHandle(h -> media.byId(h, id)).filter(m -> m.accountId() == owner.id())
                .orElseThrow(() -> new NotFound("Record not found"));
    }

    private static void checkDescription(String description) {
        if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw ValidationFailed.of("description", "ERR_TOO_LONG", "is too long (maximum is " + MAX_DESCRIPTION + " characters)");
        }
    }
}
