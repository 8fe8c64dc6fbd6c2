package social.muse.server.processing;

/** The caller may not do this (403); the message is safe to show. */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message, null, false, false);
    }
}
