package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.auth.RateLimiter;

import java.util.Map;

/** {@code /api/v1/emails}: a new confirmation mail for a person whose address is not confirmed yet. */
public final class EmailsRoutes implements HttpService {
    private final AccountProcessor accounts;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final Responses responses;

    public EmailsRoutes(AccountProcessor accounts, Authenticator authenticator, RateLimiter rateLimiter, Responses responses) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/confirmations", this::resendConfirmation);
    }

    /** Unconfirmed people cannot pass {@link Authenticator#requireMember}, so their state is checked here. */
    private void resendConfirmation(ServerRequest req, ServerResponse res) {
        Member member = authenticator.require(req, "write:accounts").requireMember();
        AccountProcessor.State state = AccountProcessor.state(member);
        if (state == AccountProcessor.State.SUSPENDED) {
            throw new MastodonException(403, AccountProcessor.describe(state));
        }
        if (member.user().confirmed()) {
            throw new MastodonException(403, "This method is only available while the e-mail is awaiting confirmation");
        }
        if (!rateLimiter.tryAcquire(RateLimiter.MAIL, "account:" + member.account().id())) {
            throw MastodonException.tooManyRequests();
        }
        accounts.resendConfirmation(member.account().id());
        responses.json(res, Map.of());
    }
}
