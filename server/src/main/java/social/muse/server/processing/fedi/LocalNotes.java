package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApTag;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;

import java.util.ArrayList;
import java.util.List;

/**
 * A local status as the Note other servers read, the same whether it is delivered (Create, Update) or fetched:
 * with its Mention and Hashtag tags and its media, as stored.
 */
public final class LocalNotes {
    private final StatusDao statuses;
    private final AccountDao accounts;
    private final MediaDao media;
    private final ApConverter ap;
    private final Uris uris;

    public LocalNotes(StatusDao statuses, AccountDao accounts, MediaDao media, ApConverter ap, Uris uris) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.media = media;
        this.ap = ap;
        this.uris = uris;
    }

    public ApObject note(Handle h, StatusRow status, AccountRow author) {
        List<ApTag> tags = new ArrayList<>();
        accounts.byIds(h, statuses.mentionedAccountIds(h, status.id())).values().forEach(p -> tags.add(ApTag.mention(
                ap.actorId(p), "@" + p.username() + "@" + (p.isLocal() ? uris.base().replaceFirst("^https?://", "") : p.domain()))));
        statuses.tags(h, status.id()).forEach(tag -> tags.add(ApTag.hashtag(uris.tag(tag), "#" + tag)));
        return ap.note(status, author, tags, media.byStatuses(h, List.of(status.id())).getOrDefault(status.id(), List.of()));
    }
}
