package social.muse.admin;

/** A failure whose message is meant for the operator as is: printed on one line, no stack trace. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
