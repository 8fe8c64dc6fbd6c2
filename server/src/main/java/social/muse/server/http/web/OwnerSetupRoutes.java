package social.muse.server.http.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.RequestParams;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.AccountProcessor.Member;

import java.util.Optional;

/**
 * {@code /auth/setup}: the page behind the one-time link the server prints on its first start, where
 * the person who runs the instance creates the owner account. There is no "first sign-up becomes
 * admin": only whoever can read the server's output holds the link.
 */
public final class OwnerSetupRoutes implements HttpService {
    private final AccountProcessor accounts;
    private final Csrf csrf;
    private final WebSessions sessions;
    private final ObjectMapper mapper;

    public OwnerSetupRoutes(AccountProcessor accounts, Csrf csrf, WebSessions sessions, ObjectMapper mapper) {
        this.accounts = accounts;
        this.csrf = csrf;
        this.sessions = sessions;
        this.mapper = mapper;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/auth/setup", this::setupPage)
                .post("/auth/setup", this::createOwner);
    }

    /** What the person typed, kept to refill the form after a refusal (never the passwords). */
    private record Entered(String username, String email) {
        static final Entered NOTHING = new Entered("", "");
    }

    private void setupPage(ServerRequest req, ServerResponse res) {
        String token = req.query().first("token").orElse("");
        if (accounts.administratorExists()) {
            ownerExists(res);
        } else if (token.isEmpty() || !accounts.ownerSetupLinkValid(token)) {
            deadLink(res);
        } else {
            renderForm(req, res, token, Entered.NOTHING, null, 200);
        }
    }

    private void createOwner(ServerRequest req, ServerResponse res) {
        RequestParams params = csrf.verifiedForm(req, mapper);
        String token = params.string("token").orElse("");
        Entered entered = new Entered(params.string("username").orElse(""), params.string("email").orElse(""));
        String password = params.strings("password").stream().findFirst().orElse("");
        if (accounts.administratorExists()) {
            ownerExists(res);
            return;
        }
        if (token.isEmpty()) {
            deadLink(res);
            return;
        }
        if (!password.equals(params.strings("password_confirmation").stream().findFirst().orElse(""))) {
            renderForm(req, res, token, entered, "The two passwords differ.", 422);
            return;
        }
        Optional<Member> owner;
        try {
            owner = accounts.createOwner(token, entered.username(), entered.email(), password);
        } catch (ValidationFailed e) {
            renderForm(req, res, token, entered, e.getMessage(), 422);
            return;
        }
        if (owner.isEmpty()) {
            if (accounts.administratorExists()) {
                ownerExists(res);
            } else {
                deadLink(res);
            }
            return;
        }
        sessions.start(res, owner.get().account().id());
        Html.send(res, 200, "Owner account created", "<h1>Welcome, @" + Html.escape(owner.get().account().username()) + "</h1>\n"
                + Html.notice("The owner account exists, and this browser is signed in to it.")
                + "<p>Sign in with the same e-mail address or username and password in the Muse web app or any Mastodon app.</p>");
    }

    private void renderForm(ServerRequest req, ServerResponse res, String token, Entered entered, String error, int status) {
        Html.send(res, status, "Create the owner account", "<h1>Create the owner account</h1>\n" + Html.error(error)
                + "<p>This account owns the instance and can administer it. The link works once.</p>\n"
                + Html.form("/auth/setup", csrf.token(req, res), Html.hidden("token", token) + "\n"
                        + Html.input("text", "username", "Username", "username", entered.username())
                        + Html.input("email", "email", "E-mail address", "email", entered.email())
                        + Html.input("password", "password", "Password", "new-password", "")
                        + Html.input("password", "password_confirmation", "Password again", "new-password", ""),
                "Create the owner account"));
    }

    private static void ownerExists(ServerResponse res) {
        Html.send(res, 410, "Setup finished", "<h1>This instance already has an owner</h1>\n"
                + Html.error("The setup link no longer works, because an administrator account exists.")
                + "<p>Sign in with that account instead.</p>");
    }

    private static void deadLink(ServerResponse res) {
        Html.send(res, 404, "Link not valid", "<h1>This setup link does not work</h1>\n"
                + Html.error("The link is unknown, was already used, or has expired.")
                + "<p>Restart the server: while no administrator exists, it prints a new setup link on every start.</p>");
    }
}
