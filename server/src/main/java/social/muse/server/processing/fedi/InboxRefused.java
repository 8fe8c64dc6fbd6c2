package social.muse.server.processing.fedi;

/** Why an inbox refuses a delivery: a plain 4xx with a short reason the sending server may log. */
public final class InboxRefused extends RuntimeException {
    private final int status;

    public InboxRefused(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
