package social.muse.server.processing.accounts;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.OAuthDao;
import social.muse.server.db.OneTimeTokenDao;
import social.muse.server.db.UserDao;
import social.muse.server.db.UserRow;
import social.muse.server.db.WebSessionDao;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.auth.PasswordHasher;
import social.muse.server.processing.auth.Secrets;
import social.muse.server.processing.mail.Mail;
import social.muse.server.processing.mail.Mailer;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * "Forgot your password": a single-use link by mail, then a new password that signs the account out
 * everywhere. Asking for a link reveals nothing about who has an account: the answer is the same and
 * the work (lookup, link, mail) happens in the background, so it takes the same time either way.
 */
public final class PasswordResetProcessor {
    public static final Duration LINK_VALIDITY = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(PasswordResetProcessor.class.getName());

    public enum Outcome { CHANGED, LINK_INVALID }

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final UserDao users;
    private final OneTimeTokenDao oneTimeTokens;
    private final OAuthDao oauth;
    private final WebSessionDao webSessions;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final MuseConfig config;
    private final Uris uris;
    private final Clock clock;
    private final Executor background;

    public PasswordResetProcessor(Jdbi jdbi, AccountDao accounts, UserDao users, OneTimeTokenDao oneTimeTokens,
                                  OAuthDao oauth, WebSessionDao webSessions, PasswordHasher hasher, Mailer mailer,
                                  MuseConfig config, Uris uris, Clock clock, Executor background) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.users = users;
        this.oneTimeTokens = oneTimeTokens;
        this.oauth = oauth;
        this.webSessions = webSessions;
        this.hasher = hasher;
        this.mailer = mailer;
        this.config = config;
        this.uris = uris;
        this.clock = clock;
        this.background = background;
    }

    /** Mails a reset link, retiring earlier ones, if a local account uses {@code email}; returns at once. */
    public void requestReset(String email) {
        String address = email.strip();
        background.execute(() -> {
            try {
                sendLinkIfKnown(address);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not issue a password reset link", e);
            }
        });
    }

    private void sendLinkIfKnown(String email) {
        String token = Secrets.newSecret();
        Optional<AccountProcessor.Member> member = jdbi.inTransaction(h -> users.byEmail(h, email).flatMap(user -> {
            oneTimeTokens.invalidate(h, OneTimeTokenDao.Purpose.PASSWORD_RESET, user.accountId());
            oneTimeTokens.insert(h, Secrets.hash(token), OneTimeTokenDao.Purpose.PASSWORD_RESET, user.accountId(),
                    clock.instant().plus(LINK_VALIDITY));
            return accounts.byId(h, user.accountId()).map(account -> new AccountProcessor.Member(account, user));
        }));
        member.ifPresent(m -> mailer.send(new Mail(m.user().email(), "Reset your password on " + config.instance().title(),
                "Hello @" + m.account().username() + ",\n\n"
                        + "someone, hopefully you, asked to reset the password of your account on " + config.domain()
                        + ". Choose a new password here:\n\n"
                        + uris.absolute("/auth/password/edit?token=" + token) + "\n\n"
                        + "The link works once and for " + LINK_VALIDITY.toMinutes() + " minutes. "
                        + "If you did not ask for it, ignore this mail: your password stays as it is.\n")));
    }

    /** Whether a reset link can still be used, without using it (to render its form). */
    public boolean linkValid(String token) {
        return jdbi.withHandle(h -> oneTimeTokens.isValid(h, Secrets.hash(token), OneTimeTokenDao.Purpose.PASSWORD_RESET));
    }

    /**
     * Uses the link to set {@code newPassword}, then revokes every OAuth token and browser session of
     * the account. A password that breaks the rules throws {@link ValidationFailed} and leaves the link
     * usable (the transaction that used it rolls back).
     */
    public Outcome reset(String token, String newPassword) {
        return jdbi.inTransaction(h -> {
            Optional<Long> accountId = oneTimeTokens.consume(h, Secrets.hash(token), OneTimeTokenDao.Purpose.PASSWORD_RESET)
                    .flatMap(account -> account);
            Optional<AccountRow> account = accountId.flatMap(id -> accounts.byId(h, id));
            Optional<UserRow> user = accountId.flatMap(id -> users.byAccountId(h, id));
            if (account.isEmpty() || user.isEmpty()) {
                return Outcome.LINK_INVALID;
            }
            var issues = new ValidationFailed.Collector();
            AccountProcessor.passwordIssues(newPassword, account.get().username(), user.get().email(), issues);
            issues.throwIfAny();
            long id = account.get().id();
            users.setPasswordHash(h, id, hasher.hash(newPassword));
            oauth.revokeAllOfAccount(h, id);
            webSessions.deleteAllOfAccount(h, id);
            return Outcome.CHANGED;
        });
    }
}
