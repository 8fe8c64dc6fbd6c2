package social.muse.server.processing.social;

import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusCountsRow;
import social.muse.server.db.StatusRow;

import java.util.List;

/**
 * A status with what a client shows beside it: its author, its counts and the viewer's own favourite and
 * reblog, and its media. A reblog carries the status it reblogs in {@code reblog}; otherwise that is null.
 */
public record StatusView(StatusRow status, AccountRow author, StatusCountsRow counts, StatusView reblog,
                         List<MediaDao.MediaRow> media) {
    public StatusView {
        media = List.copyOf(media);
    }
}
