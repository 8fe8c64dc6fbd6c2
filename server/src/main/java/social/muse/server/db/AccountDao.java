package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

public final class AccountDao {
    private static final String COLUMNS = """
            id, username, domain, display_name, note, fields::text AS fields, locked, bot, discoverable, indexable,
            avatar_file, header_file, created_at, updated_at, suspended_at, actor_type, uri, url, inbox_url,
            shared_inbox_url, outbox_url, followers_url, following_url, featured_url, moved_to_uri, fetched_at, deleted_at""";

    public AccountRow insertLocal(Handle h, String username) {
        return h.createQuery("INSERT INTO accounts (username) VALUES (:username) RETURNING " + COLUMNS)
                .bind("username", username)
                .mapTo(AccountRow.class)
                .one();
    }

    /** The instance actor; a concurrent insert by another process is tolerated by the caller re-reading. */
    public AccountRow insertInstanceActor(Handle h, String username) {
        return h.createQuery("""
                        INSERT INTO accounts (username, actor_type, discoverable, indexable)
                        VALUES (:username, 'Application', false, false)
                        ON CONFLICT DO NOTHING
                        RETURNING""" + " " + COLUMNS)
                .bind("username", username)
                .mapTo(AccountRow.class)
                .findOne()
                .orElseGet(() -> byUsername(h, username, null).orElseThrow());
    }

    /** Several accounts in one query, by id. */
    public java.util.Map<Long, AccountRow> byIds(Handle h, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, ids)
                .mapTo(AccountRow.class)
                .collectToMap(AccountRow::id, a -> a);
    }

    public Optional<AccountRow> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id)
                .mapTo(AccountRow.class)
                .findOne();
    }

    /** A local account by name ({@code domain} null) or a known remote one; names compare case-insensitively. */
    public Optional<AccountRow> byUsername(Handle h, String username, String domain) {
        return h.createQuery("SELECT " + COLUMNS + """
                         FROM accounts
                        WHERE lower(username) = lower(:username)
                          AND coalesce(lower(domain), '') = coalesce(lower(:domain), '')""")
                .bind("username", username)
                .bind("domain", domain)
                .mapTo(AccountRow.class)
                .findOne();
    }

    public boolean usernameTaken(Handle h, String username) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM accounts WHERE lower(username) = lower(:u) AND domain IS NULL)")
                .bind("u", username)
                .mapTo(Boolean.class)
                .one();
    }

    public AccountRow updateProfile(Handle h, AccountRow a) {
        return h.createQuery("""
                        UPDATE accounts
                           SET display_name = :displayName, note = :note, fields = CAST(:fields AS jsonb),
                               locked = :locked, bot = :bot, discoverable = :discoverable, indexable = :indexable,
                               avatar_file = :avatarFile, header_file = :headerFile, updated_at = now()
                         WHERE id = :id
                        RETURNING""" + " " + COLUMNS)
                .bindMethods(a)
                .mapTo(AccountRow.class)
                .one();
    }

    /** Known, active accounts whose username starts with {@code prefix}, local ones first. */
    public java.util.List<AccountRow> byUsernamePrefix(Handle h, String prefix, int limit, int offset) {
        return h.createQuery("SELECT " + COLUMNS + """
                         FROM accounts
                        WHERE lower(username) LIKE lower(:prefix) || '%' ESCAPE '\\'
                          AND suspended_at IS NULL AND deleted_at IS NULL AND actor_type <> 'Application'
                        ORDER BY domain IS NOT NULL, lower(username), domain
                        LIMIT :limit OFFSET :offset""")
                .bind("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .bind("limit", limit).bind("offset", offset)
                .mapTo(AccountRow.class)
                .list();
    }

    /** Local, discoverable accounts {@code viewer} does not follow yet (nor is), newest first: who to follow. */
    public java.util.List<AccountRow> suggestions(Handle h, long viewer, int limit) {
        return h.createQuery("SELECT " + COLUMNS + """
                         FROM accounts a
                        WHERE a.domain IS NULL AND a.discoverable AND a.id <> :viewer
                          AND a.suspended_at IS NULL AND a.deleted_at IS NULL AND a.actor_type <> 'Application'
                          AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.account_id = :viewer AND f.target_account_id = a.id)
                          AND NOT EXISTS (SELECT 1 FROM follow_requests r WHERE r.account_id = :viewer AND r.target_account_id = a.id)
                          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = a.id)
                                                                    OR (b.account_id = a.id AND b.target_account_id = :viewer))
                        ORDER BY a.id DESC
                        LIMIT :limit""")
                .bind("viewer", viewer).bind("limit", limit)
                .mapTo(AccountRow.class)
                .list();
    }

    public long countLocal(Handle h) {
        return h.createQuery("SELECT count(*) FROM accounts WHERE domain IS NULL AND suspended_at IS NULL")
                .mapTo(Long.class)
                .one();
    }
}
