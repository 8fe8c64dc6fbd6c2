package social.muse.server.http.problem;

import java.util.Map;

/**
 * An error of the Muse API, rendered as RFC 9457 {@code application/problem+json}. {@code detail}
 * is the client-safe text; the cause, if any, goes to the log only.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String type, String title, String detail, Map<String, Object> extensions, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "about:blank", "Not Found", detail, Map.of(), null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "about:blank", "Bad Request", detail, Map.of(), null);
    }

    public static ProblemException validation(String detail, Map<String, Object> errors) {
        return new ProblemException(422, "https://muse.social/problems/validation", "Validation failed", detail,
                Map.of("errors", errors), null);
    }
}
