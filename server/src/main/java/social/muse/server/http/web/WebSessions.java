package social.muse.server.http.web;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.WebSessionDao;
import social.muse.server.processing.auth.Secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The browser session of the sign-in pages: a random cookie, stored hashed, that names the account. */
public final class WebSessions {
    public static final String COOKIE = "muse_session";
    private static final Duration LIFETIME = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final WebSessionDao dao;
    private final Cookies cookies;
    private final Clock clock;

    public WebSessions(Jdbi jdbi, WebSessionDao dao, Cookies cookies, Clock clock) {
        this.jdbi = jdbi;
        this.dao = dao;
        this.cookies = cookies;
        this.clock = clock;
    }

    public Optional<Long> account(ServerRequest request) {
        return Cookies.read(request, COOKIE).flatMap(secret -> jdbi.withHandle(h -> dao.accountOf(h, Secrets.hash(secret))));
    }

    public void start(ServerResponse response, long accountId) {
        String secret = Secrets.newSecret();
        jdbi.useHandle(h -> dao.insert(h, Secrets.hash(secret), accountId, clock.instant().plus(LIFETIME)));
        cookies.write(response, COOKIE, secret, LIFETIME, "Lax");
    }

    public void end(ServerRequest request, ServerResponse response) {
        Cookies.read(request, COOKIE).ifPresent(secret -> jdbi.useHandle(h -> dao.delete(h, Secrets.hash(secret))));
        cookies.clear(response, COOKIE);
    }
}
