package social.muse.federation.ap;

import jakarta.json.JsonObject;

import java.util.Objects;

/**
 * A document of a type Muse does not model ({@code Lock}, {@code LikeApproval}, {@code Feed}, …),
 * kept with the JSON object it came in (immutable) so a handler can still look at it.
 */
public record ApUnknown(String type, String id, JsonObject raw) implements ApDocument {

    public ApUnknown {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }
}
