package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApMedia;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApTag;
import social.muse.federation.html.HtmlSanitizer;
import social.muse.federation.jsonld.Namespaces;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusDao;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.processing.media.Attachments;
import social.muse.server.processing.social.StatusText;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Posts from remote actors. Every post a sender delivers is stored: we do not apply Mastodon's "no
 * relationship" filter yet, since a sender only delivers to us when someone here follows or is addressed.
 */
public final class InboundStatuses {
    private final StatusDao statuses;
    private final MediaDao media;
    private final Notifications notifications;
    private final AccountDao accounts;
    private final HtmlSanitizer sanitizer;
    private final Uris uris;

    public InboundStatuses(StatusDao statuses, MediaDao media, AccountDao accounts, HtmlSanitizer sanitizer, Uris uris,
                           Notifications notifications) {
        this.notifications = notifications;
        this.statuses = statuses;
        this.media = media;
        this.accounts = accounts;
        this.sanitizer = sanitizer;
        this.uris = uris;
    }

    /** A post delivered or fetched now: stored, and the local people it mentions are told. */
    public void create(Handle h, AccountRow author, ApObject object) {
        store(h, author, object, false);
    }

    /**
     * An older post read from its author's outbox: stored in its place in time (by its publication date), and nobody
     * is notified of what happened before we knew the author.
     */
    public void backfill(Handle h, AccountRow author, ApObject object) {
        store(h, author, object, true);
    }

    private void store(Handle h, AccountRow author, ApObject object, boolean backfilled) {
        requireAuthoredBy(author, object);
        Optional<Long> id = statuses.insertRemote(h, new StatusDao.NewRemoteStatus(object.id(), object.url(), author.id(),
                object.inReplyTo(), content(object), object.summary() == null ? "" : object.summary(),
                object.sensitive(), visibility(author, object), object.to(), object.cc(), object.published(), backfilled));
        id.ifPresent(statusId -> {
            mentionedLocalAccounts(h, object).forEach(local -> {
                statuses.insertMention(h, statusId, local.id());
                if (!backfilled) {
                    notifications.mention(h, author, local, statusId);
                }
            });
            statuses.insertTags(h, statusId, hashtags(object));
            attachments(object).forEach(m -> media.insert(h, new MediaDao.NewMedia(author.id(), statusId, null,
                    m.url(), mediaType(m.mediaType()), m.mediaType(), m.name(), m.blurhash(), m.width(), m.height())));
        });
    }

    public void update(Handle h, AccountRow author, ApObject object) {
        requireAuthoredBy(author, object);
        statuses.updateContent(h, object.id(), author.id(), content(object),
                        object.summary() == null ? "" : object.summary(), object.sensitive(), object.updated())
                .ifPresent(statusId -> notifications.edited(h, author, statusId));
    }

    public void delete(Handle h, AccountRow author, String uri) {
        statuses.markDeletedByAuthor(h, uri, author.id());
    }

    /** The media another server attached, as links to where they live (at most as many as we allow on our posts). */
    private static List<ApMedia> attachments(ApObject object) {
        return object.attachment().stream()
                .filter(m -> m.url() != null && (m.url().startsWith("https://") || m.url().startsWith("http://")))
                .limit(Attachments.MAX_PER_STATUS)
                .toList();
    }

    /** The object's Hashtag tags, lower-cased without the '#', as we store ours. */
    private static List<String> hashtags(ApObject object) {
        return object.tag().stream()
                .filter(t -> "Hashtag".equals(t.type()) && t.name() != null)
                .flatMap(t -> StatusText.tagName(t.name()).stream())
                .distinct()
                .limit(64)
                .toList();
    }

    /** Mastodon's attachment types from a media type. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "unknown";
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.equals("image/gif") ? "gifv" : type.startsWith("image/") ? "image"
                : type.startsWith("video/") ? "video" : type.startsWith("audio/") ? "audio" : "unknown";
    }

    private static void requireAuthoredBy(AccountRow author, ApObject object) {
        if (object.id() == null || !InboxProcessor.sameAuthority(object.id(), author.uri())) {
            throw new IllegalArgumentException("the object " + object.id() + " is not on its actor's server");
        }
        if (!object.attributedTo().isEmpty() && !object.attributedTo().contains(author.uri())) {
            throw new IllegalArgumentException("the object " + object.id() + " is attributed to someone else");
        }
    }

    /** Notes and Questions carry their text; other kinds show a title, a summary and a link, as Mastodon does. */
    private String content(ApObject object) {
        String html = object.content() == null ? "" : object.content();
        if (!object.type().equals("Note") && !object.type().equals("Question") && object.name() != null) {
            html = "<p><strong>" + escape(object.name()) + "</strong></p>" + html;
        }
        return sanitizer.sanitize(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String visibility(AccountRow author, ApObject object) {
        if (object.to().contains(Namespaces.PUBLIC)) {
            return "public";
        }
        if (object.cc().contains(Namespaces.PUBLIC)) {
            return "unlisted";
        }
        String followers = author.followersUrl();
        if (followers != null && (object.to().contains(followers) || object.cc().contains(followers))) {
            return "private";
        }
        return "direct";
    }

    private List<AccountRow> mentionedLocalAccounts(Handle h, ApObject object) {
        Set<String> addressed = new LinkedHashSet<>();
        Stream.concat(object.tag().stream().filter(t -> "Mention".equals(t.type())).map(ApTag::href),
                        Stream.concat(object.to().stream(), object.cc().stream()))
                .filter(href -> href != null && href.startsWith(uris.actor("")))
                .forEach(addressed::add);
        return addressed.stream()
                .map(href -> href.substring(uris.actor("").length()))
                .filter(username -> username.matches("[A-Za-z0-9_]+"))
                .flatMap(username -> accounts.byUsername(h, username, null).stream())
                .toList();
    }
}
