package social.muse.server.processing.social;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.PageQuery;
import social.muse.server.processing.NotFound;
import social.muse.server.processing.fedi.OutboundFollows;

import java.util.List;
import java.util.Map;

/**
 * Who follows whom, and the follow requests a locked account answers: authorising makes the follow (a remote
 * requester's server gets Accept), rejecting or removing a follower ends it (Reject for a remote one).
 */
public final class FollowLists {
    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final FollowDao follows;
    private final OutboundFollows outboundFollows;

    public FollowLists(Jdbi jdbi, AccountDao accounts, FollowDao follows, OutboundFollows outboundFollows) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.follows = follows;
        this.outboundFollows = outboundFollows;
    }

    public List<Blocks.Listed> followers(AccountRow account, PageQuery page) {
        return listed(jdbi.withHandle(h -> follows.page(h, account.id(), true, page)));
    }

    public List<Blocks.Listed> following(AccountRow account, PageQuery page) {
        return listed(jdbi.withHandle(h -> follows.page(h, account.id(), false, page)));
    }

    public List<Blocks.Listed> requests(AccountRow me, PageQuery page) {
        return listed(jdbi.withHandle(h -> follows.requestPage(h, me.id(), page)));
    }

    public void authorize(AccountRow me, AccountRow requester) {
        jdbi.useTransaction(h -> {
            if (!outboundFollows.authorize(h, me, requester)) {
                throw new NotFound("Record not found");
            }
        });
    }

    public void reject(AccountRow me, AccountRow requester) {
        jdbi.useTransaction(h -> {
            if (follows.request(h, requester.id(), me.id()).isEmpty()) {
                throw new NotFound("Record not found");
            }
            end(h, me, requester);
        });
    }

    /** Mastodon's remove_from_followers: the follow ends; a remote follower's server gets Reject. */
    public void removeFollower(AccountRow me, AccountRow follower) {
        jdbi.useTransaction(h -> end(h, me, follower));
    }

    private void end(org.jdbi.v3.core.Handle h, AccountRow me, AccountRow other) {
        if (other.isLocal()) {
            follows.deleteFollow(h, other.id(), me.id());
            follows.deleteRequest(h, other.id(), me.id());
        } else {
            outboundFollows.reject(h, me, other);
        }
    }

    private List<Blocks.Listed> listed(List<FollowDao.Entry> entries) {
        Map<Long, AccountRow> byId = jdbi.withHandle(h -> accounts.byIds(h,
                entries.stream().map(FollowDao.Entry::accountId).toList()));
        return entries.stream()
                .filter(e -> byId.containsKey(e.accountId()))
                .map(e -> new Blocks.Listed(e.followId(), byId.get(e.accountId())))
                .toList();
    }
}
