package social.muse.server.http.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.ClientError;
import social.muse.server.http.RequestParams;
import social.muse.server.processing.auth.Secrets;

import java.time.Duration;

/**
 * CSRF protection of form posts by the double-submit pattern: a random value in a SameSite=Strict
 * cookie must come back, equal, in the form's hidden field. Another site can make a browser post a
 * form but can neither read nor set our cookie, so it cannot know the value to put in the form.
 */
public final class Csrf {
    public static final String COOKIE = "muse_csrf";
    public static final String FIELD = "authenticity_token";
    private static final Duration LIFETIME = Duration.ofHours(2);

    private final Cookies cookies;

    public Csrf(Cookies cookies) {
        this.cookies = cookies;
    }

    /** The token to embed in a form: the caller's current one, or a new one set as a cookie. */
    public String token(ServerRequest request, ServerResponse response) {
        String token = Cookies.read(request, COOKIE).filter(t -> t.length() == 43).orElseGet(Secrets::newSecret);
        cookies.write(response, COOKIE, token, LIFETIME, "Strict");
        return token;
    }

    /** The parameters of a form post, refused (403) unless it carries this browser's token. */
    public RequestParams verifiedForm(ServerRequest request, ObjectMapper mapper) {
        RequestParams params = RequestParams.read(request, mapper, 0);
        verify(request, params.string(FIELD).orElse(null));
        return params;
    }

    /** Refuses (403) a form post whose token is missing or differs from the cookie's. */
    public void verify(ServerRequest request, String submitted) {
        String expected = Cookies.read(request, COOKIE).orElse("");
        if (expected.isEmpty() || submitted == null || !Secrets.constantTimeEquals(expected, submitted)) {
            throw new ClientError(403, "The form has expired or did not come from this site. Go back, reload the page and try again.");
        }
    }
}
