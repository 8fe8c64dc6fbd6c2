package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Remote accounts as their actor documents describe them, and the public keys they publish. */
public final class RemoteAccountDao {
    /** What an actor document says about an account; {@code fields} is JSON text of sanitised name/value pairs. */
    public record RemoteProfile(String uri, String username, String domain, String actorType, String displayName,
                                String note, String fields, boolean locked, boolean bot, boolean discoverable,
                                boolean indexable, String url, String inboxUrl, String sharedInboxUrl, String outboxUrl,
                                String followersUrl, String followingUrl, String featuredUrl, List<String> alsoKnownAs,
                                String movedToUri, boolean memorial) {
    }

    public record RemoteKeyRow(String keyId, long accountId, String algorithm, String publicKey, Instant fetchedAt) {
    }

    private final AccountDao accounts = new AccountDao();

    public Optional<AccountRow> byUri(Handle h, String uri) {
        return h.createQuery("SELECT id FROM accounts WHERE uri = :uri")
                .bind("uri", uri).mapTo(Long.class).findOne()
                .flatMap(id -> accounts.byId(h, id));
    }

    /**
     * Inserts or refreshes the account with this uri. The handle {@code username@domain} belongs to whoever
     * holds it now: an older account with the same handle but another uri (a reinstalled server, a
     * re-created actor) keeps its posts but is renamed {@code username~<id>}, as it can no longer be addressed.
     */
    public AccountRow upsert(Handle h, RemoteProfile p, Instant fetchedAt) {
        h.createUpdate("""
                        UPDATE accounts SET username = username || '~' || id
                         WHERE lower(username) = lower(:username) AND lower(domain) = lower(:domain)
                           AND uri IS DISTINCT FROM :uri""")
                .bind("username", p.username()).bind("domain", p.domain()).bind("uri", p.uri())
                .execute();
        long id = h.createQuery("""
                        INSERT INTO accounts (uri, username, domain, actor_type, display_name, note, fields, locked, bot,
                                              discoverable, indexable, url, inbox_url, shared_inbox_url, outbox_url,
                                              followers_url, following_url, featured_url, also_known_as, moved_to_uri,
                                              memorial, fetched_at, deleted_at)
                        VALUES (:uri, :username, :domain, :actorType, :displayName, :note, CAST(:fields AS jsonb), :locked, :bot,
                                :discoverable, :indexable, :url, :inboxUrl, :sharedInboxUrl, :outboxUrl,
                                :followersUrl, :followingUrl, :featuredUrl, :alsoKnownAs, :movedToUri,
                                :memorial, :fetchedAt, NULL)
                        ON CONFLICT (uri) WHERE uri IS NOT NULL DO UPDATE SET
                            username = EXCLUDED.username, domain = EXCLUDED.domain, actor_type = EXCLUDED.actor_type,
                            display_name = EXCLUDED.display_name, note = EXCLUDED.note, fields = EXCLUDED.fields,
                            locked = EXCLUDED.locked, bot = EXCLUDED.bot, discoverable = EXCLUDED.discoverable,
                            indexable = EXCLUDED.indexable, url = EXCLUDED.url, inbox_url = EXCLUDED.inbox_url,
                            shared_inbox_url = EXCLUDED.shared_inbox_url, outbox_url = EXCLUDED.outbox_url,
                            followers_url = EXCLUDED.followers_url, following_url = EXCLUDED.following_url,
                            featured_url = EXCLUDED.featured_url, also_known_as = EXCLUDED.also_known_as,
                            moved_to_uri = EXCLUDED.moved_to_uri, memorial = EXCLUDED.memorial,
                            fetched_at = EXCLUDED.fetched_at, updated_at = now()
                        RETURNING id""")
                .bind("uri", p.uri()).bind("username", p.username()).bind("domain", p.domain())
                .bind("actorType", p.actorType()).bind("displayName", p.displayName()).bind("note", p.note())
                .bind("fields", p.fields()).bind("locked", p.locked()).bind("bot", p.bot())
                .bind("discoverable", p.discoverable()).bind("indexable", p.indexable()).bind("url", p.url())
                .bind("inboxUrl", p.inboxUrl()).bind("sharedInboxUrl", p.sharedInboxUrl()).bind("outboxUrl", p.outboxUrl())
                .bind("followersUrl", p.followersUrl()).bind("followingUrl", p.followingUrl())
                .bind("featuredUrl", p.featuredUrl()).bindArray("alsoKnownAs", String.class, p.alsoKnownAs())
                .bind("movedToUri", p.movedToUri()).bind("memorial", p.memorial()).bind("fetchedAt", fetchedAt)
                .mapTo(Long.class).one();
        return accounts.byId(h, id).orElseThrow();
    }

    public List<String> alsoKnownAs(Handle h, long accountId) {
        return h.createQuery("SELECT unnest(also_known_as) FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(String.class).list();
    }

    /** Replaces the account's published keys with {@code keys} (a rotated key drops the old one). */
    public void replaceKeys(Handle h, long accountId, List<RemoteKeyRow> keys) {
        h.createUpdate("DELETE FROM remote_keys WHERE account_id = :id").bind("id", accountId).execute();
        for (RemoteKeyRow key : keys) {
            h.createUpdate("""
                            INSERT INTO remote_keys (key_id, account_id, algorithm, public_key, fetched_at)
                            VALUES (:keyId, :accountId, :algorithm, :publicKey, :fetchedAt)
                            ON CONFLICT (key_id) DO UPDATE SET account_id = EXCLUDED.account_id,
                                algorithm = EXCLUDED.algorithm, public_key = EXCLUDED.public_key, fetched_at = EXCLUDED.fetched_at""")
                    .bind("keyId", key.keyId()).bind("accountId", accountId).bind("algorithm", key.algorithm())
                    .bind("publicKey", key.publicKey()).bind("fetchedAt", key.fetchedAt())
                    .execute();
        }
    }

    public Optional<RemoteKeyRow> key(Handle h, String keyId) {
        return h.createQuery("SELECT key_id, account_id, algorithm, public_key, fetched_at FROM remote_keys WHERE key_id = :k")
                .bind("k", keyId).mapTo(RemoteKeyRow.class).findOne();
    }

    /** The actor gone: Mastodon purges its posts and relationships; the account row stays as a marker. */
    public void markDeleted(Handle h, long accountId) {
        h.createUpdate("UPDATE accounts SET deleted_at = now() WHERE id = :id").bind("id", accountId).execute();
        for (String table : List.of("statuses", "favourites", "follow_requests", "follows", "blocks")) {
            h.createUpdate("DELETE FROM " + table + " WHERE account_id = :id").bind("id", accountId).execute();
        }
        for (String table : List.of("follow_requests", "follows", "blocks")) {
            h.createUpdate("DELETE FROM " + table + " WHERE target_account_id = :id").bind("id", accountId).execute();
        }
        h.createUpdate("DELETE FROM remote_keys WHERE account_id = :id").bind("id", accountId).execute();
    }

    /** Whether a suspend policy names the host, alone or with its port ({@code host:port}). */
    public boolean domainSuspended(Handle h, String host, String authority) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM domain_policies
                                        WHERE domain IN (lower(:host), lower(:authority)) AND severity = 'suspend')""")
                .bind("host", host).bind("authority", authority).mapTo(Boolean.class).one();
    }

    /** Every domain ({@code host} or {@code host:port}) with a suspend policy. */
    public List<String> suspendedDomains(Handle h) {
        return h.createQuery("SELECT domain FROM domain_policies WHERE severity = 'suspend'")
                .mapTo(String.class).list();
    }

    /**
     * Makes the configured policies current: each listed domain gets its severity (rows an operator made otherwise are
     * left alone), and rows that came from configuration but are no longer listed go.
     */
    public void applyConfiguredPolicies(Handle h, List<String> suspended, List<String> silenced) {
        List<String> listed = new java.util.ArrayList<>(suspended);
        listed.addAll(silenced);
        h.createUpdate("DELETE FROM domain_policies WHERE reason = :reason AND NOT (domain = ANY(:listed))")
                .bind("reason", CONFIGURED).bindArray("listed", String.class, listed.toArray()).execute();
        var upsert = h.prepareBatch("""
                INSERT INTO domain_policies (domain, severity, reason) VALUES (:domain, :severity, :reason)
                ON CONFLICT (domain) DO UPDATE SET severity = EXCLUDED.severity
                WHERE domain_policies.reason = EXCLUDED.reason""");
        suspended.forEach(d -> upsert.bind("domain", d).bind("severity", "suspend").bind("reason", CONFIGURED).add());
        silenced.forEach(d -> upsert.bind("domain", d).bind("severity", "silence").bind("reason", CONFIGURED).add());
        if (!listed.isEmpty()) {
            upsert.execute();
        }
    }

    /** The reason recorded on policies that come from MUSE_FEDERATION_SUSPENDED_DOMAINS / _SILENCED_DOMAINS. */
    static final String CONFIGURED = "configuration";

    /** Claims the one-time reading of the account's outbox: true for the first caller only. */
    public boolean claimOutboxFetch(Handle h, long accountId) {
        return h.createUpdate("UPDATE accounts SET outbox_fetched_at = now() WHERE id = :id AND outbox_fetched_at IS NULL")
                .bind("id", accountId).execute() > 0;
    }
}
