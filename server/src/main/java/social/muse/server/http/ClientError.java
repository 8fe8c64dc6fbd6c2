package social.muse.server.http;

/** A 4xx the HTTP layer itself detects (unparsable body, body too large), rendered in the shape of the API that was called. */
public final class ClientError extends RuntimeException {
    private final int status;

    public ClientError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
