package social.muse.federation.ap;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An actor with every field Mastodon reads (federation.md §1). {@code summary} and property values
 * are HTML as received; sanitise before display. Nullable: everything except id and actorType.
 */
public record ApActor(
        String id,
        ApActorType actorType,
        String preferredUsername,
        String name,
        String summary,
        String url,
        String inbox,
        String outbox,
        String followers,
        String following,
        String featured,
        String sharedInbox,
        ApPublicKey publicKey,
        List<ApMultikey> assertionMethod,
        ApMedia icon,
        ApMedia image,
        List<ApPropertyValue> attachment,
        boolean manuallyApprovesFollowers,
        boolean discoverable,
        boolean indexable,
        Instant published,
        List<String> alsoKnownAs,
        String movedTo,
        boolean suspended,
        boolean memorial,
        String webfinger) implements ApDocument {

    public ApActor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actorType, "actorType");
        assertionMethod = Immutables.list(assertionMethod);
        attachment = Immutables.list(attachment);
        alsoKnownAs = Immutables.list(alsoKnownAs);
    }

    @Override
    public String type() {
        return actorType.wireName();
    }

    public static Builder builder(String id, ApActorType actorType) {
        return new Builder(id, actorType);
    }

    /** Builds an actor field by field; the server's converters use it instead of a 26-argument call. */
    public static final class Builder {
        private final String id;
        private final ApActorType actorType;
        private String preferredUsername;
        private String name;
        private String summary;
        private String url;
        private String inbox;
        private String outbox;
        private String followers;
        private String following;
        private String featured;
        private String sharedInbox;
        private ApPublicKey publicKey;
        private List<ApMultikey> assertionMethod = List.of();
        private ApMedia icon;
        private ApMedia image;
        private List<ApPropertyValue> attachment = List.of();
        private boolean manuallyApprovesFollowers;
        private boolean discoverable;
        private boolean indexable;
        private Instant published;
        private List<String> alsoKnownAs = List.of();
        private String movedTo;
        private boolean suspended;
        private boolean memorial;
        private String webfinger;

        private Builder(String id, ApActorType actorType) {
            this.id = id;
            this.actorType = actorType;
        }

        public Builder preferredUsername(String value) { preferredUsername = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder summary(String value) { summary = value; return this; }
        public Builder url(String value) { url = value; return this; }
        public Builder inbox(String value) { inbox = value; return this; }
        public Builder outbox(String value) { outbox = value; return this; }
        public Builder followers(String value) { followers = value; return this; }
        public Builder following(String value) { following = value; return this; }
        public Builder featured(String value) { featured = value; return this; }
        public Builder sharedInbox(String value) { sharedInbox = value; return this; }
        public Builder publicKey(ApPublicKey value) { publicKey = value; return this; }
        public Builder assertionMethod(List<ApMultikey> value) { assertionMethod = value; return this; }
        public Builder icon(ApMedia value) { icon = value; return this; }
        public Builder image(ApMedia value) { image = value; return this; }
        public Builder attachment(List<ApPropertyValue> value) { attachment = value; return this; }
        public Builder manuallyApprovesFollowers(boolean value) { manuallyApprovesFollowers = value; return this; }
        public Builder discoverable(boolean value) { discoverable = value; return this; }
        public Builder indexable(boolean value) { indexable = value; return this; }
        public Builder published(Instant value) { published = value; return this; }
        public Builder alsoKnownAs(List<String> value) { alsoKnownAs = value; return this; }
        public Builder movedTo(String value) { movedTo = value; return this; }
        public Builder suspended(boolean value) { suspended = value; return this; }
        public Builder memorial(boolean value) { memorial = value; return this; }
        public Builder webfinger(String value) { webfinger = value; return this; }

        public ApActor build() {
            return new ApActor(id, actorType, preferredUsername, name, summary, url, inbox, outbox, followers,
                    following, featured, sharedInbox, publicKey, assertionMethod, icon, image, attachment,
                    manuallyApprovesFollowers, discoverable, indexable, published, alsoKnownAs, movedTo,
                    suspended, memorial, webfinger);
        }
    }
}
