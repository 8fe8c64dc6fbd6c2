package social.muse.server.convert;

import social.muse.federation.ap.ApActor;
import social.muse.federation.ap.ApActorType;
import social.muse.federation.ap.ApMedia;
import social.muse.federation.ap.ApMultikey;
import social.muse.federation.ap.ApMedia;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApTag;
import social.muse.federation.ap.ApPropertyValue;
import social.muse.federation.ap.ApPublicKey;
import social.muse.federation.keys.Multikey;
import social.muse.federation.keys.Pem;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.accounts.PlainText;
import social.muse.server.processing.fedi.LocalActors;

import java.util.List;

/** Domain rows to ActivityPub wire records; every AP id comes from {@link Uris}. */
public final class ApConverter {
    private final Uris uris;
    private final ApiConverter api;
    private final LocalActors localActors;

    public ApConverter(Uris uris, ApiConverter api, LocalActors localActors) {
        this.uris = uris;
        this.api = api;
        this.localActors = localActors;
    }

    /** The AP id of any account, local or remote. */
    public String actorId(AccountRow account) {
        if (!account.isLocal()) {
            return account.uri();
        }
        return localActors.isInstanceActor(account) ? uris.instanceActor() : uris.actor(account.username());
    }

    /** The followers collection's id: minted for local accounts, as the actor document said for remote ones. */
    public String followersId(AccountRow account) {
        return account.isLocal() ? actorId(account) + "/followers" : account.followersUrl();
    }

    public String rsaKeyId(AccountRow local) {
        return actorId(local) + "#main-key";
    }

    /** A local account as the actor document Mastodon, Fedify and other Muse instances read. */
    public ApActor actor(AccountRow a) {
        String id = actorId(a);
        LocalActors.Keys keys = localActors.keys(a.id());
        boolean instance = localActors.isInstanceActor(a);
        ApActor.Builder actor = ApActor.builder(id, instance ? ApActorType.APPLICATION : a.bot() ? ApActorType.SERVICE : ApActorType.PERSON)
                .preferredUsername(instance ? uris.base().replaceFirst("^https?://", "") : a.username())
                .inbox(id + "/inbox")
                .outbox(id + "/outbox")
                .sharedInbox(uris.sharedInbox())
                .publicKey(new ApPublicKey(id + "#main-key", id, Pem.encodePublicKey(keys.rsa().verificationKey())))
                .assertionMethod(List.of(new ApMultikey(id + "#ed25519-key", id, Multikey.encode(keys.ed25519().verificationKey()))))
                .manuallyApprovesFollowers(instance || a.locked())
                .discoverable(!instance && a.discoverable())
                .indexable(!instance && a.indexable())
                .published(a.createdAt());
        if (instance) {
            return actor.url(uris.base() + "/").build();
        }
        return actor.name(a.displayName().isEmpty() ? null : a.displayName())
                .summary(a.note())
                .url(uris.profile(a.username()))
                .followers(followersId(a))
                .following(id + "/following")
                .featured(id + "/featured")
                .icon(image(a.avatarFile(), uris.defaultAvatar()))
                .image(image(a.headerFile(), uris.defaultHeader()))
                .attachment(api.fields(a).stream()
                        .map(f -> new ApPropertyValue(f.name(), PlainText.linkify(f.value())))
                        .toList())
                .webfinger(a.username() + "@" + uris.base().replaceFirst("^https?://", ""))
                .build();
    }

    /** The public collection of ActivityStreams addressing. */
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    /** A local status as the Note everyone receives; its addressing is stored with it. */
    public ApObject note(StatusRow status, AccountRow author) {
        return note(status, author, List.of());
    }

    /** The Note with its Mention and Hashtag tags. */
    public ApObject note(StatusRow status, AccountRow author, List<ApTag> tags) {
        return note(status, author, tags, List.of());
    }

    /** The Note with its tags and media attachments (as Mastodon sends them: Documents with their media type). */
    public ApObject note(StatusRow status, AccountRow author, List<ApTag> tags, List<MediaDao.MediaRow> media) {
        return ApObject.builder(status.uri(), "Note")
                .tag(tags)
                .attachment(media.stream()
                        .map(m -> new ApMedia("Document", m.file() != null ? uris.media(m.file()) : m.remoteUrl(),
                                m.contentType(), m.description(), m.blurhash(), m.width(), m.height()))
                        .toList())
                .attributedTo(List.of(actorId(author)))
                .content(status.content())
                .summary(status.spoilerText().isEmpty() ? null : status.spoilerText())
                .sensitive(status.sensitive())
                .inReplyTo(status.inReplyToUri())
                .published(status.createdAt())
                .updated(status.editedAt())
                .url(status.url())
                .to(List.of(status.toUris()))
                .cc(List.of(status.ccUris()))
                .build();
    }

    /** Who a status is addressed to, by visibility, as Mastodon addresses it. */
    public static Addressing addressing(String visibility, String followersCollection, List<String> mentioned) {
        return switch (visibility) {
            case "public" -> new Addressing(List.of(PUBLIC), concat(List.of(followersCollection), mentioned));
            case "unlisted" -> new Addressing(List.of(followersCollection), concat(List.of(PUBLIC), mentioned));
            case "private" -> new Addressing(List.of(followersCollection), mentioned);
            default -> new Addressing(mentioned, List.of());
        };
    }

    public record Addressing(List<String> to, List<String> cc) {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private ApMedia image(String file, String fallback) {
        String url = file == null ? fallback : uris.media(file);
        String type = url.endsWith(".png") ? "image/png" : url.endsWith(".gif") ? "image/gif"
                : url.endsWith(".webp") ? "image/webp" : "image/jpeg";
        return ApMedia.image(url, type);
    }
}
