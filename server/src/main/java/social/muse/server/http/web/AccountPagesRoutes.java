package social.muse.server.http.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.ClientAddress;
import social.muse.server.http.RequestParams;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.PasswordResetProcessor;
import social.muse.server.processing.auth.RateLimiter;

import java.util.Locale;

/**
 * The pages mail links lead to: e-mail confirmation and password reset. Links only show a page; the
 * change happens on a CSRF-protected post, because mail scanners open links to inspect them and
 * would otherwise confirm addresses or use up reset links nobody clicked.
 */
public final class AccountPagesRoutes implements HttpService {
    private final AccountProcessor accounts;
    private final PasswordResetProcessor resets;
    private final RateLimiter rateLimiter;
    private final Csrf csrf;
    private final WebSessions sessions;
    private final ObjectMapper mapper;

    public AccountPagesRoutes(AccountProcessor accounts, PasswordResetProcessor resets, RateLimiter rateLimiter,
                              Csrf csrf, WebSessions sessions, ObjectMapper mapper) {
        this.accounts = accounts;
        this.resets = resets;
        this.rateLimiter = rateLimiter;
        this.csrf = csrf;
        this.sessions = sessions;
        this.mapper = mapper;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/auth/confirmation", this::confirmationPage)
                .post("/auth/confirmation", this::confirm)
                .get("/auth/password/new", this::resetRequestPage)
                .post("/auth/password/new", this::requestReset)
                .get("/auth/password/edit", this::newPasswordPage)
                .post("/auth/password/edit", this::changePassword);
    }

    private void confirmationPage(ServerRequest req, ServerResponse res) {
        String token = req.query().first("token").orElse("");
        if (token.isEmpty() || !accounts.confirmationLinkValid(token)) {
            deadConfirmationLink(res);
            return;
        }
        Html.send(res, 200, "Confirm your e-mail address", "<h1>Confirm your e-mail address</h1>\n"
                + "<p>One last step: confirm that this address is yours.</p>\n"
                + Html.form("/auth/confirmation", csrf.token(req, res), Html.hidden("token", token), "Confirm my address"));
    }

    private void confirm(ServerRequest req, ServerResponse res) {
        RequestParams params = csrf.verifiedForm(req, mapper);
        String token = params.string("token").orElse("");
        if (token.isEmpty() || !accounts.confirmEmail(token)) {
            deadConfirmationLink(res);
            return;
        }
        Html.send(res, 200, "E-mail address confirmed", "<h1>E-mail address confirmed</h1>\n"
                + Html.notice("Your e-mail address is confirmed; you can now sign in."));
    }

    private static void deadConfirmationLink(ServerResponse res) {
        Html.send(res, 404, "Link not valid", "<h1>This confirmation link does not work</h1>\n"
                + Html.error("The link is unknown, was already used, or has expired.")
                + "<p>If your address is already confirmed, just sign in. Otherwise sign in with your app "
                + "and ask it to send a new confirmation mail.</p>");
    }

    private void resetRequestPage(ServerRequest req, ServerResponse res) {
        renderResetRequest(req, res, null, 200);
    }

    private void renderResetRequest(ServerRequest req, ServerResponse res, String error, int status) {
        Html.send(res, status, "Reset your password", "<h1>Reset your password</h1>\n" + Html.error(error)
                + "<p>Enter the e-mail address of your account. We will send you a link to choose a new password.</p>\n"
                + Html.form("/auth/password/new", csrf.token(req, res),
                Html.input("email", "email", "E-mail address", "email", ""), "Send me a link"));
    }

    private void requestReset(ServerRequest req, ServerResponse res) {
        RequestParams params = csrf.verifiedForm(req, mapper);
        if (!rateLimiter.tryAcquire(RateLimiter.MAIL, ClientAddress.of(req))) {
            renderResetRequest(req, res, "Too many requests from your network. Wait half an hour and try again.", 429);
            return;
        }
        String email = params.string("email").orElse("");
        if (email.isEmpty()) {
            renderResetRequest(req, res, "Enter the e-mail address of your account.", 422);
            return;
        }
        // Also limited per recipient, against flooding one inbox from many addresses; the answer stays the same.
        if (rateLimiter.tryAcquire(RateLimiter.MAIL, "recipient:" + email.toLowerCase(Locale.ROOT))) {
            resets.requestReset(email);
        }
        Html.send(res, 200, "Check your mail", "<h1>Check your mail</h1>\n"
                + Html.notice("If an account uses that address, we sent a link to choose a new password.")
                + "<p>The link works once and for " + PasswordResetProcessor.LINK_VALIDITY.toMinutes()
                + " minutes. Nothing arrived? Check your spam folder, or <a href=\"/auth/password/new\">ask again</a>.</p>");
    }

    private void newPasswordPage(ServerRequest req, ServerResponse res) {
        String token = req.query().first("token").orElse("");
        if (token.isEmpty() || !resets.linkValid(token)) {
            deadResetLink(res);
            return;
        }
        renderNewPassword(req, res, token, null, 200);
    }

    private void renderNewPassword(ServerRequest req, ServerResponse res, String token, String error, int status) {
        Html.send(res, status, "Choose a new password", "<h1>Choose a new password</h1>\n" + Html.error(error)
                + Html.form("/auth/password/edit", csrf.token(req, res), Html.hidden("token", token) + "\n"
                        + Html.input("password", "password", "New password", "new-password", "")
                        + Html.input("password", "password_confirmation", "New password again", "new-password", ""),
                "Change my password"));
    }

    private void changePassword(ServerRequest req, ServerResponse res) {
        RequestParams params = csrf.verifiedForm(req, mapper);
        String token = params.string("token").orElse("");
        String password = params.strings("password").stream().findFirst().orElse("");
        if (token.isEmpty()) {
            deadResetLink(res);
            return;
        }
        if (!password.equals(params.strings("password_confirmation").stream().findFirst().orElse(""))) {
            renderNewPassword(req, res, token, "The two passwords differ.", 422);
            return;
        }
        PasswordResetProcessor.Outcome outcome;
        try {
            outcome = resets.reset(token, password);
        } catch (ValidationFailed e) {
            renderNewPassword(req, res, token, e.getMessage(), 422);
            return;
        }
        if (outcome == PasswordResetProcessor.Outcome.LINK_INVALID) {
            deadResetLink(res);
            return;
        }
        sessions.end(req, res);
        Html.send(res, 200, "Password changed", "<h1>Password changed</h1>\n"
                + Html.notice("Password changed; sign in again.")
                + "<p>Every app and browser that was signed in to your account has been signed out.</p>");
    }

    private static void deadResetLink(ServerResponse res) {
        Html.send(res, 404, "Link not valid", "<h1>This password reset link does not work</h1>\n"
                + Html.error("The link is unknown, was already used, or has expired.")
                + "<p><a href=\"/auth/password/new\">Ask for a new link</a>.</p>");
    }
}
