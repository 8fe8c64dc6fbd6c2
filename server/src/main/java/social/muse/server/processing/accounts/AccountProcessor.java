package social.muse.server.processing.accounts;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.InviteDao;
import social.muse.server.db.OneTimeTokenDao;
import social.muse.server.db.UserDao;
import social.muse.server.db.UserRow;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.auth.PasswordHasher;
import social.muse.server.processing.auth.Secrets;
import social.muse.server.processing.mail.Mail;
import social.muse.server.processing.mail.Mailer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Local accounts: sign-up under the instance's registration mode, sign-in, and the state that gates sign-in. */
public final class AccountProcessor {
    static final int USERNAME_MAX = 30;
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int REASON_MAX = 1000;
    private static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(2);
    public static final Duration OWNER_SETUP_VALIDITY = Duration.ofHours(24);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*");
    /** Names that would impersonate the instance or collide with paths and well-known roles. */
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "root", "support", "help", "info",
            "abuse", "security", "postmaster", "hostmaster", "webmaster", "noreply", "no_reply", "muse", "moderator",
            "mod", "staff", "system", "instance", "api", "oauth", "auth", "settings", "about", "users", "static", "media");
    /** A short list of the passwords attackers try first; a sign-up with one of them is refused. */
    private static final Set<String> COMMON_PASSWORDS = Set.of("password", "password1", "password123", "12345678",
            "123456789", "1234567890", "qwertyuiop", "qwerty123", "iloveyou", "11111111", "00000000", "abc12345",
            "letmein1", "welcome1", "sunshine", "princess", "football", "baseball", "trustno1", "passw0rd",
            "superman", "starwars", "whatever", "1q2w3e4r", "zaq12wsx", "asdfghjk", "qwertyui", "aa123456");

    public enum State { ACTIVE, UNCONFIRMED, PENDING_APPROVAL, SUSPENDED }

    public record SignUp(String username, String email, String password, boolean agreement, String locale,
                         String reason, String inviteCode) {
        @Override
        public String toString() {
            return "SignUp[username=" + username + "]";
        }
    }

    public record Member(AccountRow account, UserRow user) {
    }

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final UserDao users;
    private final InviteDao invites;
    private final OneTimeTokenDao oneTimeTokens;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final MuseConfig config;
    private final Uris uris;
    private final Clock clock;

    public AccountProcessor(Jdbi jdbi, AccountDao accounts, UserDao users, InviteDao invites, OneTimeTokenDao oneTimeTokens,
                            PasswordHasher hasher, Mailer mailer, MuseConfig config, Uris uris, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.users = users;
        this.invites = invites;
        this.oneTimeTokens = oneTimeTokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.config = config;
        this.uris = uris;
        this.clock = clock;
    }

    /**
     * Creates an account under the registration mode. Closed instances accept only valid invites;
     * approval-mode accounts wait for a moderator unless invited; without real mail delivery the
     * address is taken as confirmed.
     */
    public Member register(SignUp s) {
        boolean hasInvite = s.inviteCode() != null && !s.inviteCode().isBlank();
        if (config.registrations() == MuseConfig.Registrations.CLOSED && !hasInvite) {
            throw new NotAllowed("Registrations are closed on this instance");
        }
        validate(s, false);
        String passwordHash = hasher.hash(s.password());
        String confirmationToken = Secrets.newSecret();
        Member member;
        try {
            member = jdbi.inTransaction(h -> {
                Long inviteId = null;
                if (hasInvite) {
                    inviteId = invites.redeem(h, s.inviteCode().strip())
                            .orElseThrow(() -> ValidationFailed.of("invite_code", "ERR_INVALID", "is invalid, used up or expired"))
                            .id();
                }
                boolean approved = config.registrations() == MuseConfig.Registrations.OPEN || inviteId != null;
                Member created = insertMember(h, s, passwordHash, "user", !mailer.delivers(), approved, inviteId);
                if (mailer.delivers()) {
                    oneTimeTokens.insert(h, Secrets.hash(confirmationToken), OneTimeTokenDao.Purpose.EMAIL_CONFIRMATION,
                            created.account().id(), clock.instant().plus(CONFIRMATION_VALIDITY));
                }
                return created;
            });
        } catch (UnableToExecuteStatementException e) {
            throw uniqueViolation(e).orElseThrow(() -> e);
        }
        if (mailer.delivers()) {
            sendConfirmation(member, confirmationToken);
        }
        return member;
    }

    private Member insertMember(Handle h, SignUp s, String passwordHash, String role, boolean confirmed, boolean approved,
                                Long inviteId) {
        AccountRow account = accounts.insertLocal(h, s.username().strip());
        UserRow user = users.insert(h, new UserDao.NewUser(account.id(), s.email().strip(), passwordHash, role,
                normalizeLocale(s.locale()), confirmed, approved, blankToNull(s.reason()), inviteId));
        return new Member(account, user);
    }

    /**
     * While no administrator exists, issues a fresh owner setup secret (retiring earlier ones) for the
     * start-up banner. Empty once the instance has an owner or admin.
     */
    public Optional<String> issueOwnerSetupToken() {
        String token = Secrets.newSecret();
        boolean issued = jdbi.inTransaction(h -> {
            if (users.anyAdministrator(h)) {
                return false;
            }
            oneTimeTokens.invalidate(h, OneTimeTokenDao.Purpose.OWNER_SETUP, null);
            oneTimeTokens.insert(h, Secrets.hash(token), OneTimeTokenDao.Purpose.OWNER_SETUP, null,
                    clock.instant().plus(OWNER_SETUP_VALIDITY));
            return true;
        });
        return issued ? Optional.of(token) : Optional.empty();
    }

    public boolean administratorExists() {
        return jdbi.withHandle(users::anyAdministrator);
    }

    /** Whether an owner setup link can still be used, without using it (to render its form). */
    public boolean ownerSetupLinkValid(String token) {
        return linkValid(token, OneTimeTokenDao.Purpose.OWNER_SETUP);
    }

    /** Whether a confirmation link can still be used, without using it (to render its button). */
    public boolean confirmationLinkValid(String token) {
        return linkValid(token, OneTimeTokenDao.Purpose.EMAIL_CONFIRMATION);
    }

    private boolean linkValid(String token, OneTimeTokenDao.Purpose purpose) {
        return jdbi.withHandle(h -> oneTimeTokens.isValid(h, Secrets.hash(token), purpose));
    }

    /**
     * Creates the owner account, confirmed and approved whatever the registration mode, under the same
     * rules as a sign-up. The setup link is used up in the same transaction, so of two concurrent
     * submissions only one creates an owner. Empty when the link is unknown, used or expired, or an
     * administrator already exists.
     */
    public Optional<Member> createOwner(String setupToken, String username, String email, String password) {
        SignUp s = new SignUp(username, email, password, true, null, null, null);
        validate(s, true);
        String passwordHash = hasher.hash(password);
        try {
            return jdbi.inTransaction(h -> {
                if (oneTimeTokens.consume(h, Secrets.hash(setupToken), OneTimeTokenDao.Purpose.OWNER_SETUP).isEmpty()
                        || users.anyAdministrator(h)) {
                    return Optional.<Member>empty();
                }
                return Optional.of(insertMember(h, s, passwordHash, "owner", true, true, null));
            });
        } catch (UnableToExecuteStatementException e) {
            throw uniqueViolation(e).orElseThrow(() -> e);
        }
    }

    /** Sends a fresh confirmation link, retiring earlier ones. Does nothing for confirmed addresses. */
    public void resendConfirmation(long accountId) {
        Optional<Member> member = member(accountId).filter(m -> !m.user().confirmed());
        if (member.isEmpty() || !mailer.delivers()) {
            return;
        }
        String token = Secrets.newSecret();
        jdbi.useTransaction(h -> {
            oneTimeTokens.invalidate(h, OneTimeTokenDao.Purpose.EMAIL_CONFIRMATION, accountId);
            oneTimeTokens.insert(h, Secrets.hash(token), OneTimeTokenDao.Purpose.EMAIL_CONFIRMATION, accountId,
                    clock.instant().plus(CONFIRMATION_VALIDITY));
        });
        sendConfirmation(member.get(), token);
    }

    /** Confirms the address behind a confirmation link; false when the link is unknown, used or expired. */
    public boolean confirmEmail(String token) {
        return jdbi.inTransaction(h -> oneTimeTokens.consume(h, Secrets.hash(token), OneTimeTokenDao.Purpose.EMAIL_CONFIRMATION)
                .flatMap(account -> account)
                .map(accountId -> {
                    users.confirm(h, accountId);
                    return true;
                })
                .orElse(false));
    }

    private void sendConfirmation(Member member, String token) {
        mailer.send(new Mail(member.user().email(), "Confirm your e-mail address for " + config.instance().title(),
                "Hello @" + member.account().username() + ",\n\n"
                        + "please confirm your e-mail address by opening this link:\n\n"
                        + uris.absolute("/auth/confirmation?token=" + token) + "\n\n"
                        + "The link works once and for " + CONFIRMATION_VALIDITY.toHours() + " hours. "
                        + "If you did not sign up at " + config.domain() + ", ignore this mail.\n"));
    }

    /**
     * The member whose e-mail or username and password match. A wrong name costs the same time as a
     * wrong password, and both give the same answer, so sign-in reveals nothing about who has an account.
     */
    public Optional<Member> authenticate(String login, String password) {
        Optional<UserRow> user = jdbi.withHandle(h -> users.byLogin(h, login.strip()));
        if (user.isEmpty()) {
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        if (!hasher.verify(password, user.get().passwordHash())) {
            return Optional.empty();
        }
        return member(user.get().accountId());
    }

    public Optional<Member> member(long accountId) {
        return jdbi.withHandle(h -> accounts.byId(h, accountId)
                .flatMap(account -> users.byAccountId(h, accountId).map(user -> new Member(account, user))));
    }

    public static State state(Member member) {
        if (member.account().suspendedAt() != null) {
            return State.SUSPENDED;
        }
        if (!member.user().confirmed()) {
            return State.UNCONFIRMED;
        }
        if (!member.user().approved()) {
            return State.PENDING_APPROVAL;
        }
        return State.ACTIVE;
    }

    /** The words Mastodon uses to tell a person why their sign-in cannot be used yet. */
    public static String describe(State state) {
        return switch (state) {
            case ACTIVE -> "Your account is active";
            case UNCONFIRMED -> "Your login is missing a confirmed e-mail address";
            case PENDING_APPROVAL -> "Your login is currently pending approval";
            case SUSPENDED -> "Your login is currently disabled";
        };
    }

    /** {@code reservedAllowed}: the owner may take a reserved name such as "admin"; the instance is theirs. */
    private void validate(SignUp s, boolean reservedAllowed) {
        var issues = new ValidationFailed.Collector();
        String username = s.username() == null ? "" : s.username().strip();
        if (username.isEmpty()) {
            issues.add("username", "ERR_BLANK", "can't be blank");
        } else if (username.length() > USERNAME_MAX) {
            issues.add("username", "ERR_TOO_LONG", "is too long (maximum is " + USERNAME_MAX + " characters)");
        } else if (!USERNAME.matcher(username).matches()) {
            issues.add("username", "ERR_INVALID", "must contain only letters, numbers and underscores");
        } else if (!reservedAllowed && RESERVED.contains(username.toLowerCase(Locale.ROOT))) {
            issues.add("username", "ERR_RESERVED", "is reserved");
        } else if (jdbi.withHandle(h -> accounts.usernameTaken(h, username))) {
            issues.add("username", "ERR_TAKEN", "has already been taken");
        }

        String email = s.email() == null ? "" : s.email().strip();
        if (email.isEmpty()) {
            issues.add("email", "ERR_BLANK", "can't be blank");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            issues.add("email", "ERR_INVALID", "is invalid");
        } else if (jdbi.withHandle(h -> users.emailTaken(h, email))) {
            issues.add("email", "ERR_TAKEN", "has already been taken");
        }

        passwordIssues(s.password(), username, email, issues);

        if (!s.agreement()) {
            issues.add("agreement", "ERR_ACCEPTED", "must be accepted");
        }
        if (s.locale() != null && !s.locale().isBlank() && !LOCALE.matcher(s.locale().strip()).matches()) {
            issues.add("locale", "ERR_INCLUSION", "is not included in the list");
        }
        if (s.reason() != null && s.reason().length() > REASON_MAX) {
            issues.add("reason", "ERR_TOO_LONG", "is too long (maximum is " + REASON_MAX + " characters)");
        }
        issues.throwIfAny();
    }

    /** Length limits plus a refusal of the most guessed passwords and of the person's own name or address. */
    public static void passwordIssues(String password, String username, String email, ValidationFailed.Collector issues) {
        if (password == null || password.isEmpty()) {
            issues.add("password", "ERR_BLANK", "can't be blank");
            return;
        }
        if (password.length() < PASSWORD_MIN) {
            issues.add("password", "ERR_TOO_SHORT", "is too short (minimum is " + PASSWORD_MIN + " characters)");
            return;
        }
        if (password.length() > PASSWORD_MAX) {
            issues.add("password", "ERR_TOO_LONG", "is too long (maximum is " + PASSWORD_MAX + " characters)");
            return;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT) : "";
        if (COMMON_PASSWORDS.contains(lower) || lower.chars().distinct().count() < 4
                || (!username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT)))
                || (localPart.length() >= 4 && lower.contains(localPart))) {
            issues.add("password", "ERR_INVALID", "is too easy to guess");
        }
    }

    private static Optional<ValidationFailed> uniqueViolation(UnableToExecuteStatementException e) {
        if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
            String message = String.valueOf(sql.getMessage());
            if (message.contains("users_email_key")) {
                return Optional.of(ValidationFailed.of("email", "ERR_TAKEN", "has already been taken"));
            }
            if (message.contains("accounts_username_domain_key")) {
                return Optional.of(ValidationFailed.of("username", "ERR_TAKEN", "has already been taken"));
            }
        }
        return Optional.empty();
    }

    private static String normalizeLocale(String locale) {
        return locale == null || locale.isBlank() ? "en" : locale.strip().replace('_', '-');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
