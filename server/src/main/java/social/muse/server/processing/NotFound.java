package social.muse.server.processing;

/** Something a request names does not exist (or is not visible to the caller): 404 in every API. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message, null, false, false);
    }
}
