package social.muse.federation.ap;

import java.util.List;

/** A {@code Collection} or {@code OrderedCollection}; {@code first} is often an embedded page. */
public record ApCollection(
        String id,
        boolean ordered,
        Long totalItems,
        ApItem first,
        ApItem last,
        List<ApItem> items) implements ApDocument {

    public ApCollection {
        items = Immutables.list(items);
    }

    @Override
    public String type() {
        return ordered ? "OrderedCollection" : "Collection";
    }
}
