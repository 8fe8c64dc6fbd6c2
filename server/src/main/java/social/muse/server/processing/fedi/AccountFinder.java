package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.LocalAddresses;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;

import java.util.Locale;
import java.util.Optional;

/** Finds an account by what people type or paste: {@code @name}, {@code @name@server}, or an actor or profile URL. */
public final class AccountFinder {
    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final LocalAddresses localAddresses;
    private final RemoteActors remoteActors;
    private final String domain;

    public AccountFinder(Jdbi jdbi, AccountDao accounts, LocalAddresses localAddresses, RemoteActors remoteActors,
                         String domain) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.localAddresses = localAddresses;
        this.remoteActors = remoteActors;
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    /** A handle or URL: ours from the database, another server's through WebFinger and a signed fetch. */
    public Optional<AccountRow> find(String handleOrUrl) {
        return localAddresses.username(handleOrUrl)
                .map(name -> jdbi.withHandle(h -> accounts.byUsername(h, name, null)))
                .orElseGet(() -> remoteActors.resolve(handleOrUrl));
    }

    /**
     * A mentioned account: {@code domain} null or ours means a local one; a remote account we know is used as
     * stored (no network), one we do not know is looked up.
     */
    public Optional<AccountRow> mentioned(String username, String domain) {
        if (domain == null || domain.equalsIgnoreCase(this.domain)) {
            return jdbi.withHandle(h -> accounts.byUsername(h, username, null));
        }
        return jdbi.withHandle(h -> accounts.byUsername(h, username, domain.toLowerCase(Locale.ROOT)))
                .or(() -> remoteActors.resolve(username + "@" + domain));
    }
}
