package social.muse.federation.ap;

import java.time.Instant;
import java.util.Objects;

/** What a deleted object leaves behind; served with 410. */
public record ApTombstone(String id, String formerType, Instant published, Instant updated, Instant deleted)
        implements ApDocument {

    public ApTombstone {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String type() {
        return "Tombstone";
    }
}
