package social.muse.server.processing.social;

import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusCountsRow;
import social.muse.server.db.StatusRow;

import java.util.List;

/**
 * A status with what a client shows beside it: its author, its counts and the viewer's own favourite and
 * reblog, its media, the accounts it mentions and its hashtags. A reblog carries the status it reblogs in {@code reblog}; otherwise that is null.
 */
public record StatusView(StatusRow status, AccountRow author, StatusCountsRow counts, StatusView reblog,
                         List<MediaDao.MediaRow> media, List<AccountRow> mentions, List<String> tags,
                         Long inReplyToAccountId) {
    public StatusView {
        media = List.copyOf(media);
        mentions = List.copyOf(mentions);
        tags = List.copyOf(tags);
    }
}
