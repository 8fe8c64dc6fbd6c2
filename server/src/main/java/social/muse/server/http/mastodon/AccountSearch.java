package social.muse.server.http.mastodon;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finding accounts by what someone typed, for {@code /api/v2/search} and {@code /api/v1/accounts/search} (mention
 * autocompletion): a handle or an actor URL is resolved (WebFinger and a signed fetch) when {@code resolve} is asked
 * by a signed-in caller, anything else matches usernames by prefix.
 */
public final class AccountSearch {
    private static final Pattern HANDLE = Pattern.compile("@?[A-Za-z0-9_.~-]+@[A-Za-z0-9.:\\[\\]-]+");

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final Function<String, Optional<AccountRow>> remoteResolver;

    public AccountSearch(Jdbi jdbi, AccountDao accounts, Function<String, Optional<AccountRow>> remoteResolver) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.remoteResolver = remoteResolver;
    }

    List<AccountRow> find(String q, boolean resolve, int limit, int offset) {
        boolean addressable = HANDLE.matcher(q).matches() || q.startsWith("https://") || q.startsWith("http://");
        if (addressable) {
            return resolve ? remoteResolver.apply(q).stream().toList() : List.of();
        }
        return jdbi.withHandle(h -> accounts.byUsernamePrefix(h, q.startsWith("@") ? q.substring(1) : q, limit, offset));
    }
}
