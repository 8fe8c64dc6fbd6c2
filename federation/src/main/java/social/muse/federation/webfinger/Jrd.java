package social.muse.federation.webfinger;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A JSON Resource Descriptor (RFC 7033 §4.4), the body of a WebFinger answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Jrd(String subject, List<String> aliases, List<Link> links) {
    public static final String MEDIA_TYPE = "application/jrd+json";
    public static final String REL_SELF = "self";
    public static final String REL_PROFILE_PAGE = "http://webfinger.net/rel/profile-page";
    public static final String REL_AVATAR = "http://webfinger.net/rel/avatar";
    public static final String ACTIVITY_JSON = "application/activity+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String rel, String type, String href, String template) {
        public static Link of(String rel, String type, String href) {
            return new Link(rel, type, href, null);
        }
    }

    /** The ActivityPub actor this descriptor points to, if any. */
    public java.util.Optional<String> actorId() {
        return links == null ? java.util.Optional.empty() : links.stream()
                .filter(l -> REL_SELF.equals(l.rel()) && l.href() != null && l.type() != null
                        && (l.type().startsWith(ACTIVITY_JSON) || l.type().startsWith("application/ld+json")))
                .map(Link::href)
                .findFirst();
    }
}
