package social.muse.federation.ap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A content object: {@code Note}, {@code Article}, {@code Page}, {@code Question}, {@code Video}, …
 * {@code content} is HTML as received (sanitise before display); {@code contentMap} holds the
 * language-tagged variants. {@code reviewOf} and {@code rating} are Muse's own terms.
 * {@code to}/{@code cc} name the public collection as {@link social.muse.federation.jsonld.Namespaces#PUBLIC}
 * however the sender spelled it.
 */
public record ApObject(
        String id,
        String type,
        List<String> attributedTo,
        String name,
        String content,
        Map<String, String> contentMap,
        String summary,
        boolean sensitive,
        String inReplyTo,
        Instant published,
        Instant updated,
        String url,
        List<String> to,
        List<String> cc,
        List<ApTag> tag,
        List<ApMedia> attachment,
        String replies,
        String reviewOf,
        ApRating rating) implements ApDocument {

    public ApObject {
        Objects.requireNonNull(type, "type");
        attributedTo = Immutables.list(attributedTo);
        contentMap = Immutables.map(contentMap);
        to = Immutables.list(to);
        cc = Immutables.list(cc);
        tag = Immutables.list(tag);
        attachment = Immutables.list(attachment);
    }

    public static Builder builder(String id, String type) {
        return new Builder(id, type);
    }

    /** Builds an object field by field. */
    public static final class Builder {
        private final String id;
        private final String type;
        private List<String> attributedTo = List.of();
        private String name;
        private String content;
        private Map<String, String> contentMap = Map.of();
        private String summary;
        private boolean sensitive;
        private String inReplyTo;
        private Instant published;
        private Instant updated;
        private String url;
        private List<String> to = List.of();
        private List<String> cc = List.of();
        private List<ApTag> tag = List.of();
        private List<ApMedia> attachment = List.of();
        private String replies;
        private String reviewOf;
        private ApRating rating;

        private Builder(String id, String type) {
            this.id = id;
            this.type = type;
        }

        public Builder attributedTo(List<String> value) { attributedTo = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder content(String value) { content = value; return this; }
        public Builder contentMap(Map<String, String> value) { contentMap = value; return this; }
        public Builder summary(String value) { summary = value; return this; }
        public Builder sensitive(boolean value) { sensitive = value; return this; }
        public Builder inReplyTo(String value) { inReplyTo = value; return this; }
        public Builder published(Instant value) { published = value; return this; }
        public Builder updated(Instant value) { updated = value; return this; }
        public Builder url(String value) { url = value; return this; }
        public Builder to(List<String> value) { to = value; return this; }
        public Builder cc(List<String> value) { cc = value; return this; }
        public Builder tag(List<ApTag> value) { tag = value; return this; }
        public Builder attachment(List<ApMedia> value) { attachment = value; return this; }
        public Builder replies(String value) { replies = value; return this; }
        public Builder reviewOf(String value) { reviewOf = value; return this; }
        public Builder rating(ApRating value) { rating = value; return this; }

        public ApObject build() {
            return new ApObject(id, type, attributedTo, name, content, contentMap, summary, sensitive, inReplyTo,
                    published, updated, url, to, cc, tag, attachment, replies, reviewOf, rating);
        }
    }
}
