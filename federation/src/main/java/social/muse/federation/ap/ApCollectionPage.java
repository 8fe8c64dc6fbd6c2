package social.muse.federation.ap;

import java.util.List;

/** A {@code CollectionPage} or {@code OrderedCollectionPage}. */
public record ApCollectionPage(
        String id,
        boolean ordered,
        Long totalItems,
        String partOf,
        String next,
        String prev,
        List<ApItem> items) implements ApDocument {

    public ApCollectionPage {
        items = Immutables.list(items);
    }

    @Override
    public String type() {
        return ordered ? "OrderedCollectionPage" : "CollectionPage";
    }
}
