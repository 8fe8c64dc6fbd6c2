package social.muse.federation.transport;

/**
 * An outbound federation request failed before a complete response was read: the host could not be resolved or
 * reached, the connection broke, or one of the subclasses' limits was hit. Messages name the target and the reason
 * and never include request headers, so they are safe to log.
 */
public class TransportException extends RuntimeException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
