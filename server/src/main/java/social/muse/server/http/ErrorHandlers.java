package social.muse.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.auth.OAuthException;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.http.problem.ProblemException;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.NotFound;
import social.muse.server.processing.ValidationFailed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders every error in the shape of the API that was called: problem+json under /api/muse,
 * Mastodon's {@code {"error"}} elsewhere under /api and /oauth, plain text for pages. A stack trace
 * never reaches a client; unexpected errors are logged with the request id, which the client gets.
 */
public final class ErrorHandlers {
    private static final System.Logger LOG = System.getLogger(ErrorHandlers.class.getName());
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");

    private final ObjectMapper mapper;

    public ErrorHandlers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(MastodonException.class, keepingResponseHeaders(this::mastodon))
                .error(ProblemException.class, keepingResponseHeaders(this::problem))
                .error(OAuthException.class, keepingResponseHeaders(this::oauth))
                .error(ClientError.class, keepingResponseHeaders((req, res, e) -> byPath(req, res, e.status(), e.getMessage())))
                .error(ValidationFailed.class, keepingResponseHeaders(this::validation))
                .error(NotAllowed.class, keepingResponseHeaders((req, res, e) -> byPath(req, res, 403, e.getMessage())))
                .error(NotFound.class, keepingResponseHeaders((req, res, e) -> byPath(req, res, 404, e.getMessage())))
                .error(Throwable.class, keepingResponseHeaders(this::unexpected));
    }

    /**
     * Helidon resets the response's headers before an error handler runs; the request id and the CORS
     * headers must survive, since errors are when a client most needs to read the response.
     */
    private static <T extends Throwable> ErrorHandler<T> keepingResponseHeaders(ErrorHandler<T> handler) {
        return (req, res, e) -> {
            res.header(RequestIds.HEADER, RequestIds.of(req));
            CorsFilter.apply(req, res);
            handler.handle(req, res, e);
        };
    }

    private void mastodon(ServerRequest req, ServerResponse res, MastodonException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (!e.details().isEmpty()) {
            body.put("details", e.details());
        }
        send(res, e.status(), io.helidon.common.media.type.MediaTypes.APPLICATION_JSON.text(), body);
    }

    /** Mastodon: 422 with {@code details} per field; Muse API: problem+json with an {@code errors} extension. */
    private void validation(ServerRequest req, ServerResponse res, ValidationFailed e) {
        if (req.path().absolute().rawPath().startsWith("/api/muse/")) {
            problem(req, res, ProblemException.validation(e.getMessage(), new LinkedHashMap<>(e.issues())));
            return;
        }
        Map<String, List<MastodonException.FieldError>> details = new LinkedHashMap<>();
        e.issues().forEach((field, issues) -> details.put(field,
                issues.stream().map(i -> new MastodonException.FieldError(i.code(), i.description())).toList()));
        mastodon(req, res, new MastodonException(422, e.getMessage(), details));
    }

    private void oauth(ServerRequest req, ServerResponse res, OAuthException e) {
        if (e.status() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"Muse\", error=\"" + e.code() + "\"");
        }
        send(res, e.status(), "application/json", Map.of("error", e.code(), "error_description", e.getMessage()));
    }

    private void problem(ServerRequest req, ServerResponse res, ProblemException e) {
        if (e.getCause() != null) {
            LOG.log(System.Logger.Level.WARNING, "request " + RequestIds.of(req) + ": " + e.getMessage(), e.getCause());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", req.path().absolute().rawPath());
        body.putAll(e.extensions());
        send(res, e.status(), PROBLEM_JSON.text(), body);
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        if (e instanceof io.helidon.http.RequestException re && re.status().code() < 500) {
            byPath(req, res, re.status().code(), re.status().reasonPhrase());
            return;
        }
        // Helidon's own outcomes: "no route matched" (404) and static content's 304/412 conditional answers.
        if (e instanceof io.helidon.http.HttpException he && he.status().code() < 500) {
            he.headers().forEach(res::header);
            if (he.status().code() < 400) {
                res.status(he.status()).send();
            } else {
                byPath(req, res, he.status().code(), he.status().reasonPhrase());
            }
            return;
        }
        String requestId = RequestIds.of(req);
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " " + req.prologue().method().text() + " "
                + req.path().absolute().rawPath() + " failed", e);
        byPath(req, res, 500, "Internal server error (request id " + requestId + ")");
    }

    private void byPath(ServerRequest req, ServerResponse res, int status, String message) {
        String path = req.path().absolute().rawPath();
        if (path.startsWith("/api/muse/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", Status.create(status).reasonPhrase());
            body.put("status", status);
            body.put("detail", message);
            body.put("instance", path);
            send(res, status, PROBLEM_JSON.text(), body);
        } else if (path.startsWith("/api/") || path.startsWith("/oauth/") || path.startsWith("/.well-known/") || path.startsWith("/nodeinfo/")) {
            send(res, status, "application/json", Map.of("error", message));
        } else {
            res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8").send(message);
        }
    }

    private void send(ServerResponse res, int status, String contentType, Object body) {
        if (res.isSent()) {
            return;
        }
        try {
            res.status(status).header(HeaderNames.CONTENT_TYPE, contentType).send(mapper.writeValueAsBytes(body));
        } catch (Exception e) {
            res.status(500).send();
        }
    }
}
