package social.muse.federation.ap;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An activity. {@code object} keeps every value in order, each a reference or an embedded document
 * (a {@code Flag} lists several; most activities have one, see {@link #singleObject()}).
 * {@code content} carries a {@code Flag}'s comment or an {@code EmojiReact}'s emoji.
 */
public record ApActivity(
        String id,
        String type,
        String actor,
        List<ApItem> object,
        ApItem target,
        List<String> to,
        List<String> cc,
        Instant published,
        String content) implements ApDocument {

    public ApActivity {
        Objects.requireNonNull(type, "type");
        object = Immutables.list(object);
        to = Immutables.list(to);
        cc = Immutables.list(cc);
    }

    /** The object when there is exactly one. */
    public java.util.Optional<ApItem> singleObject() {
        return object.size() == 1 ? java.util.Optional.of(object.getFirst()) : java.util.Optional.empty();
    }
}
