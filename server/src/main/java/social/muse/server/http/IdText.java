package social.muse.server.http;

import java.util.Optional;

/** Ids and cursors as clients send them: decimal text, where anything else simply names nothing. */
public final class IdText {
    private IdText() {
    }

    public static Optional<Long> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
