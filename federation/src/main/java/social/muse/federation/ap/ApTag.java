package social.muse.federation.ap;

/**
 * An entry of an object's {@code tag}: a {@code Mention} (href = actor), a {@code Hashtag}
 * (href = tag page), an {@code Emoji} (name = {@code :shortcode:}, icon = image) or any other type.
 */
public record ApTag(String type, String id, String href, String name, ApMedia icon) {

    public static ApTag mention(String actorIri, String handle) {
        return new ApTag("Mention", null, actorIri, handle, null);
    }

    public static ApTag hashtag(String href, String name) {
        return new ApTag("Hashtag", null, href, name, null);
    }
}
