package social.muse.server.testing;

import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;

/**
 * Writes accounts, sign-ins and token uses straight into a test instance's database, so statistics
 * can be checked against known data before the sign-up and OAuth endpoints are involved.
 */
public final class InstanceData {
    private final Jdbi jdbi;

    public InstanceData(TestInstance instance) {
        this.jdbi = instance.app().database().jdbi();
    }

    /** A local person who signed up {@code age} ago; {@code approved} and {@code suspended} as given. Returns the account id. */
    public long localUser(String username, Duration age, boolean approved, boolean suspended) {
        Instant createdAt = Instant.now().minus(age);
        return jdbi.withHandle(h -> {
            long id = h.createQuery("""
                            INSERT INTO accounts (username, created_at, updated_at, suspended_at)
                            VALUES (:username, :createdAt, :createdAt, :suspendedAt)
                            RETURNING id
                            """)
                    .bind("username", username)
                    .bind("createdAt", createdAt)
                    .bind("suspendedAt", suspended ? createdAt : null)
                    .mapTo(Long.class)
                    .one();
            h.createUpdate("""
                            INSERT INTO users (account_id, email, password_hash, approved, confirmed_at, created_at)
                            VALUES (:id, :email, 'not-a-hash', :approved, :createdAt, :createdAt)
                            """)
                    .bind("id", id)
                    .bind("email", username + "@mail.example")
                    .bind("approved", approved)
                    .bind("createdAt", createdAt)
                    .execute();
            return id;
        });
    }

    public long remoteAccount(String username, String domain) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO accounts (username, domain) VALUES (:username, :domain) RETURNING id")
                .bind("username", username)
                .bind("domain", domain)
                .mapTo(Long.class)
                .one());
    }

    /** An OAuth token for the account, created {@code createdAgo} ago and last used {@code lastUsedAgo} ago (null: never). */
    public void token(long accountId, Duration createdAgo, Duration lastUsedAgo) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            long applicationId = h.createQuery("""
                            INSERT INTO oauth_applications (name, redirect_uris, scopes, client_id, client_secret_hash)
                            VALUES ('Test app', ARRAY['urn:ietf:wg:oauth:2.0:oob'], 'read', md5(random()::text), 'x')
                            RETURNING id
                            """)
                    .mapTo(Long.class)
                    .one();
            h.createUpdate("""
                            INSERT INTO oauth_tokens (token_hash, application_id, account_id, scopes, created_at, last_used_at)
                            VALUES (md5(random()::text), :applicationId, :accountId, 'read', :createdAt, :lastUsedAt)
                            """)
                    .bind("applicationId", applicationId)
                    .bind("accountId", accountId)
                    .bind("createdAt", now.minus(createdAgo))
                    .bind("lastUsedAt", lastUsedAgo == null ? null : now.minus(lastUsedAgo))
                    .execute();
        });
    }

    /** A browser sign-in {@code ago} ago. */
    public void webSession(long accountId, Duration ago) {
        Instant createdAt = Instant.now().minus(ago);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at)
                        VALUES (md5(random()::text), :accountId, :createdAt, :expiresAt)
                        """)
                .bind("accountId", accountId)
                .bind("createdAt", createdAt)
                .bind("expiresAt", createdAt.plus(Duration.ofDays(30)))
                .execute());
    }

    /**
     * The data set the statistics tests share. Local users: alice (old, token used 10 days ago),
     * bob (old, browser sign-in 100 days ago), carol (old, idle), dave (signed up just now); not
     * counted: eve (suspended), frank (awaiting approval), two remote accounts on two domains.
     * So: 4 users, 2 active in 30 days, 3 in 180 days, 2 known domains.
     */
    public static void populate(TestInstance instance) {
        InstanceData data = new InstanceData(instance);
        Duration old = Duration.ofDays(400);
        long alice = data.localUser("alice", old, true, false);
        data.token(alice, old, Duration.ofDays(10));
        long bob = data.localUser("bob", old, true, false);
        data.webSession(bob, Duration.ofDays(100));
        data.localUser("carol", old, true, false);
        data.localUser("dave", Duration.ZERO, true, false);
        long eve = data.localUser("eve", Duration.ofDays(2), true, true);
        data.token(eve, Duration.ofDays(1), Duration.ofHours(1));
        data.localUser("frank", Duration.ofDays(1), false, false);
        data.remoteAccount("gina", "remote.example");
        data.remoteAccount("hugo", "Other.Example");
        data.remoteAccount("ines", "remote.example");
    }
}
