package social.muse.server.processing.notify;

import java.util.Optional;

/**
 * What happened, as it travels between server processes through PostgreSQL NOTIFY ("KIND id accountId"): only ids,
 * since a NOTIFY payload is small and each listener renders the entity for each of its own viewers.
 * {@code accountId} is the notified account for a notification and 0 otherwise.
 */
public record LiveEvent(Kind kind, long id, long accountId) {
    /** The NOTIFY channel; the database's triggers send on it (see the live_events migration). */
    public static final String CHANNEL = "muse_live";

    public enum Kind { STATUS_CREATED, STATUS_EDITED, STATUS_DELETED, NOTIFICATION }

    /** The event a payload carries; empty for a payload this version does not understand. */
    public static Optional<LiveEvent> decode(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LiveEvent(Kind.valueOf(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
